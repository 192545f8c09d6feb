import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { useSse, type SseMessage } from '../../api/sse';
import type { BotLike, BotStatus, Dashboard, Settings, Trade, TradeFilter } from '../../api/types';
import { Async, Badge, ErrorBox, LiveIndicator, Money, StreamEndedNotice, Time } from '../../components/ui';
import { HaltBanner, MaintenanceBanner } from '../../components/PlatformHalt';
import { Link } from '../../lib/router';
import { formatPercent, tone } from '../../lib/format';
import { useResource } from '../../lib/useResource';
import { BotControls } from './BotControls';
import {
  CandleChart,
  indicatorsFor,
  marketClock,
  TIMEFRAME_SECONDS,
  timeframeChoices,
  toChartData,
} from './CandleChart';
import { AlertsList, DecisionLog, filterTrades, isFiltered, PositionsTable, TradeFilters, TradesTable } from './Tables';
import { OrdersTable } from './OrdersTable';
import { PerformanceCard } from './PerformanceCard';
import { SessionsTable } from './SessionsTable';

type Part =
  | 'dashboard'
  | 'bot'
  | 'positions'
  | 'trades'
  | 'orders'
  | 'signals'
  | 'alerts'
  | 'candles'
  | 'sessions'
  | 'performance'
  | 'platform';

/** Which parts of the page an SSE event name changes; an unknown name refreshes everything. */
export function partsFor(eventName: string): Part[] {
  const name = eventName.toLowerCase();
  if (name === 'heartbeat' || name === 'cut') return [];
  if (name === 'platform') return ['platform', 'bot', 'dashboard'];
  if (name.includes('alert')) return ['alerts', 'dashboard'];
  if (name.includes('signal')) return ['signals'];
  if (name.includes('candle')) return ['candles'];
  if (name.includes('order')) return ['orders'];
  if (name.includes('trade')) return ['trades', 'positions', 'dashboard', 'orders', 'sessions', 'performance'];
  if (name.includes('position')) return ['positions', 'dashboard'];
  if (name.includes('account')) return ['dashboard'];
  if (name.includes('bot') || name.includes('session')) return ['bot', 'dashboard', 'sessions'];
  return [
    'dashboard',
    'bot',
    'positions',
    'trades',
    'orders',
    'signals',
    'alerts',
    'candles',
    'sessions',
    'performance',
    'platform',
  ];
}

type StrategyOf = Partial<Pick<Settings, 'strategy' | 'emaFast' | 'emaSlow'>>;

/**
 * Whose strategy the chart draws: the bot endpoint's settings when the reader may call it (the owner, an
 * admin), else the strategy the dashboard's bot summary gives every reader (a granted viewer too), else,
 * when there is no session at all, the owner's own saved settings (passed only when the reader is the owner;
 * anyone else sees the default ADX panes: nothing runs).
 */
export function chartStrategy(
  botSettings: StrategyOf | undefined,
  dashboardBot: StrategyOf | null | undefined,
  ownSettings: StrategyOf | undefined,
): StrategyOf | undefined {
  if (botSettings?.strategy) return botSettings;
  if (dashboardBot?.strategy) return dashboardBot;
  return dashboardBot ? undefined : ownSettings;
}

/**
 * A trader's dashboard: account, bot, positions, trades, signals, chart and alerts, kept live over SSE.
 * userId null: your own (under /api/me). Otherwise someone's, for an admin (with bot controls) or a
 * granted viewer (read-only).
 */
export function DashboardPage({
  userId,
  canControl,
  title,
  defaultSymbols,
  switcher,
}: {
  userId: string | null;
  canControl: boolean;
  title: string;
  defaultSymbols?: string[];
  /** Beside the title: for an admin, a picker of the other traders' dashboards. */
  switcher?: ReactNode;
}) {
  const key = userId ?? 'me';
  const dashboard = useResource<Dashboard>(() => api.dashboard(userId), `dashboard:${key}`);
  const bot = useResource<BotStatus | undefined>(
    () => (userId === null || canControl ? api.bot(userId) : Promise.resolve(undefined)),
    `bot:${key}`,
  );
  const positions = useResource(() => api.positions(userId), `positions:${key}`);
  const [filter, setFilter] = useState<TradeFilter>({ limit: 100 });
  const trades = useResource(() => api.trades(userId, filter), `trades:${key}:${JSON.stringify(filter)}`);
  const orders = useResource(() => api.orders(userId, 200), `orders:${key}`);
  // older pages of the trade history, appended below the first page until the filter or the first page changes
  const [older, setOlder] = useState<{ trades: Trade[]; cursor?: string; loading: boolean; error?: Error }>({
    trades: [],
    loading: false,
  });
  useEffect(() => setOlder({ trades: [], loading: false }), [trades.data]);
  const nextCursor = older.trades.length > 0 ? older.cursor : trades.data?.nextCursor;
  async function loadOlderTrades() {
    if (!nextCursor) return;
    setOlder((o) => ({ ...o, loading: true, error: undefined }));
    try {
      const page = await api.trades(userId, filter, nextCursor);
      setOlder((o) => ({ trades: [...o.trades, ...page.trades], cursor: page.nextCursor, loading: false }));
    } catch (e) {
      setOlder((o) => ({ ...o, loading: false, error: e instanceof Error ? e : new Error(String(e)) }));
    }
  }
  // 200 signals: the newest 20 are listed, all of them place the chart's markers in market time
  const signals = useResource(() => api.signals(userId, 200), `signals:${key}`);
  const sessions = useResource(() => api.sessions(userId), `sessions:${key}`);
  const performance = useResource(() => api.performance(userId), `performance:${key}`);
  const alerts = useResource(() => api.alerts(userId, 20), `alerts:${key}`);

  const symbols = useMemo(() => {
    const all = [
      ...(defaultSymbols ?? []),
      ...(bot.data?.symbols ?? []),
      ...(positions.data ?? []).map((p) => p.symbol),
    ];
    return [...new Set(all)];
  }, [defaultSymbols, bot.data, positions.data]);
  const [symbol, setSymbol] = useState<string | null>(null);
  const wantedSymbol = symbol ?? symbols[0];
  const [frame, setFrame] = useState<string | null>(null);
  const timeframe = frame ?? bot.data?.timeframe ?? undefined;
  const series = useResource(() => api.candleSeries(userId), `candle-series:${key}`);
  // without a symbol the server answers the trader's first configured one
  const candles = useResource(
    () => api.candles(userId, wantedSymbol, timeframe, 300),
    `candles:${key}:${wantedSymbol ?? ''}:${timeframe ?? ''}`,
  );
  const chartSymbol = wantedSymbol ?? candles.data?.[0]?.symbol ?? '';
  const chartTimeframe = timeframe ?? candles.data?.[0]?.timeframe ?? '5m';
  const symbolChoices = chartSymbol && !symbols.includes(chartSymbol) ? [chartSymbol, ...symbols] : symbols;
  const frameChoices = timeframeChoices(series.data ?? [], chartSymbol, chartTimeframe);

  const platform = useResource(() => api.platformStatus(), 'platform');
  const resources = {
    dashboard,
    bot,
    positions,
    trades,
    orders,
    signals,
    alerts,
    candles,
    sessions,
    performance,
    platform,
  };
  const pending = useRef(new Set<Part>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const resourcesRef = useRef(resources);
  resourcesRef.current = resources;
  const onMessage = useCallback((message: SseMessage) => {
    partsFor(message.event).forEach((part) => pending.current.add(part));
    if (pending.current.size === 0 || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const parts = [...pending.current];
      pending.current.clear();
      parts.forEach((part) => resourcesRef.current[part].reload());
    }, 250);
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const live = useSse(api.streamUrl(userId), onMessage);

  const botStatus = bot.data ?? dashboard.data?.bot ?? undefined;
  // the owner's saved settings, read only while the dashboard shows no session (kept through the bot's reloads)
  const needsOwnSettings = userId === null && dashboard.data !== undefined && !dashboard.data.bot;
  const ownSettings = useResource<Settings | undefined>(
    () => (needsOwnSettings ? api.settings() : Promise.resolve(undefined)),
    `settings:${key}:${needsOwnSettings}`,
  );
  // the chart shows the indicators of the bot's strategy
  const { strategy, emaFast, emaSlow } =
    chartStrategy(bot.data?.settings, dashboard.data?.bot, userId === null ? ownSettings.data : undefined) ?? {};
  const indicators = useMemo(() => indicatorsFor({ strategy, emaFast, emaSlow }), [strategy, emaFast, emaSlow]);
  const chartData = useMemo(
    () =>
      toChartData(
        candles.data ?? [],
        (orders.data ?? []).filter((o) => o.symbol === chartSymbol),
        (trades.data?.trades ?? []).filter((t) => t.symbol === chartSymbol),
        (positions.data ?? []).filter((p) => p.symbol === chartSymbol),
        TIMEFRAME_SECONDS[chartTimeframe] ?? 300,
        marketClock(signals.data ?? [], TIMEFRAME_SECONDS[chartTimeframe] ?? 300),
        indicators,
      ),
    [candles.data, orders.data, trades.data, positions.data, signals.data, chartSymbol, chartTimeframe, indicators],
  );

  return (
    <div className="page dashboard">
      <header className="page-header">
        <h1>{userId !== null && dashboard.data?.username ? `${dashboard.data.username} — ${title}` : title}</h1>
        {switcher}
        <LiveIndicator state={live.state} />
      </header>
      <StreamEndedNotice ended={live.ended} />
      <HaltBanner status={platform.data} />
      <MaintenanceBanner status={platform.data} />
      <div className="grid two">
        <section className="card account-card" aria-labelledby="account-title">
          <header className="card-header">
            <h2 id="account-title">Account</h2>
          </header>
          <Async of={dashboard}>
            {(d) =>
              d.account ? (
                <dl className="facts big">
                  <div>
                    <dt>Balance</dt>
                    <dd data-testid="balance">
                      <Money value={d.account.balance} />
                    </dd>
                  </div>
                  <div>
                    <dt>Equity</dt>
                    <dd data-testid="equity">
                      <Money value={d.account.equity} />
                    </dd>
                  </div>
                  {d.account.availableBalance !== undefined && d.account.availableBalance !== null && (
                    <div>
                      <dt title="margin free for new positions">Available</dt>
                      <dd data-testid="available">
                        <Money value={d.account.availableBalance} />
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>P&amp;L today</dt>
                    <dd data-testid="pnl-today">
                      <Money value={d.account.pnlToday} signed />
                      <PnlPercent value={d.account.pnlTodayPct} />
                    </dd>
                  </div>
                  <div>
                    <dt>P&amp;L all time</dt>
                    <dd data-testid="pnl-total">
                      <Money value={d.account.pnlAllTime} signed />
                      <PnlPercent value={d.account.pnlAllTimePct} />
                    </dd>
                  </div>
                  {d.connection?.status && (
                    <div>
                      <dt>BingX</dt>
                      <dd>
                        <Badge value={d.connection.status} />{' '}
                        <span className="mono small">{d.connection.maskedApiKey ?? ''}</span>
                      </dd>
                    </div>
                  )}
                  {d.account.updatedAt && (
                    <div className="span">
                      <dt title="when BingX reported this balance; read again every minute while no bot runs">As of</dt>
                      <dd data-testid="account-as-of">
                        <Time value={d.account.updatedAt} />
                      </dd>
                    </div>
                  )}
                </dl>
              ) : (
                <p className="state state-empty">
                  {userId === null ? (
                    <span>
                      No account data yet: <Link to="/profile">connect BingX in your profile</Link>; the balance shows
                      once BingX has been read.
                    </span>
                  ) : (
                    'No account data yet.'
                  )}
                </p>
              )
            }
          </Async>
        </section>
        <BotControls
          bot={
            botStatus && { ...botStatus, openPositions: (botStatus as BotLike).openPositions ?? positions.data?.length }
          }
          userId={userId}
          canControl={canControl}
          platform={platform.data}
          onChanged={(next) => {
            if (next) bot.setData(() => next);
            else bot.reload();
            dashboard.reload();
          }}
        />
      </div>

      <section className="card" aria-labelledby="chart-title">
        <header className="card-header">
          <h2 id="chart-title">Chart {chartTimeframe}</h2>
          <label className="inline">
            <span className="sr-only">Symbol</span>
            <select value={chartSymbol} onChange={(e) => setSymbol(e.target.value)} aria-label="Chart symbol">
              {symbolChoices.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <span className="sr-only">Timeframe</span>
            <select
              value={chartTimeframe}
              onChange={(e) => setFrame(e.target.value)}
              aria-label="Chart timeframe"
              title="the timeframes this market has candles of: the ones bots trade and the always-on ones"
            >
              {frameChoices.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        </header>
        <Async of={candles} empty="No candles yet for this market." isEmpty={(c) => c.length === 0}>
          {() => (
            <CandleChart
              data={chartData}
              symbol={chartSymbol}
              adxThreshold={(bot.data?.settings ?? (userId === null ? ownSettings.data : undefined))?.adxThreshold}
            />
          )}
        </Async>
      </section>

      <section className="card" aria-labelledby="positions-title">
        <header className="card-header">
          <h2 id="positions-title">Open positions</h2>
        </header>
        <Async of={positions}>{(p) => <PositionsTable positions={p} />}</Async>
      </section>

      <section className="card" aria-labelledby="orders-title">
        <header className="card-header">
          <h2 id="orders-title">Orders</h2>
        </header>
        <Async of={orders}>{(o) => <OrdersTable orders={o.slice(0, 50)} />}</Async>
      </section>

      <section className="card" aria-labelledby="trades-title">
        <header className="card-header">
          <h2 id="trades-title">Trade history</h2>
        </header>
        <TradeFilters value={filter} onChange={(f) => setFilter({ ...f, limit: 100 })} symbols={symbolChoices} />
        <Async of={trades}>
          {(t) => (
            <>
              <TradesTable
                trades={filterTrades([...t.trades, ...older.trades], filter)}
                filtered={isFiltered(filter)}
              />
              {nextCursor && (
                <button
                  type="button"
                  className="button small"
                  disabled={older.loading}
                  onClick={() => void loadOlderTrades()}
                >
                  {older.loading ? 'Loading…' : 'Older trades'}
                </button>
              )}
              {older.error && <ErrorBox error={older.error} onRetry={() => void loadOlderTrades()} />}
            </>
          )}
        </Async>
      </section>

      <section className="card" aria-labelledby="performance-title">
        <header className="card-header">
          <h2 id="performance-title">Performance</h2>
        </header>
        <Async of={performance}>{(p) => <PerformanceCard performance={p} />}</Async>
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <header className="card-header">
          <h2 id="sessions-title">Bot runs</h2>
        </header>
        <Async of={sessions}>{(runs) => <SessionsTable sessions={runs} />}</Async>
      </section>

      <div className="grid two">
        <section className="card" aria-labelledby="signals-title">
          <header className="card-header">
            <h2 id="signals-title">Decisions</h2>
          </header>
          <Async of={signals}>{(s) => <DecisionLog signals={s} symbols={symbolChoices} />}</Async>
        </section>
        <section className="card" aria-labelledby="alerts-title">
          <header className="card-header">
            <h2 id="alerts-title">Alerts</h2>
          </header>
          <Async of={alerts}>{(a) => <AlertsList alerts={a} />}</Async>
        </section>
      </div>
    </div>
  );
}

/** A P&L in percent beside the amount, "(+1.4 %)"; nothing when the server sent none. */
function PnlPercent({ value }: { value: number | string | null | undefined }) {
  if (value === undefined || value === null) return null;
  return <span className={`small ${tone(value)}`}> ({formatPercent(value, 1, true)})</span>;
}
