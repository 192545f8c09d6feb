import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { AuditPage } from './AuditPage';

const entry = (seq: number) => ({
  seq,
  eventId: `e${seq}`,
  at: '2026-03-01T10:00:00Z',
  eventType: 'UserRegistered',
  aggregateType: 'UserAccount',
  aggregateId: 'u1',
  userId: 'u1',
  actorId: 'admin-1',
  actorRole: 'admin',
  clientIp: '127.0.0.1',
  traceId: 't',
  payload: { username: 'alice' },
  previousHash: '0',
  hash: 'h',
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
    render(<AuditPage />);
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(1);
    expect(await screen.findByTestId('chain-status')).toHaveTextContent('Broken at row 4 (event e4): content changed');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
    await user.type(screen.getByLabelText('Event type'), 'UserRegistered');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(calls.some((c) => c.url.includes('type=UserRegistered'))).toBe(true));
    expect(screen.getByTestId('export-csv')).toHaveAttribute(
      'href',
      '/api/audit/export?limit=50&type=UserRegistered&format=csv',
    );
    await user.click(screen.getAllByRole('button', { name: 'Show' })[0] as HTMLElement);
    expect(screen.getByText(/"username": "alice"/)).toBeInTheDocument();
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
    render(<AuditPage />);
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
    render(<AuditPage />);
    expect(await screen.findByText('No events match.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show state' }));
    expect(await screen.findByText('Enter an aggregate id.')).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/audit/aggregates'))).toBe(false);
  });
});
