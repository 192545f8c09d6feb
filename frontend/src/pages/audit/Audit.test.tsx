import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../lib/router';
import { json, mockFetch } from '../../test/fetchMock';
import { AuditPage, categoriesOf, categoryParam, filterFromSearch, searchOf } from './AuditPage';

const entry = (seq: number) => ({
  seq,
  eventId: `e${seq}`,
  at: '2026-03-01T10:00:00Z',
  eventType: 'UserRegistered',
  category: 'account',
  aggregateType: 'UserAccount',
  aggregateId: 'u1',
  userId: 'u1',
  username: 'alice',
  actorId: 'admin-1',
  actorUsername: 'root',
  actorRole: 'admin',
  clientIp: '127.0.0.1',
  traceId: 't',
  payload: { username: 'alice' },
  previousHash: 'p'.repeat(64),
  hash: 'h'.repeat(64),
});

function renderPage() {
  return render(
    <RouterProvider>
      <AuditPage />
    </RouterProvider>,
  );
}

const eventCalls = (calls: { url: string }[]) => calls.filter((c) => c.url.startsWith('/api/audit/events'));

beforeEach(() => {
  window.history.replaceState(null, '', '/audit');
});

describe('audit explorer', () => {
  it('lists events, pages on, filters, offers export and shows the chain status', async () => {
    const calls = mockFetch({
      'GET /api/audit/events': (call) =>
        call.url.includes('cursor=1')
          ? json(200, { entries: [entry(2)], nextCursor: null })
          : json(200, { entries: [entry(1)], nextCursor: '1' }),
      'GET /api/audit/verify': () =>
        json(200, {
          intact: false,
          rowsChecked: 5,
          firstBrokenSeq: 4,
          firstBrokenEventId: 'e4',
          reason: 'content changed',
        }),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(1);
    // the default: newest first and market data hidden, both the API's defaults
    expect(eventCalls(calls)[0]?.url).toBe('/api/audit/events?limit=50');
    expect(await screen.findByTestId('chain-status')).toHaveTextContent('Broken at row 4 (event e4): content changed');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
    await user.type(screen.getByLabelText('Event type'), 'UserRegistered');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(calls.some((c) => c.url.includes('type=UserRegistered'))).toBe(true));
    expect(screen.getByTestId('export-csv')).toHaveAttribute(
      'href',
      '/api/audit/export?type=UserRegistered&category=account%2Csecurity%2Ccredentials%2Ctrading%2Csystem&format=csv',
    );
    expect(screen.getByTestId('export-case')).toHaveAttribute(
      'href',
      '/api/audit/case?type=UserRegistered&category=account%2Csecurity%2Ccredentials%2Ctrading%2Csystem',
    );
    await user.click(screen.getAllByRole('button', { name: 'Show' })[0] as HTMLElement);
    expect(screen.getByText(/"username": "alice"/)).toBeInTheDocument();
  });

  it('shows usernames for users and actors, with the ids in tooltips', async () => {
    mockFetch({
      'GET /api/audit/events': () =>
        json(200, {
          entries: [entry(1), { ...entry(2), username: null, actorId: 'system:market', actorUsername: null }],
          nextCursor: null,
        }),
      'GET /api/audit/verify': () => json(200, { intact: true, rowsChecked: 2 }),
    });
    renderPage();
    const rows = await screen.findAllByTestId('audit-row');
    const first = within(rows[0] as HTMLElement);
    expect(first.getAllByText('alice')[0]).toHaveAttribute('title', 'u1');
    expect(first.getByText('root')).toHaveAttribute('title', 'admin-1');
    expect(first.queryByText('admin-1')).toBeNull();
    const second = within(rows[1] as HTMLElement);
    expect(second.getByText('system:market')).toBeInTheDocument();
    expect(second.getAllByText('u1').length).toBeGreaterThan(0);
  });

  it('keeps the filters in the page URL: a shared URL shows the same list, and applying updates it', async () => {
    window.history.replaceState(null, '', '/audit?user=alice&type=LoginFailed&category=security%2Cmarket&order=oldest');
    const calls = mockFetch({
      'GET /api/audit/events': () => json(200, { entries: [entry(1)], nextCursor: null }),
      'GET /api/audit/verify': () => json(200, { intact: true, rowsChecked: 1 }),
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId('audit-row');
    expect(eventCalls(calls)[0]?.url).toBe(
      '/api/audit/events?limit=50&user=alice&type=LoginFailed&category=security%2Cmarket&order=oldest',
    );
    expect(screen.getByLabelText('User')).toHaveValue('alice');
    expect(screen.getByLabelText('Event type')).toHaveValue('LoginFailed');
    expect(screen.getByLabelText('Order')).toHaveValue('oldest');
    expect(screen.getByRole('checkbox', { name: 'Security' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Market data' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Accounts' })).not.toBeChecked();

    await user.clear(screen.getByLabelText('User'));
    await user.type(screen.getByLabelText('User'), 'bob');
    await user.click(screen.getByRole('checkbox', { name: 'Accounts' }));
    await user.selectOptions(screen.getByLabelText('Order'), 'newest');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(window.location.search).toBe('?user=bob&type=LoginFailed&category=account%2Csecurity%2Cmarket'),
    );
    await waitFor(() =>
      expect(eventCalls(calls).at(-1)?.url).toBe(
        '/api/audit/events?limit=50&user=bob&type=LoginFailed&category=account%2Csecurity%2Cmarket',
      ),
    );
  });

  it('has market data unchecked by default, and every category checked asks for all', async () => {
    const calls = mockFetch({
      'GET /api/audit/events': () => json(200, { entries: [entry(1)], nextCursor: null }),
      'GET /api/audit/verify': () => json(200, { intact: true, rowsChecked: 1 }),
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId('audit-row');
    const categories = within(screen.getByTestId('categories'));
    expect(categories.getByRole('checkbox', { name: 'Market data' })).not.toBeChecked();
    for (const name of ['Accounts', 'Security', 'Credentials', 'Trading', 'System']) {
      expect(categories.getByRole('checkbox', { name })).toBeChecked();
    }
    await user.click(categories.getByRole('checkbox', { name: 'Market data' }));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(window.location.search).toBe('?category=all'));
    await waitFor(() => expect(eventCalls(calls).at(-1)?.url).toBe('/api/audit/events?limit=50&category=all'));
  });

  it('opens the details beside the list and closes them with the button or Escape', async () => {
    mockFetch({
      'GET /api/audit/events': () => json(200, { entries: [entry(1), entry(2)], nextCursor: null }),
      'GET /api/audit/verify': () => json(200, { intact: true, rowsChecked: 2 }),
    });
    const user = userEvent.setup();
    renderPage();
    const show = (await screen.findAllByRole('button', { name: 'Show' }))[1] as HTMLElement;
    expect(screen.queryByTestId('audit-panel')).toBeNull();
    await user.click(show);
    const panel = screen.getByTestId('audit-panel');
    expect(within(panel).getByRole('heading', { name: 'Event #2: UserRegistered' })).toBeInTheDocument();
    expect(within(panel).getByText('p'.repeat(64))).toBeInTheDocument();
    expect(within(panel).getByText('h'.repeat(64))).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Close event details' })).toHaveFocus();
    expect(show).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('audit-panel')).toBeNull();
    expect(show).toHaveFocus();

    // keyboard only: the row's button opens it, Enter on Close closes it
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('audit-panel')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('audit-panel')).toBeNull();

    // a click on the row itself opens it too
    await user.click(screen.getAllByTestId('audit-row')[0] as HTMLElement);
    expect(within(screen.getByTestId('audit-panel')).getByRole('heading', { name: /Event #1:/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close event details' }));
    expect(screen.queryByTestId('audit-panel')).toBeNull();
  });
});

describe('audit filters in the URL', () => {
  it('reads and writes the same query string', () => {
    const filter = filterFromSearch('?user=alice&from=2026-01-01T00%3A00%3A00.000Z&order=oldest&cursor=9&bogus=1');
    expect(filter).toEqual({ limit: 50, user: 'alice', from: '2026-01-01T00:00:00.000Z', order: 'oldest' });
    expect(searchOf(filter)).toBe('?user=alice&from=2026-01-01T00%3A00%3A00.000Z&order=oldest');
    expect(filterFromSearch('?order=newest')).toEqual({ limit: 50 });
  });

  it('names the default categories by leaving the parameter out', () => {
    expect(categoriesOf(undefined)).not.toContain('market');
    expect(categoryParam(categoriesOf(undefined))).toBeUndefined();
    expect(categoryParam(categoriesOf('all'))).toBe('all');
    expect(categoryParam(['trading', 'account'])).toBe('account,trading');
  });
});

describe('time travel', () => {
  it("shows an aggregate's state right after a chosen event, with the events that built it", async () => {
    const calls = mockFetch({
      'GET /api/audit/events': () => json(200, { entries: [entry(1)], nextCursor: null }),
      'GET /api/audit/verify': () => json(200, { intact: true, rowsChecked: 1 }),
      'GET /api/audit/aggregates/u1': () =>
        json(200, {
          aggregateId: 'u1',
          aggregateType: 'UserAccount',
          asOf: '2026-03-01T10:00:00Z',
          version: 0,
          state: { username: 'alice', role: 'trader' },
          events: [
            {
              sequence: 0,
              eventId: 'e1',
              at: '2026-03-01T10:00:00Z',
              eventType: 'UserRegistered',
              actorId: 'admin-1',
              payload: {},
            },
          ],
        }),
    });
    const user = userEvent.setup();
    renderPage();
    await user.click((await screen.findAllByRole('button', { name: 'Show' }))[0] as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'State of u1 right after this event' }));
    expect(await screen.findByText(/"role": "trader"/)).toBeInTheDocument();
    expect(screen.getByText(/version 0/)).toBeInTheDocument();
    expect(calls.find((c) => c.url.startsWith('/api/audit/aggregates/'))?.url).toBe(
      '/api/audit/aggregates/u1?at=2026-03-01T10%3A00%3A00Z',
    );
    const travel = screen.getByRole('form', { name: 'Time travel' });
    expect(within(travel).getByLabelText('Aggregate id')).toHaveValue('u1');
  });

  it('asks for an aggregate id before asking the server', async () => {
    const calls = mockFetch({
      'GET /api/audit/events': () => json(200, { entries: [], nextCursor: null }),
      'GET /api/audit/verify': () => json(200, { intact: true, rowsChecked: 0 }),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText('No events match.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show state' }));
    expect(await screen.findByText('Enter an aggregate id.')).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/audit/aggregates'))).toBe(false);
  });
});
