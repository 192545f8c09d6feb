import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../../lib/router';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { AdminConnectionsPage } from './AdminConnectionsPage';
import { AdminOverviewPage, totals } from './AdminOverviewPage';
import { AdminProjectionsPage } from './AdminProjectionsPage';
import { AdminUsersPage } from './AdminUsersPage';
import { bulkQuestion } from './BulkBotActions';
import type { AdminOverview } from '../../api/types';

const admin = { id: 'a1', username: 'root', role: 'admin' as const };

describe('admin users', () => {
  it('creates a user, showing the server field errors first', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let attempts = 0;
    const calls = mockFetch({
      'GET /api/admin/users': () => json(200, [admin]),
      'POST /api/admin/users': () => {
        attempts++;
        return attempts === 1
          ? problem(422, 'username taken', { errors: [{ field: 'username', message: 'is already taken' }] })
          : json(201, { id: 'new-id' });
      },
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminUsersPage me={admin} />
      </RouterProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    const dialog = screen.getByRole('dialog', { name: 'Create user' });
    await user.type(within(dialog).getByLabelText('Username'), 'carol');
    await user.type(within(dialog).getByLabelText('E-mail'), 'carol@example.com');
    await user.type(within(dialog).getByLabelText('Initial password'), 'a long enough password');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'viewer');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('is already taken')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('carol created.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toEqual({
      username: 'carol',
      email: 'carol@example.com',
      password: 'a long enough password',
      role: 'viewer',
    });
  });

  it('grants trading permission and unlocks a locked trader', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const trader = {
      id: 't1',
      username: 'alice',
      role: 'trader',
      active: true,
      tradingEnabled: false,
      locked: true,
      lockedUntil: '2026-03-01T10:15:00Z',
    };
    const calls = mockFetch({
      'GET /api/admin/users': () => json(200, [admin, trader]),
      'PATCH /api/admin/users/t1': () => json(200, { ...trader, tradingEnabled: true }),
      'POST /api/admin/users/t1/unlock': () => json(200, { ...trader, locked: false }),
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminUsersPage me={admin} />
      </RouterProvider>,
    );
    const row = (await screen.findByText('alice')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('checkbox'));
    expect(await screen.findByText('alice: trading allowed.')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('alice unlocked.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ tradingEnabled: true });
    expect(within(row).getByRole('combobox', { name: 'Role of alice' })).toBeEnabled();
    const own = screen.getByText('root').closest('tr') as HTMLElement;
    expect(within(own).getByRole('combobox', { name: 'Role of root' })).toBeDisabled();
  });
});

describe('bulk bot actions', () => {
  it("pauses the selected traders' bots after asking, and says for each whether it was done", async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const overview: AdminOverview = {
      users: [
        { userId: 't1', username: 'alice', role: 'trader', botStatus: 'RUNNING' },
        { userId: 't2', username: 'bob', role: 'trader', botStatus: 'RUNNING' },
        { userId: 't3', username: 'carol', role: 'trader', botStatus: 'RUNNING' },
      ],
    };
    const calls = mockFetch({
      'GET /api/admin/overview': () => json(200, overview),
      'GET /api/admin/overview/stream': () => new Response(null, { status: 404 }),
      'POST /api/admin/users/t1/bot/pause': () => json(200, { status: 'PAUSED' }),
      'POST /api/admin/users/t3/bot/pause': () => problem(409, 'the bot is not running', { code: 'BOT_NOT_RUNNING' }),
    });
    const asked: string[] = [];
    vi.stubGlobal('confirm', (text: string) => {
      asked.push(text);
      return true;
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminOverviewPage />
      </RouterProvider>,
    );
    const pause = await screen.findByRole('button', { name: 'Pause' });
    expect(pause).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select alice' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select carol' }));
    await user.click(pause);
    expect(asked[0]).toContain('Pause the bots of alice, carol?');
    const results = await screen.findByRole('status', { name: 'Bulk action results' });
    expect(results).toHaveTextContent('alice: paused');
    expect(results).toHaveTextContent('carol:');
    expect(within(results).getByText(/carol/)).toHaveClass('negative');
    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.url);
    expect(posts).toEqual(['/api/admin/users/t1/bot/pause', '/api/admin/users/t3/bot/pause']);
    vi.unstubAllGlobals();
  });

  it('sends nothing when the admin declines', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'GET /api/admin/overview': () =>
        json(200, { users: [{ userId: 't1', username: 'alice', role: 'trader', botStatus: 'RUNNING' }] }),
      'GET /api/admin/overview/stream': () => new Response(null, { status: 404 }),
    });
    vi.stubGlobal('confirm', () => false);
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminOverviewPage />
      </RouterProvider>,
    );
    await user.click(await screen.findByRole('checkbox', { name: 'Select alice' }));
    await user.click(screen.getByRole('button', { name: 'Stop and flatten' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(bulkQuestion('stop', ['alice'])).toContain('positions they hold stay open at BingX');
    vi.unstubAllGlobals();
  });
});

describe('changes that ask first', () => {
  it('says before a role change that a viewer loses their grants, and changes nothing when declined', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const viewer = { id: 'v1', username: 'vera', role: 'viewer', active: true, grantedTraders: ['t1', 't2'] };
    const calls = mockFetch({
      'GET /api/admin/users': () => json(200, [admin, viewer]),
      'PATCH /api/admin/users/v1': () => json(200, { ...viewer, role: 'auditor', grantedTraders: [] }),
    });
    const asked: string[] = [];
    let answer = false;
    vi.stubGlobal('confirm', (text: string) => {
      asked.push(text);
      return answer;
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminUsersPage me={admin} />
      </RouterProvider>,
    );
    const row = (await screen.findByText('vera')).closest('tr') as HTMLElement;
    await user.selectOptions(within(row).getByRole('combobox', { name: 'Role of vera' }), 'auditor');
    expect(asked[0]).toContain('Make vera an auditor instead of a viewer?');
    expect(asked[0]).toContain("Their access to 2 traders' accounts is dropped");
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    expect(within(row).getByRole('combobox', { name: 'Role of vera' })).toHaveValue('viewer');

    answer = true;
    await user.selectOptions(within(row).getByRole('combobox', { name: 'Role of vera' }), 'auditor');
    expect(await screen.findByText('vera is now auditor.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ role: 'auditor' });
    vi.unstubAllGlobals();
  });

  it('says before a deactivation that the trader is logged out and a running bot is not stopped', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const trader = { id: 't1', username: 'alice', role: 'trader', active: true };
    const calls = mockFetch({
      'GET /api/admin/users': () => json(200, [admin, trader]),
      'PATCH /api/admin/users/t1': () => json(200, { ...trader, active: false }),
    });
    const asked: string[] = [];
    vi.stubGlobal('confirm', (text: string) => {
      asked.push(text);
      return false;
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminUsersPage me={admin} />
      </RouterProvider>,
    );
    const row = (await screen.findByText('alice')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Deactivate' }));
    expect(asked[0]).toContain('They are logged out everywhere');
    expect(asked[0]).toContain('A bot they have running is not stopped by this');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    vi.unstubAllGlobals();
  });
});

describe('erasing a user', () => {
  it('erases only after the username is typed', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const trader = { id: 't1', username: 'alice', role: 'trader', active: true };
    const calls = mockFetch({
      'GET /api/admin/users': () => json(200, [admin, trader]),
      'POST /api/admin/users/t1/erase': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminUsersPage me={admin} />
      </RouterProvider>,
    );
    const row = (await screen.findByText('alice')).closest('tr') as HTMLElement;
    vi.stubGlobal('prompt', () => 'alic');
    await user.click(within(row).getByRole('button', { name: 'Erase' }));
    expect(calls.some((c) => c.url.endsWith('/erase'))).toBe(false);
    vi.stubGlobal('prompt', () => 'alice');
    await user.click(within(row).getByRole('button', { name: 'Erase' }));
    expect(await screen.findByText('alice erased.')).toBeInTheDocument();
    expect(calls.filter((c) => c.url === '/api/admin/users/t1/erase')).toHaveLength(1);
  });
});

describe('admin overview', () => {
  it('shows totals and one card per trader, and sums what the server leaves out', async () => {
    const overview: AdminOverview = {
      totals: { users: 3, runningBots: 1, pausedBots: 0, totalEquity: 20010.5, pnlToday: -12.25 },
      users: [
        {
          userId: 't1',
          username: 'alice',
          role: 'trader',
          botStatus: 'RUNNING',
          equity: 10010.5,
          pnlToday: -12.25,
          tradesToday: 3,
          openPositions: 1,
          connectionStatus: 'VERIFIED',
          connectionHealth: 'UNHEALTHY',
        },
        {
          userId: 't2',
          username: 'bob',
          role: 'trader',
          botStatus: 'STOPPED',
          equity: 10000,
          pnlToday: 0,
          tradesToday: 0,
          openPositions: 0,
        },
        { userId: 'v1', username: 'vera', role: 'viewer' },
      ],
    };
    expect(totals(overview)).toMatchObject({
      traders: 2,
      runningBots: 1,
      openPositions: 1,
      tradesToday: 3,
      totalEquity: 20010.5,
    });
    mockFetch({
      'GET /api/admin/overview': () => json(200, overview),
      'GET /api/admin/overview/stream': () => new Response(null, { status: 404 }),
    });
    render(
      <RouterProvider>
        <AdminOverviewPage />
      </RouterProvider>,
    );
    const cards = await screen.findAllByTestId('overview-user');
    expect(cards.map((c) => c.getAttribute('data-username'))).toEqual(['alice', 'bob']);
    expect(screen.getByTestId('total-trades')).toHaveTextContent('3');
    expect(screen.getByText('20,010.50 USDT')).toBeInTheDocument();
    expect(within(cards[0] as HTMLElement).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/admin/users/t1/dashboard',
    );
    expect(within(cards[0] as HTMLElement).getByText('VERIFIED')).toBeInTheDocument();
    expect(within(cards[0] as HTMLElement).getByText('unhealthy')).toBeInTheDocument();
    expect(within(cards[1] as HTMLElement).getByText('DISCONNECTED')).toBeInTheDocument();

    const switcher = screen.getByRole('combobox', { name: "Open a trader's dashboard" });
    expect(
      within(switcher)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a trader…', 'alice', 'bob']);
    await userEvent.setup().selectOptions(switcher, 'bob');
    expect(window.location.pathname).toBe('/admin/users/t2/dashboard');
  });
});

describe('projections and connections', () => {
  it('rebuilds a projection after confirmation', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    vi.stubGlobal('confirm', () => true);
    const calls = mockFetch({
      'GET /api/admin/projections': () =>
        json(200, [
          { name: 'users', running: true, replaying: false, claimedSegments: 1, position: 42, lag: 0, deadLetters: 0 },
        ]),
      'POST /api/admin/projections/users/rebuild': () =>
        json(200, {
          name: 'users',
          running: true,
          replaying: true,
          claimedSegments: 1,
          position: 0,
          lag: 42,
          deadLetters: 0,
        }),
    });
    const user = userEvent.setup();
    render(<AdminProjectionsPage />);
    await user.click(await screen.findByRole('button', { name: 'Rebuild' }));
    expect(await screen.findByText('users is rebuilding.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/admin/projections/users/rebuild')).toBe(true);
  });

  it('lists connections with their problems and rotates the master key', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    vi.stubGlobal('confirm', () => true);
    mockFetch({
      'GET /api/admin/connections': () =>
        json(200, [
          {
            userId: 't1',
            username: 'alice',
            status: 'VERIFIED',
            maskedApiKey: '****WXYZ',
            balance: 10000,
            health: { status: 'HEALTHY' },
            exchange: 'BINGX',
          },
          {
            userId: 't2',
            username: 'bob',
            status: 'FAILED',
            failure: { code: 'BAD_SIGNATURE', message: 'the secret key does not match' },
          },
        ]),
      'POST /api/admin/key-vault/rotate': () =>
        json(200, { rotationId: 'r1', masterKeyId: 'k2', rewrapped: 2, unreadable: 0 }),
    });
    const user = userEvent.setup();
    render(<AdminConnectionsPage />);
    expect(await screen.findByText('****WXYZ')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Exchange' })).toBeInTheDocument();
    expect(screen.getByText('BingX')).toBeInTheDocument();
    expect(screen.getByText('the secret key does not match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rotate master key' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Master key rotated (key k2): 2 data keys re-wrapped.'),
    );
  });
});
