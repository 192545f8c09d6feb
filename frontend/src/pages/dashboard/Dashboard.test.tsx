import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { RouterProvider } from '../../lib/router';
import { actionsFor, BotControls, stopConsequence } from './BotControls';
import { marketClock, toChartData } from './CandleChart';
import { DashboardPage, partsFor } from './DashboardPage';
import {
  AlertsList,
  DecisionLog,
  filterTrades,
  isFiltered,
  isSecurityAlert,
  PositionsTable,
  signalOutcome,
  SignalsTable,
  TradeFilters,
  TradesTable,
} from './Tables';
import type { CandleView, Trade, TradeFilter } from '../../api/types';
import { curvePath, PerformanceCard } from './PerformanceCard';
import { returnPct, SessionsTable } from './SessionsTable';

const trade: Trade = {
  tradeId: 'tr1',
  symbol: 'BTC-USDT',
  side: 'LONG',
  quantity: 0.01,
  entryPrice: 50000,
  exitPrice: 50500,
  realisedPnl: 5.4,
  fees: 0.4,
  netPnl: 5.0,
  reason: 'TAKE_PROFIT',
  closedAt: '2026-03-01T10:40:00Z',
};

describe('bot controls', () => {
  it('offers the buttons that fit the state', () => {
    expect(actionsFor('STOPPED')).toEqual(['start']);
    expect(actionsFor('RUNNING')).toEqual(['pause', 'stop', 'flatten']);
    expect(actionsFor('PAUSED')).toEqual(['resume', 'stop', 'flatten']);
  });

  it('asks before "stop and flatten" and then sends stop with flatten', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({ 'POST /api/me/bot/stop': () => json(200, { status: 'STOPPED' }) });
    let changed: unknown;
    const user = userEvent.setup();
    render(<BotControls bot={{ status: 'RUNNING' }} userId={null} canControl onChanged={(b) => (changed = b)} />);
    await user.click(screen.getByRole('button', { name: 'Stop and flatten' }));
    expect(calls).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, stop and flatten' }));
    await waitFor(() => expect(changed).toEqual({ status: 'STOPPED' }));
    expect(calls[0]?.body).toEqual({ flatten: true });
  });

  it('asks before "stop", saying what happens to the positions held, and sends nothing when cancelled', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({ 'POST /api/me/bot/stop': () => json(200, { status: 'STOPPED' }) });
    const user = userEvent.setup();
    render(
      <BotControls
        bot={{ status: 'RUNNING', openPositions: 2 }}
        userId={null}
        canControl
        onChanged={() => undefined}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Confirm stop' });
    expect(dialog).toHaveTextContent('The 2 positions it holds stay open at BingX');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await user.click(screen.getByRole('button', { name: 'Yes, stop' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ flatten: false });
    expect(stopConsequence(0)).toContain('holds no position');
    expect(stopConsequence(1)).toContain('The position it holds stays open');
  });

  it('shows why the server refused', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'POST /api/me/bot/start': () =>
        new Response(JSON.stringify({ status: 409, detail: 'connect and verify BingX first' }), { status: 409 }),
    });
    const user = userEvent.setup();
    render(<BotControls bot={undefined} userId={null} canControl onChanged={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Start bot' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('connect and verify BingX first');
  });

  it('shows the settings a running bot decides with, not once it stopped', () => {
    const settings = {
      maxPositions: 2,
      riskPerTradePct: 1,
      dailyLossLimitPct: 5,
      maxDrawdownPct: 15,
      leverage: 5,
      positionMode: 'HEDGE' as const,
      adxThreshold: 25,
      timeframe: '5m' as const,
      signalConfidence: 60,
      stopAtr: 2,
      takeProfitR: 2,
      symbols: ['ETH-USDT', 'BTC-USDT'],
      strategy: 'ADX_TREND' as const,
      emaFast: 9,
      emaSlow: 21,
    };
    const { rerender } = render(
      <BotControls bot={{ status: 'RUNNING', settings }} userId={null} canControl onChanged={() => undefined} />,
    );
    const runsWith = screen.getByText('Runs with').nextElementSibling;
    expect(runsWith).toHaveTextContent('ETH-USDT, BTC-USDT · 5m · risk 1 % per trade · max 2 positions');
    expect(runsWith).toHaveTextContent('leverage 5× · HEDGE');
    expect(runsWith).toHaveTextContent(/^ADX trend · ETH-USDT/);
    expect(runsWith).toHaveTextContent('ADX ≥ 25 · confidence ≥ 60');
    rerender(
      <BotControls
        bot={{ status: 'RUNNING', settings: { ...settings, strategy: 'EMA_CROSS', emaFast: 21, emaSlow: 50 } }}
        userId={null}
        canControl
        onChanged={() => undefined}
      />,
    );
    const crossover = screen.getByText('Runs with').nextElementSibling;
    expect(crossover).toHaveTextContent(/^EMA crossover 21\/50 · ETH-USDT, BTC-USDT · 5m/);
    expect(crossover).toHaveTextContent('stop 2 ATR · target 2 R');
    expect(crossover).not.toHaveTextContent('ADX');
    expect(crossover).not.toHaveTextContent('confidence');
    rerender(
      <BotControls bot={{ status: 'STOPPED', settings }} userId={null} canControl onChanged={() => undefined} />,
    );
    expect(screen.queryByText('Runs with')).toBeNull();
  });

  it('says why a paused bot is paused and what lifts the pause', () => {
    const { rerender } = render(
      <BotControls
        bot={{ status: 'PAUSED', pauseReason: 'CREDENTIALS', pauseDetail: 'the key is read-only' }}
        userId={null}
        canControl
        onChanged={() => undefined}
      />,
    );
    expect(screen.getByText('Paused because').nextElementSibling).toHaveTextContent(
      'your BingX key stopped working; the bot resumes by itself when a key verifies (the key is read-only)',
    );
    rerender(
      <BotControls
        bot={{ status: 'PAUSED', pauseReason: 'REJECTED_REPEATEDLY' }}
        userId={null}
        canControl
        onChanged={() => undefined}
      />,
    );
    expect(screen.getByText('Paused because').nextElementSibling).toHaveTextContent(
      'BingX rejected the same order 3 times in a row; resume after checking why',
    );
    rerender(
      <BotControls
        bot={{ status: 'RUNNING', pauseReason: undefined }}
        userId={null}
        canControl
        onChanged={() => undefined}
      />,
    );
    expect(screen.queryByText('Paused because')).toBeNull();
  });
});

describe('dashboard', () => {
  it('shows account, positions, trades, signals and alerts with loading, empty and error states', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'GET /api/me/dashboard': () =>
        json(200, {
          account: {
            balance: '1000',
            equity: '1012.5',
            availableBalance: '940',
            pnlToday: '-3.25',
            pnlTodayPct: '-0.32',
            pnlAllTime: '12.5',
            pnlAllTimePct: '1.25',
            updatedAt: '2026-03-01T10:05:00Z',
          },
          positions: [],
          alerts: [],
          signals: [],
        }),
      'GET /api/me/bot': () =>
        json(200, {
          status: 'RUNNING',
          startedAt: '2026-03-01T09:00:00Z',
          openPositions: 0,
          symbols: ['BTC-USDT'],
          timeframe: '5m',
        }),
      'GET /api/me/positions': () => json(200, []),
      'GET /api/me/orders': () => json(200, []),
      'GET /api/me/trades': () => json(200, { trades: [trade], nextCursor: null }),
      'GET /api/me/signals': () =>
        json(200, [
          {
            symbol: 'BTC-USDT',
            side: 'LONG',
            candleTime: '2026-03-01T10:00:00Z',
            adx: '31.2',
            plusDi: '28.1',
            minusDi: '12.4',
            confidence: '72',
          },
        ]),
      'GET /api/me/alerts': () => new Response('{"detail":"boom"}', { status: 500 }),
      'GET /api/me/candles': () => json(200, []),
      'GET /api/me/stream': () => new Response(null, { status: 404 }),
    });
    render(<DashboardPage userId={null} canControl title="Dashboard" />);
    expect(await screen.findByTestId('equity')).toHaveTextContent('1,012.50 USDT');
    expect(screen.getByTestId('pnl-today')).toHaveTextContent('−3.25 USDT');
    expect(screen.getByTestId('pnl-total')).toHaveTextContent('+12.50 USDT');
    expect(screen.getByTestId('pnl-today')).toHaveTextContent('(−0.3 %)');
    expect(screen.getByTestId('pnl-total')).toHaveTextContent('(+1.3 %)');
    expect(screen.getByTestId('available')).toHaveTextContent('940.00 USDT');
    // the card says when BingX reported the balance
    expect(screen.getByText('As of')).toBeInTheDocument();
    expect(screen.getByTestId('account-as-of').querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-03-01T10:05:00Z',
    );
    expect(await screen.findByText('No open positions.')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('trade-row');
    expect(rows).toHaveLength(1);
    expect(within(rows[0] as HTMLElement).getByText('+5.00 USDT')).toBeInTheDocument();
    expect(await screen.findByText('31.2')).toBeInTheDocument();
    expect(await screen.findByText('No candles yet for this market.')).toBeInTheDocument();
    const alertsCard = screen.getByRole('heading', { name: 'Alerts' }).closest('section') as HTMLElement;
    expect(await within(alertsCard).findByRole('alert')).toHaveTextContent('boom');
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
  });

  it('says so and stops the live indicator when the server ends the stream because access ended', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'GET /api/me/dashboard': () => json(200, { positions: [], alerts: [], signals: [] }),
      'GET /api/me/bot': () => json(200, { status: 'STOPPED' }),
      'GET /api/me/positions': () => json(200, []),
      'GET /api/me/orders': () => json(200, []),
      'GET /api/me/trades': () => json(200, { trades: [] }),
      'GET /api/me/signals': () => json(200, []),
      'GET /api/me/alerts': () => json(200, []),
      'GET /api/me/candles': () => json(200, []),
      'GET /api/me/stream': () =>
        new Response('event: revoked\ndata: {"reason":"LOGGED_OUT","message":"you logged out"}\n\n', { status: 200 }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    expect(await screen.findByText(/Live updates stopped: you logged out/)).toBeInTheDocument();
    expect(screen.getByText('Access ended')).toBeInTheDocument();
  });

  it('names the trader whose dashboard an admin or a viewer reads', async () => {
    mockFetch({
      'GET /api/users/t1/dashboard': () =>
        json(200, { userId: 't1', username: 'alice', positions: [], alerts: [], signals: [] }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId="t1" canControl={false} title="Dashboard (read-only)" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'alice — Dashboard (read-only)' })).toBeInTheDocument();
  });

  it('pages back through older trades with the cursor the server gave', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const older: Trade = { ...trade, tradeId: 'tr0', closedAt: '2026-02-28T10:40:00Z', netPnl: -2 };
    const calls = mockFetch({
      'GET /api/me/dashboard': () => json(200, { positions: [], alerts: [], signals: [] }),
      'GET /api/me/bot': () => json(200, { status: 'STOPPED' }),
      'GET /api/me/positions': () => json(200, []),
      'GET /api/me/orders': () => json(200, []),
      'GET /api/me/trades': (call) =>
        call.url.includes('cursor=c1')
          ? json(200, { trades: [older] })
          : json(200, { trades: [trade], nextCursor: 'c1' }),
      'GET /api/me/signals': () => json(200, []),
      'GET /api/me/alerts': () => json(200, []),
      'GET /api/me/candles': () => json(200, []),
      'GET /api/me/stream': () => new Response(null, { status: 404 }),
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    expect(await screen.findAllByTestId('trade-row')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'connect BingX in your profile' })).toHaveAttribute('href', '/profile');
    await user.click(screen.getByRole('button', { name: 'Older trades' }));
    await waitFor(() => expect(screen.getAllByTestId('trade-row')).toHaveLength(2));
    expect(screen.getByText('−2.00 USDT')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Older trades' })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url === '/api/me/trades?limit=100&cursor=c1')).toBe(true);
  });

  it('maps stream events to the parts that change', () => {
    expect(partsFor('trade')).toContain('trades');
    expect(partsFor('alert')).toEqual(['alerts', 'dashboard']);
    expect(partsFor('heartbeat')).toEqual([]);
    expect(partsFor('cut')).toEqual([]);
    expect(partsFor('snapshot')).toHaveLength(11);
    expect(partsFor('platform')).toEqual(['platform', 'bot', 'dashboard']);
    expect(partsFor('trade')).toContain('performance');
    expect(partsFor('session')).toContain('sessions');
    expect(partsFor('trade')).toContain('sessions');
  });

  it('filters trades by symbol, side and time', () => {
    const other: Trade = {
      ...trade,
      tradeId: 'tr2',
      symbol: 'ETH-USDT',
      side: 'SHORT',
      closedAt: '2026-03-02T10:00:00Z',
    };
    expect(filterTrades([trade, other], { symbol: 'ETH-USDT' })).toEqual([other]);
    expect(filterTrades([trade, other], { side: 'LONG' })).toEqual([trade]);
    expect(filterTrades([trade, other], { from: '2026-03-02T00:00:00Z' })).toEqual([other]);
  });

  it('filters the decision log by symbol and decision, and says when nothing matches', async () => {
    const user = userEvent.setup();
    render(
      <DecisionLog
        symbols={['BTC-USDT', 'ETH-USDT']}
        signals={[
          { signalId: 'a', symbol: 'BTC-USDT', candleTime: '2026-03-01T10:00:00Z', outcome: 'SIGNAL', side: 'LONG' },
          {
            signalId: 'b',
            symbol: 'ETH-USDT',
            candleTime: '2026-03-01T10:00:00Z',
            outcome: 'SKIPPED',
            reasonCode: 'NO_TREND',
          },
        ]}
      />,
    );
    const region = () => screen.getByRole('region', { name: 'Decisions' });
    expect(within(region()).getAllByRole('row')).toHaveLength(3);
    await user.selectOptions(screen.getByLabelText('Decision'), 'SKIPPED');
    expect(within(region()).getAllByRole('row')).toHaveLength(2);
    expect(region()).toHaveTextContent('Skipped: No trend');
    await user.selectOptions(screen.getByLabelText('Symbol'), 'BTC-USDT');
    expect(screen.getByText('No decisions match these filters.')).toBeInTheDocument();
  });

  it('says what the bot did on a signal in words', () => {
    expect(signalOutcome({ outcome: 'SIGNAL' })).toBe('Signal');
    expect(
      signalOutcome({
        outcome: 'SKIPPED',
        reason: 'ADX 16.80845251 is below the threshold 25',
        reasonCode: 'NO_TREND',
      }),
    ).toBe('Skipped: ADX 16.81 is below the threshold 25');
    expect(signalOutcome({ outcome: 'SKIPPED', reasonCode: 'MAX_POSITIONS' })).toBe('Skipped: Max positions');
  });

  it('tells no trades at all from none that match the filter', () => {
    const { unmount } = render(<TradesTable trades={[]} />);
    expect(screen.getByText('No trades yet.')).toBeInTheDocument();
    unmount();
    render(<TradesTable trades={[]} filtered />);
    expect(screen.getByText('No trades match these filters.')).toBeInTheDocument();
    expect(screen.queryByText('No trades yet.')).not.toBeInTheDocument();
    expect(isFiltered({ limit: 100 })).toBe(false);
    expect(isFiltered({ side: 'LONG', limit: 100 })).toBe(true);
  });

  it('catches a From date after the To date in the form and applies nothing', async () => {
    const applied: TradeFilter[] = [];
    render(<TradeFilters value={{ limit: 100 }} onChange={(f) => applied.push(f)} symbols={['BTC-USDT']} />);
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    fireEvent.change(from, { target: { value: '2026-03-05' } });
    fireEvent.change(to, { target: { value: '2026-03-01' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert')).toHaveTextContent('From is after To');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(applied).toEqual([]);

    fireEvent.change(to, { target: { value: '2026-03-06' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(applied).toHaveLength(1);
    expect(applied[0]?.from?.substring(0, 10)).toBe(new Date('2026-03-05T00:00:00').toISOString().substring(0, 10));
  });

  it('builds chart data with indicator panes and entry/exit markers on their bars', () => {
    const orders = [
      {
        clientOrderId: 'o1',
        symbol: 'BTC-USDT',
        intent: 'OPEN',
        direction: 'LONG',
        status: 'FILLED',
        updatedAt: '2026-03-01T10:06:10Z',
      },
      {
        clientOrderId: 'o2',
        symbol: 'BTC-USDT',
        intent: 'OPEN',
        direction: 'SHORT',
        status: 'REJECTED',
        updatedAt: '2026-03-01T10:16:10Z',
      },
      {
        clientOrderId: 'o3',
        symbol: 'BTC-USDT',
        intent: 'CLOSE',
        direction: 'LONG',
        status: 'FILLED',
        updatedAt: '2026-03-01T10:40:00Z',
      },
    ];
    const candles: CandleView[] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({
      symbol: 'BTC-USDT',
      timeframe: '5m',
      openTime: new Date(Date.UTC(2026, 2, 1, 10, i * 5)).toISOString(),
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      adx: i > 2 ? 30 : undefined,
      plusDi: 20,
      minusDi: 10,
    }));
    const data = toChartData(candles, orders, [trade], [], 300);
    expect(data.candles).toHaveLength(9);
    expect(data.adx).toHaveLength(6);
    expect(data.markers.map((m) => m.text)).toEqual(['Entry LONG', 'Exit']);
    expect(data.markers[0]?.time).toBe(Date.UTC(2026, 2, 1, 10, 5) / 1000);
    expect(data.markers[1]?.time).toBe(Date.UTC(2026, 2, 1, 10, 40) / 1000);
  });

  it('places markers on the bar of market time the platform was in, learnt from the signals', () => {
    const candles: CandleView[] = [0, 1, 2, 3, 4, 5].map((i) => ({
      symbol: 'ETH-USDT',
      timeframe: '5m',
      openTime: new Date(Date.UTC(2026, 2, 2, 9, i * 5)).toISOString(),
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
    }));
    // the simulated market runs ahead of the clock: the 09:05 candle was handled at 22:00:05 on the wall
    const signals = [
      { symbol: 'ETH-USDT', candleTime: '2026-03-02T09:05:00Z', at: '2026-03-01T22:00:05Z' },
      { symbol: 'ETH-USDT', candleTime: '2026-03-02T09:10:00Z', at: '2026-03-01T22:00:10Z' },
    ];
    const clock = marketClock(signals, 300);
    expect(clock?.('2026-03-01T22:00:07Z')).toBe(Date.UTC(2026, 2, 2, 9, 10) / 1000);
    expect(clock?.('2026-03-01T21:00:00Z')).toBeNull();
    const position = { symbol: 'ETH-USDT', side: 'SHORT' as const, openedAt: '2026-03-01T22:00:11Z' };
    const data = toChartData(candles, [], [], [position], 300, clock);
    expect(data.markers).toHaveLength(1);
    expect(data.markers[0]?.time).toBe(Date.UTC(2026, 2, 2, 9, 15) / 1000);
    expect(marketClock([], 300)).toBeNull();
  });

  it('shows confidence as a meter and percentage', () => {
    render(
      <SignalsTable
        signals={[
          {
            symbol: 'ETH-USDT',
            side: 'SHORT',
            candleTime: '2026-03-01T10:00:00Z',
            adx: 40,
            plusDi: 10,
            minusDi: 30,
            confidence: 64,
          },
        ]}
      />,
    );
    expect(screen.getByLabelText('Confidence')).toHaveAttribute('value', '64');
    expect(screen.getByText('64 %')).toBeInTheDocument();
  });

  it('marks security alerts apart from trading alerts', () => {
    render(
      <AlertsList
        alerts={[
          {
            alertId: 'a1',
            severity: 'WARNING',
            kind: 'SECURITY_NEW_LOGIN',
            message: 'New sign-in to your account from a new IP address, 203.0.113.7 (Chrome on Linux)',
            at: '2026-03-01T10:00:00Z',
          },
          {
            alertId: 'a2',
            severity: 'CRITICAL',
            kind: 'DAILY_LOSS_LIMIT',
            message: "Today's loss reached 5 %",
            at: '2026-03-01T09:00:00Z',
          },
        ]}
      />,
    );
    const security = screen.getByTestId('security-alert');
    expect(security).toHaveClass('security');
    expect(security).toHaveTextContent('Account security');
    expect(security).toHaveTextContent('203.0.113.7 (Chrome on Linux)');
    const other = screen.getByTestId('alert');
    expect(other).not.toHaveClass('security');
    expect(other).not.toHaveTextContent('Account security');
    expect(isSecurityAlert({ kind: undefined })).toBe(false);
  });
});

describe('performance', () => {
  it('shows win rate, profit factor, drawdown and the curve of the closed trades', () => {
    render(
      <PerformanceCard
        performance={{
          trades: 2,
          wins: 1,
          losses: 1,
          winRatePct: 50,
          netPnl: 14,
          grossProfit: 19,
          grossLoss: 5,
          profitFactor: 3.8,
          averageTrade: 7,
          averageHoldSeconds: 5430,
          bestTrade: 19,
          worstTrade: -5,
          maxDrawdown: 5,
          curve: [
            { at: '2026-03-01T10:10:00Z', cumulativePnl: 19 },
            { at: '2026-03-01T10:15:00Z', cumulativePnl: 14 },
          ],
        }}
      />,
    );
    expect(screen.getByTestId('win-rate')).toHaveTextContent('50.0 %');
    expect(screen.getByTestId('profit-factor')).toHaveTextContent('3.80');
    expect(screen.getByTestId('max-drawdown')).toHaveTextContent('5.00 USDT');
    expect(screen.getByTestId('average-hold')).toHaveTextContent('1h 30m');
    expect(screen.getByRole('img', { name: 'Cumulative net P&L after each closed trade' })).toBeInTheDocument();
  });

  it('says so before the first closed trade, and names a missing profit factor', () => {
    const { unmount } = render(<PerformanceCard performance={{ trades: 0, curve: [] }} />);
    expect(screen.getByText(/No closed trades yet/)).toBeInTheDocument();
    unmount();
    render(<PerformanceCard performance={{ trades: 1, wins: 1, losses: 0, winRatePct: 100, curve: [] }} />);
    expect(screen.getByTestId('profit-factor')).toHaveTextContent('no loss yet');
    expect(screen.getByTestId('average-hold')).toHaveTextContent('—');
  });

  it('draws the curve from zero, the zero line where the P&L is nil', () => {
    const drawn = curvePath([{ cumulativePnl: 10 }, { cumulativePnl: -10 }], 100, 100);
    expect(drawn?.path).toBe('M0.0,50.0 L50.0,0.0 L100.0,100.0');
    expect(drawn?.zeroY).toBe(50);
    expect(curvePath([], 100, 100)).toBeNull();
  });
});

describe('bot runs', () => {
  it('lists each run newest first with its trades, win rate, net P&L and return', () => {
    render(
      <SessionsTable
        sessions={[
          {
            sessionId: 's1',
            status: 'STOPPED',
            startedAt: '2026-03-01T08:00:00Z',
            stoppedAt: '2026-03-01T12:00:00Z',
            stopReason: 'MAX_DRAWDOWN',
            initialBalance: 1000,
            trades: 4,
            wins: 1,
            losses: 3,
            winRatePct: 25,
            pnl: -50,
            settings: {
              strategy: 'ADX_TREND',
              adxThreshold: 25,
              timeframe: '15m',
              symbols: ['ETH-USDT', 'BTC-USDT'],
              riskPerTradePct: 1,
              stopAtr: 2,
              takeProfitR: 2.5,
              leverage: 5,
            },
            settingsChanges: 2,
          },
          {
            sessionId: 's2',
            status: 'RUNNING',
            startedAt: '2026-03-02T08:00:00Z',
            initialBalance: 950,
            trades: 0,
            wins: 0,
            losses: 0,
            pnl: 0,
            settings: { strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21, timeframe: '5m', symbols: ['SOL-USDT'] },
          },
        ]}
      />,
    );
    const rows = screen.getAllByTestId('session-row');
    expect(within(rows[0]!).getByText('RUNNING')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Max drawdown');
    expect(rows[1]).toHaveTextContent('1 / 3');
    expect(rows[1]).toHaveTextContent('25 %');
    expect(rows[1]).toHaveTextContent('−5.00 %');
    expect(returnPct({ pnl: 14, initialBalance: 0 })).toBeNull();
    const settings = screen.getAllByTestId('session-settings');
    expect(settings[1]).toHaveTextContent(
      'ADX ≥ 25 · 15m · ETH-USDT, BTC-USDT · risk 1.00 % · stop 2.0×ATR · target 2.5R · 5×',
    );
    expect(settings[1]).toHaveTextContent('changed 2 times while it ran');
    expect(settings[0]).toHaveTextContent('EMA 9/21 cross · 5m · SOL-USDT');
    expect(settings[0]).not.toHaveTextContent('changed');
  });

  it('says when the bot never ran', () => {
    render(<SessionsTable sessions={[]} />);
    expect(screen.getByText('The bot has not run yet.')).toBeInTheDocument();
  });
});

describe('funding and liquidation', () => {
  it("shows a position's funding, a trade's funding and marks a liquidation", () => {
    render(
      <PositionsTable
        positions={[
          {
            symbol: 'ETH-USDT',
            side: 'LONG',
            quantity: 1,
            entryPrice: 2000,
            markPrice: 2003.25,
            unrealisedPnl: 3,
            funding: -0.2,
            openedAt: '2026-03-01T07:55:00Z',
          },
        ]}
      />,
    );
    const position = within(screen.getByRole('region', { name: 'Open positions' }));
    expect(position.getByRole('columnheader', { name: 'Funding' })).toBeInTheDocument();
    expect(position.getByText(/-0\.20|−0\.20/)).toBeInTheDocument();
    expect(position.getByRole('columnheader', { name: 'Mark' })).toBeInTheDocument();
    expect(position.getByText('2,003.25')).toBeInTheDocument();

    render(
      <TradesTable trades={[{ ...trade, tradeId: 'liq', reason: 'LIQUIDATION', funding: -0.15, netPnl: -201.2 }]} />,
    );
    const row = screen.getAllByTestId('trade-row')[0]!;
    expect(within(row).getByText('LIQUIDATION')).toHaveClass('badge');
    expect(within(row).getByText(/-0\.15|−0\.15/)).toBeInTheDocument();
  });

  it('marks a trade imported from the single-user bot', () => {
    render(
      <TradesTable
        trades={[
          { ...trade, tradeId: 'imp', reason: 'IMPORTED', imported: true, sessionId: undefined },
          { ...trade, tradeId: 'own', imported: false },
        ]}
      />,
    );
    const rows = screen.getAllByTestId('trade-row');
    expect(within(rows[0]!).getByText('imported')).toHaveClass('badge');
    expect(within(rows[0]!).queryByText('IMPORTED')).not.toBeInTheDocument();
    expect(within(rows[1]!).queryByText('imported')).not.toBeInTheDocument();
  });

  it('shows how long each trade was held, and a dash when its opening is not on record', () => {
    render(
      <TradesTable
        trades={[
          { ...trade, tradeId: 'held', openedAt: '2026-03-01T08:25:00Z' },
          { ...trade, tradeId: 'old', openedAt: undefined },
        ]}
      />,
    );
    const held = screen.getAllByTestId('trade-held');
    expect(held[0]).toHaveTextContent('2h 15m');
    expect(held[1]).toHaveTextContent('—');
  });
});
