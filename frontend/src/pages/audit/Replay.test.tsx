import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplayAggregateState, ReplayPage as Page, ReplayStep } from '../../api/types';
import { RouterProvider } from '../../lib/router';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { dashboardOf, replayParamsOf, replaySearch, ReplayPage, statesAt } from './ReplayPage';

const account = (risk: number): ReplayAggregateState => ({
  aggregateId: 'u1',
  aggregateType: 'UserAccount',
  version: 3,
  state: { username: 'alice', settings: { riskPerTradePct: risk, symbols: ['ETH-USDT'] } },
});
const session = (version: number, positions: Record<string, unknown>, risk = 2): ReplayAggregateState => ({
  aggregateId: 's1',
  aggregateType: 'TradingSession',
  version,
  state: {
    status: 'RUNNING',
    equity: 10000 + version,
    initialBalance: 10000,
    settings: { riskPerTradePct: risk, symbols: ['ETH-USDT'] },
    openPositions: positions,
  },
});
const credentials: ReplayAggregateState = {
  aggregateId: 'c1',
  aggregateType: 'ExchangeCredentials',
  version: 2,
  state: { status: 'VERIFIED', maskedApiKey: 'abcd…wxyz', observedEquity: 10000, observedAvailable: 9000 },
};
const position = { 'ETH-USDT:LONG': { quantity: 1.5, entryPrice: 2000, stopLoss: 1900, takeProfit: 2300 } };

function step(seq: number, eventType: string, state: ReplayAggregateState | null): ReplayStep {
  return {
    seq,
    eventId: `e${seq}`,
    at: '2026-03-01T10:00:00Z',
    eventType,
    category: 'trading',
    aggregateType: state?.aggregateType ?? null,
    aggregateId: state?.aggregateId ?? null,
    aggregateSequence: state?.version ?? null,
    userId: 'u1',
    username: 'alice',
    actorId: 'system:trading',
    actorRole: 'system',
    payload: { eventType },
    previousHash: 'p'.repeat(64),
    hash: 'h'.repeat(64),
    state,
  };
}

const page = (steps: ReplayStep[], more: Partial<Page> = {}): Page => ({
  user: { id: 'u1', username: 'alice', role: 'trader' },
  initial: [account(2), credentials, session(4, {})],
  steps,
  earlier: true,
  later: false,
  replayedEvents: 12,
  maxEvents: 200000,
  ...more,
});

function renderPage() {
  return render(
    <RouterProvider>
      <ReplayPage />
    </RouterProvider>,
  );
}

const replayCalls = (calls: { url: string }[]) => calls.filter((c) => c.url.startsWith('/api/audit/users/'));

beforeEach(() => {
  window.history.replaceState(null, '', '/audit/replay');
});

describe('replay of a trader', () => {
  it('opens at the step of a shared link and steps with the keys and buttons, the state beside', async () => {
    window.history.replaceState(null, '', '/audit/replay?user=alice&step=5');
    const calls = mockFetch({
      'GET /api/audit/users/alice/replay': (call) =>
        call.url.includes('after=6')
          ? json(200, page([step(7, 'TradingSettingsUpdated', account(1))], { initial: [] }))
          : call.url.includes('before=7')
            ? json(200, page([step(3, 'UserLoggedIn', account(2))], { later: true, earlier: false }))
            : json(
                200,
                page([step(5, 'OrderFilled', session(5, {})), step(6, 'PositionOpened', session(6, position))], {
                  later: true,
                }),
              ),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByRole('heading', { name: 'alice: #5 OrderFilled' })).toBeInTheDocument();
    expect(replayCalls(calls)[0]?.url).toBe('/api/audit/users/alice/replay?limit=50&after=4');
    const state = screen.getByTestId('replay-state');
    expect(within(state).getByTestId('no-positions')).toBeInTheDocument();
    expect(within(state).getByTestId('bot-status')).toHaveTextContent('RUNNING');
    expect(within(state).getByTestId('balance')).toHaveTextContent('10000');
    expect(within(state).getByTestId('equity')).toHaveTextContent('10005');

    // the arrow key: the entry, with its position
    await user.keyboard('{ArrowRight}');
    expect(await screen.findByRole('heading', { name: 'alice: #6 PositionOpened' })).toBeInTheDocument();
    expect(within(screen.getByTestId('positions')).getByText('ETH-USDT:LONG')).toBeInTheDocument();
    expect(window.location.search).toBe('?user=alice&step=6');
    expect(screen.getByRole('button', { name: '#6 PositionOpened' })).toHaveAttribute('aria-current', 'step');

    // past the page's end: the next page, whose state builds on the steps before (no initial needed here)
    await user.click(screen.getByRole('button', { name: 'Next event →' }));
    expect(await screen.findByRole('heading', { name: 'alice: #7 TradingSettingsUpdated' })).toBeInTheDocument();
    expect(replayCalls(calls).at(-1)?.url).toBe('/api/audit/users/alice/replay?limit=50&after=6');
    expect(screen.getByRole('button', { name: 'Next event →' })).toBeDisabled();

    // back across the start of a page: the page before, at its last step
    await user.click(screen.getByRole('button', { name: '← Previous event' }));
    expect(await screen.findByRole('heading', { name: 'alice: #3 UserLoggedIn' })).toBeInTheDocument();
    expect(replayCalls(calls).at(-1)?.url).toBe('/api/audit/users/alice/replay?limit=50&before=7');
    expect(screen.getByRole('button', { name: '← Previous event' })).toBeDisabled();
  });

  it('asks for a trader, and says what the server refused naming the field', async () => {
    mockFetch({
      'GET /api/audit/users/bob/replay': () =>
        problem(422, 'id: is not a trader (role viewer); replays show traders', {
          errors: [{ field: 'id', message: 'is not a trader (role viewer); replays show traders' }],
        }),
    });
    const user = userEvent.setup();
    renderPage();
    expect(screen.getByText('Choose a trader to replay their history event by event.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Replay' }));
    expect(screen.getByRole('alert')).toHaveTextContent("Enter the trader's username.");
    expect(screen.getByLabelText('Trader (username or id)')).toHaveAttribute('aria-invalid', 'true');
    await user.type(screen.getByLabelText('Trader (username or id)'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Replay' }));
    await waitFor(() => expect(window.location.search).toBe('?user=bob'));
    expect(await screen.findByText('Trader: is not a trader (role viewer); replays show traders')).toBeInTheDocument();
  });

  it('folds the states and picks what the dashboard shows', () => {
    const p = page([step(5, 'OrderFilled', session(5, {})), step(6, 'PositionOpened', session(6, position, 1))]);
    expect(statesAt(p, 0).get('s1')?.version).toBe(5);
    const after = dashboardOf(statesAt(p, 1));
    expect(after.session?.openPositions).toEqual(position);
    expect(after.account?.settings).toEqual({ riskPerTradePct: 2, symbols: ['ETH-USDT'] });
    expect(after.credentials?.status).toBe('VERIFIED');
    expect(replayParamsOf('?user=alice&from=2026-01-01T00:00:00Z&step=9')).toEqual({
      user: 'alice',
      from: '2026-01-01T00:00:00Z',
      step: 9,
    });
    expect(replaySearch({ user: 'alice', step: 9 })).toBe('?user=alice&step=9');
    expect(replayParamsOf('?user=alice&step=abc')).toEqual({ user: 'alice' });
  });

  it('shows the running bot’s settings, and the account’s when no bot runs', async () => {
    window.history.replaceState(null, '', '/audit/replay?user=alice');
    const stopped = { ...session(7, {}), state: { ...session(7, {}).state, status: 'STOPPED' } };
    mockFetch({
      'GET /api/audit/users/alice/replay': () =>
        json(
          200,
          page(
            [step(6, 'TradingSessionSettingsChanged', session(6, {}, 1)), step(7, 'TradingSessionStopped', stopped)],
            {
              earlier: false,
            },
          ),
        ),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByRole('heading', { name: /#6 TradingSessionSettingsChanged/ })).toBeInTheDocument();
    expect(screen.getByText('Settings in force (the running bot’s)')).toBeInTheDocument();
    expect(within(screen.getByTestId('settings')).getByText('1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '← Previous event' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '#7 TradingSessionStopped' }));
    expect(await screen.findByText('Settings in force (saved on the account)')).toBeInTheDocument();
    expect(within(screen.getByTestId('settings')).getByText('2')).toBeInTheDocument();
  });
});
