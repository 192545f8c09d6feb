import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { CandleChart, indicatorsFor, readoutAt, timeframeChoices, toChartData } from './CandleChart';
import { RouterProvider } from '../../lib/router';
import { chartStrategy, DashboardPage } from './DashboardPage';
import type { CandleView } from '../../api/types';

// lightweight-charts draws on canvas, which jsdom lacks: this stand-in records what the chart is given.
const drawn = vi.hoisted(() => ({
  series: [] as { kind: string; options: Record<string, unknown>; pane?: number; data: unknown[] }[],
  priceLines: [] as Record<string, unknown>[],
}));
vi.mock('lightweight-charts', () => ({
  CandlestickSeries: 'Candlestick',
  LineSeries: 'Line',
  ColorType: { Solid: 'solid' },
  LineStyle: { Solid: 0, Dotted: 1, Dashed: 2 },
  createChart: () => {
    const mine: typeof drawn.series = [];
    return {
      addSeries: (kind: string, options: Record<string, unknown>, pane?: number) => {
        const entry = { kind, options, pane, data: [] as unknown[] };
        mine.push(entry);
        drawn.series.push(entry);
        return {
          setData: (data: unknown[]) => (entry.data = data),
          createPriceLine: (line: Record<string, unknown>) => {
            drawn.priceLines.push(line);
            return line;
          },
          removePriceLine: (line: Record<string, unknown>) =>
            drawn.priceLines.splice(drawn.priceLines.indexOf(line), 1),
        };
      },
      subscribeCrosshairMove: () => undefined,
      panes: () => [{ setHeight: () => undefined }, { setHeight: () => undefined }, { setHeight: () => undefined }],
      remove: () => mine.forEach((entry) => drawn.series.splice(drawn.series.indexOf(entry), 1)),
    };
  },
  createSeriesMarkers: () => ({ setMarkers: () => undefined }),
}));

const minute = (i: number) => new Date(Date.UTC(2026, 2, 1, 10, i * 5)).toISOString();
// as the API sends them: an EMA is null until enough candles define it
const wire = [0, 1, 2, 3].map((i) => ({
  symbol: 'BTC-USDT',
  timeframe: '5m',
  openTime: minute(i),
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  adx: 30,
  plusDi: 20,
  minusDi: 10,
  ema9: i >= 1 ? 100 + i : null,
  ema21: i >= 2 ? 90 + i : null,
  ema50: null,
  ema100: null,
  ema200: null,
}));
const candles = JSON.parse(JSON.stringify(wire)) as CandleView[];
const lines = () => drawn.series.filter((s) => s.kind === 'Line');

beforeEach(() => {
  drawn.series.length = 0;
  drawn.priceLines.length = 0;
});

describe('chart price lines and readout', () => {
  it("draws an open position's entry, stop-loss and take-profit as price lines, and reads a bar's values", () => {
    const position = {
      symbol: 'BTC-USDT',
      side: 'LONG' as const,
      openedAt: minute(1),
      entryPrice: 1.4,
      stopLoss: 1.1,
      takeProfit: 2.2,
    };
    const data = toChartData(candles, [], [], [position], 300);
    expect(data.levels).toEqual([
      { price: 1.4, title: 'Entry long', kind: 'entry' },
      { price: 1.1, title: 'Stop', kind: 'stop' },
      { price: 2.2, title: 'Take profit', kind: 'target' },
    ]);
    const { rerender } = render(<CandleChart data={data} symbol="BTC-USDT" />);
    expect(drawn.priceLines.map((l) => l.title)).toEqual(['Entry long', 'Stop', 'Take profit']);
    expect(screen.getByTestId('chart-readout')).toHaveTextContent(
      'O 1.00 H 2.00 L 0.50 C 1.50 ADX 30.0 +DI 20.0 −DI 10.0',
    );
    rerender(<CandleChart data={toChartData(candles, [], [], [], 300)} symbol="BTC-USDT" adxThreshold={25} />);
    expect(drawn.priceLines.map((l) => [l.title, l.price])).toEqual([['threshold 25', 25]]);
    expect(readoutAt(data, Date.parse(minute(0)) / 1000)).toContain('C 1.50');
    expect(readoutAt(toChartData([], [], [], [], 300), null)).toBeNull();
    const ema = toChartData(candles, [], [], [], 300, null, { kind: 'ema', periods: [9, 21] });
    expect(readoutAt(ema, null)).toContain('EMA 9 103.00  EMA 21 93.00');
  });
});

describe('chart indicators by strategy', () => {
  it('takes the EMA lines of an EMA crossover bot from the candles, each from where it is defined', () => {
    expect(indicatorsFor({ strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21 })).toEqual({
      kind: 'ema',
      periods: [9, 21],
    });
    expect(indicatorsFor({ strategy: 'ADX_TREND', emaFast: 9, emaSlow: 21 })).toEqual({ kind: 'adx' });
    expect(indicatorsFor(undefined)).toEqual({ kind: 'adx' });
    const data = toChartData(candles, [], [], [], 300, null, { kind: 'ema', periods: [9, 21] });
    expect(data.emas.map((e) => e.period)).toEqual([9, 21]);
    expect(data.emas[0]?.points).toEqual(
      [1, 2, 3].map((i) => ({ time: Date.parse(minute(i)) / 1000, value: 100 + i })),
    );
    expect(data.emas[1]?.points.map((p) => p.value)).toEqual([92, 93]);
    expect(data.adx).toEqual([]);
    const adx = toChartData(candles, [], [], [], 300);
    expect(adx.emas).toEqual([]);
    expect(adx.adx).toHaveLength(4);
  });

  it('draws the two EMA lines over the price, labelled, for an EMA crossover; the ADX panes for ADX trend', () => {
    const ema = toChartData(candles, [], [], [], 300, null, { kind: 'ema', periods: [9, 21] });
    const { rerender } = render(<CandleChart data={ema} symbol="BTC-USDT" />);
    expect(lines().map((s) => [s.options.title, s.pane])).toEqual([
      ['EMA 9', undefined],
      ['EMA 21', undefined],
    ]);
    expect(lines()[1]?.data).toEqual(ema.emas[1]?.points);
    expect(screen.getByRole('figure')).toHaveAccessibleName('BTC-USDT candles with EMA 9 and EMA 21');
    expect(screen.getByRole('figure')).toHaveTextContent('EMA 9 EMA 21');
    rerender(<CandleChart data={toChartData(candles, [], [], [], 300)} symbol="BTC-USDT" />);
    expect(lines().map((s) => [s.options.title, s.pane])).toEqual([
      ['ADX', 1],
      ['+DI', 2],
      ['−DI', 2],
    ]);
    expect(lines()[0]?.data).toHaveLength(4);
    expect(screen.getByRole('figure')).toHaveAccessibleName('BTC-USDT candles with ADX and DI panes');
  });

  it("gives the chart the EMA series of the bot's periods on the dashboard of an EMA crossover bot", async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'GET /api/me/dashboard': () => json(200, { positions: [], alerts: [], signals: [] }),
      'GET /api/me/bot': () =>
        json(200, {
          status: 'RUNNING',
          symbols: ['BTC-USDT'],
          timeframe: '5m',
          settings: { strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21, symbols: ['BTC-USDT'], timeframe: '5m' },
        }),
      'GET /api/me/positions': () => json(200, []),
      'GET /api/me/orders': () => json(200, []),
      'GET /api/me/trades': () => json(200, { trades: [], nextCursor: null }),
      'GET /api/me/signals': () => json(200, []),
      'GET /api/me/alerts': () => json(200, []),
      'GET /api/me/candles': () => json(200, wire),
      'GET /api/me/stream': () => new Response(null, { status: 404 }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('figure', { name: 'BTC-USDT candles with EMA 9 and EMA 21' })).toBeInTheDocument();
    await waitFor(() => expect(lines()[0]?.data).toHaveLength(3));
    expect(lines().map((s) => s.options.title)).toEqual(['EMA 9', 'EMA 21']);
    expect(lines()[1]?.data).toEqual([2, 3].map((i) => ({ time: Date.parse(minute(i)) / 1000, value: 90 + i })));
    expect(screen.getByText('Runs with').nextElementSibling).toHaveTextContent('EMA crossover 9/21');
  });

  it('offers the timeframes the market has candles of, shortest first, and draws the one picked', async () => {
    expect(
      timeframeChoices(
        [
          { symbol: 'BTC-USDT', timeframe: '1h' },
          { symbol: 'ETH-USDT', timeframe: '15m' },
          { symbol: 'BTC-USDT', timeframe: '1m' },
        ],
        'BTC-USDT',
        '5m',
      ),
    ).toEqual(['1m', '5m', '1h']);
    expect(timeframeChoices([], 'BTC-USDT', '5m')).toEqual(['5m']);

    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'GET /api/me/dashboard': () => json(200, { positions: [], alerts: [], signals: [] }),
      'GET /api/me/bot': () => json(200, { status: 'RUNNING', symbols: ['BTC-USDT'], timeframe: '5m' }),
      'GET /api/me/positions': () => json(200, []),
      'GET /api/me/orders': () => json(200, []),
      'GET /api/me/trades': () => json(200, { trades: [], nextCursor: null }),
      'GET /api/me/signals': () => json(200, []),
      'GET /api/me/alerts': () => json(200, []),
      'GET /api/me/candles': () => json(200, wire),
      'GET /api/me/candle-series': () =>
        json(200, [
          { symbol: 'BTC-USDT', timeframe: '5m', candles: 3 },
          { symbol: 'BTC-USDT', timeframe: '1h', candles: 3 },
        ]),
      'GET /api/me/stream': () => new Response(null, { status: 404 }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    const picker = await screen.findByRole('combobox', { name: 'Chart timeframe' });
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['5m', '1h']),
    );
    expect(picker).toHaveValue('5m');
    fireEvent.change(picker, { target: { value: '1h' } });
    await waitFor(() =>
      expect(calls.some((c) => c.url.includes('/api/me/candles') && c.url.includes('timeframe=1h'))).toBe(true),
    );
    expect(screen.getByRole('heading', { name: 'Chart 1h' })).toBeInTheDocument();
  });

  it("gives a granted viewer's chart the EMA series of the bot's strategy from the dashboard's bot summary", async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const base = '/api/users/u-1';
    const calls = mockFetch({
      [`GET ${base}/dashboard`]: () =>
        json(200, {
          bot: { status: 'RUNNING', strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21 },
          positions: [],
          alerts: [],
          signals: [],
        }),
      [`GET ${base}/positions`]: () => json(200, []),
      [`GET ${base}/orders`]: () => json(200, []),
      [`GET ${base}/trades`]: () => json(200, { trades: [], nextCursor: null }),
      [`GET ${base}/signals`]: () => json(200, []),
      [`GET ${base}/alerts`]: () => json(200, []),
      [`GET ${base}/candles`]: () => json(200, wire),
      [`GET ${base}/stream`]: () => new Response(null, { status: 404 }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId="u-1" canControl={false} title="Dashboard (read-only)" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('figure', { name: 'BTC-USDT candles with EMA 9 and EMA 21' })).toBeInTheDocument();
    await waitFor(() => expect(lines()[0]?.data).toHaveLength(3));
    expect(lines().map((s) => s.options.title)).toEqual(['EMA 9', 'EMA 21']);
    expect(calls.map((c) => c.url.split('?')[0] ?? c.url)).not.toContain('/api/me/settings');
    expect(calls.map((c) => c.url.split('?')[0] ?? c.url).filter((u) => u.endsWith('/bot'))).toEqual([]);
  });

  it("draws the owner's saved strategy when no session exists, and the ADX panes for a viewer of such a trader", async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const routes = {
      'GET /api/me/dashboard': () => json(200, { bot: null, positions: [], alerts: [], signals: [] }),
      'GET /api/me/bot': () => json(200, { status: 'NONE' }),
      'GET /api/me/settings': () =>
        json(200, { strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21, symbols: ['BTC-USDT'] }),
      'GET /api/me/positions': () => json(200, []),
      'GET /api/me/orders': () => json(200, []),
      'GET /api/me/trades': () => json(200, { trades: [], nextCursor: null }),
      'GET /api/me/signals': () => json(200, []),
      'GET /api/me/alerts': () => json(200, []),
      'GET /api/me/candles': () => json(200, wire),
      'GET /api/me/stream': () => new Response(null, { status: 404 }),
    };
    mockFetch(routes);
    const { unmount } = render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('figure', { name: 'BTC-USDT candles with EMA 9 and EMA 21' })).toBeInTheDocument();
    unmount();

    const viewerRoutes = Object.fromEntries(
      Object.entries(routes)
        .filter(([route]) => !route.endsWith('/bot') && !route.endsWith('/settings'))
        .map(([route, handler]) => [route.replace('/api/me/', '/api/users/u-2/'), handler]),
    );
    const calls = mockFetch(viewerRoutes);
    render(
      <RouterProvider>
        <DashboardPage userId="u-2" canControl={false} title="Dashboard (read-only)" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('figure', { name: 'BTC-USDT candles with ADX and DI panes' })).toBeInTheDocument();
    expect(calls.map((c) => c.url.split('?')[0] ?? c.url)).not.toContain('/api/me/settings');
  });

  it("takes the strategy from the bot endpoint, else the dashboard, else the owner's settings only without a session", () => {
    const ema = { strategy: 'EMA_CROSS' as const, emaFast: 50, emaSlow: 200 };
    const adx = { strategy: 'ADX_TREND' as const, emaFast: 9, emaSlow: 21 };
    expect(chartStrategy(ema, adx, adx)).toBe(ema);
    expect(chartStrategy(undefined, ema, adx)).toBe(ema);
    expect(chartStrategy(undefined, null, ema)).toBe(ema);
    expect(chartStrategy(undefined, { strategy: undefined }, ema)).toBeUndefined();
    expect(chartStrategy(undefined, undefined, undefined)).toBeUndefined();
  });
});
