import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { BacktestRequest, BacktestResult, Settings } from '../../api/types';
import { describeError, ErrorBox, Loading, Money, Time } from '../../components/ui';
import { formatNumber, formatPercent, readableCode, toNumber } from '../../lib/format';
import { useResource } from '../../lib/useResource';
import { curvePath } from '../dashboard/PerformanceCard';

type Source = 'ETH-USDT' | 'BTC-USDT' | 'csv';

/** The shipped data sets: real market data, as the backtest endpoint names them. */
export const DATASETS: { value: Source; label: string }[] = [
  { value: 'ETH-USDT', label: 'ETH-USDT · 580 real 5-minute candles, 13–15 March 2023 (5m only)' },
  { value: 'BTC-USDT', label: 'BTC-USDT · 100,000 real Bitstamp trades from 25 Nov 2013, folded into candles' },
  { value: 'csv', label: 'My own candles (CSV: time,open,high,low,close,volume)' },
];

/** The settings a backtest may change from the saved ones, as form text. */
type Tweaks = Pick<Settings, 'timeframe'> & {
  adxThreshold: string;
  signalConfidence: string;
  stopAtr: string;
  takeProfitR: string;
  riskPerTradePct: string;
};

const MAX_CSV_BYTES = 60 * 1024;

/** One finished run: what was asked and what came back. */
export interface Run {
  label: string;
  result: BacktestResult;
}

/** The equity after each trade, from the starting equity: the points of the run's curve. */
export function equityPoints(result: BacktestResult): { at?: string; cumulativePnl?: number }[] {
  let equity = toNumber(result.summary?.initialEquity) ?? 0;
  const points = [{ at: result.firstCandle, cumulativePnl: equity }];
  for (const trade of result.trades ?? []) {
    equity += toNumber(trade.netPnl) ?? 0;
    points.push({ at: trade.exitTime, cumulativePnl: equity });
  }
  return points;
}

/** The request for the form's choices: the saved settings with the page's changes. */
export function backtestRequest(
  saved: Settings,
  tweaks: Tweaks,
  source: Source,
  csv: string,
  symbol: string,
  equity: string,
): BacktestRequest {
  const settings: Settings = {
    ...saved,
    timeframe: source === 'ETH-USDT' ? '5m' : tweaks.timeframe,
    adxThreshold: Number(tweaks.adxThreshold),
    signalConfidence: Number(tweaks.signalConfidence),
    stopAtr: Number(tweaks.stopAtr),
    takeProfitR: Number(tweaks.takeProfitR),
    riskPerTradePct: Number(tweaks.riskPerTradePct),
  };
  const data = source === 'csv' ? { candles: csv, symbol } : { dataset: source };
  return { ...data, equity: Number(equity), settings };
}

/** Backtest page: run the trader's strategy over real history (or their own candles) and compare two runs. */
export function BacktestPage() {
  const saved = useResource<Settings>(() => api.settings(), 'settings');
  return (
    <div className="page backtest">
      <header className="page-header">
        <h1>Backtest</h1>
      </header>
      {saved.data ? (
        <BacktestWorkbench saved={saved.data} />
      ) : saved.error ? (
        <ErrorBox error={saved.error} onRetry={saved.reload} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

function BacktestWorkbench({ saved }: { saved: Settings }) {
  const [source, setSource] = useState<Source>('ETH-USDT');
  const [csv, setCsv] = useState('');
  const [symbol, setSymbol] = useState(saved.symbols[0] ?? 'BTC-USDT');
  const [equity, setEquity] = useState('10000');
  const [tweaks, setTweaks] = useState<Tweaks>({
    timeframe: saved.timeframe,
    adxThreshold: String(saved.adxThreshold),
    signalConfidence: String(saved.signalConfidence),
    stopAtr: String(saved.stopAtr),
    takeProfitR: String(saved.takeProfitR),
    riskPerTradePct: String(saved.riskPerTradePct),
  });
  const [runs, setRuns] = useState<Run[]>([]);
  const [running, setRunning] = useState<{ controller: AbortController; started: number } | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef(0);

  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - running.started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);

  async function run(event: FormEvent) {
    event.preventDefault();
    if (source === 'csv' && new Blob([csv]).size > MAX_CSV_BYTES) {
      setProblem('The candles are more than 60 KiB: post fewer rows (the server takes at most 64 KiB).');
      return;
    }
    if (source === 'csv' && !csv.trim()) {
      setProblem('Paste candles or choose a CSV file first.');
      return;
    }
    const id = ++current.current;
    const controller = new AbortController();
    setProblem(null);
    setElapsed(0);
    setRunning({ controller, started: Date.now() });
    try {
      const result = await api.backtest(backtestRequest(saved, tweaks, source, csv, symbol, equity), controller.signal);
      if (id !== current.current) return;
      const label = `${result.symbol ?? ''} ${result.timeframe ?? ''}, ADX ≥ ${tweaks.adxThreshold}, stop ${tweaks.stopAtr} ATR, TP ${tweaks.takeProfitR} R`;
      setRuns((before) => [{ label, result }, ...before].slice(0, 2));
    } catch (e) {
      if (id !== current.current) return;
      setProblem(describeError(e));
    } finally {
      if (id === current.current) setRunning(null);
    }
  }

  function cancel() {
    running?.controller.abort();
    current.current++;
    setRunning(null);
    setProblem('Cancelled: nothing was kept from that run.');
  }

  const set = (field: keyof Tweaks, value: string) => setTweaks((t) => ({ ...t, [field]: value }));
  const [latest, previous] = runs;
  return (
    <>
      <section className="card" aria-labelledby="backtest-form-title">
        <header className="card-header">
          <h2 id="backtest-form-title">What to test</h2>
        </header>
        <p className="muted small">
          Your saved trading settings, with the changes below; the same indicators, strategy and fill rules as the bot
          (fills on the next candle&apos;s open, taker fee 0.05 %). Nothing here changes your saved settings.
        </p>
        <form className="form backtest-form" aria-label="Backtest" onSubmit={(e) => void run(e)}>
          <label>
            Data
            <select value={source} onChange={(e) => setSource(e.target.value as Source)}>
              {DATASETS.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          {source === 'csv' && (
            <>
              <label>
                Symbol
                <input value={symbol} onChange={(e) => setSymbol(e.target.value.toUpperCase())} />
              </label>
              <label>
                CSV file
                <input
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void file.text().then(setCsv);
                  }}
                />
              </label>
              <label className="span">
                Candles
                <textarea
                  rows={5}
                  value={csv}
                  placeholder="time,open,high,low,close,volume"
                  onChange={(e) => setCsv(e.target.value)}
                />
              </label>
            </>
          )}
          <label>
            Timeframe
            <select
              value={source === 'ETH-USDT' ? '5m' : tweaks.timeframe}
              disabled={source === 'ETH-USDT'}
              onChange={(e) => set('timeframe', e.target.value)}
            >
              {['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          {(
            [
              ['adxThreshold', 'ADX threshold'],
              ['signalConfidence', 'Min. signal confidence'],
              ['stopAtr', 'Stop (× ATR)'],
              ['takeProfitR', 'Take profit (× risk)'],
              ['riskPerTradePct', 'Risk per trade (%)'],
            ] as [keyof Tweaks, string][]
          ).map(([field, label]) => (
            <label key={field}>
              {label}
              <input
                type="number"
                inputMode="decimal"
                step="any"
                value={tweaks[field]}
                onChange={(e) => set(field, e.target.value)}
              />
            </label>
          ))}
          <label>
            Starting equity (USDT)
            <input
              type="number"
              inputMode="decimal"
              min={1}
              value={equity}
              onChange={(e) => setEquity(e.target.value)}
            />
          </label>
          <div className="button-row span">
            <button type="submit" className="button primary" disabled={running !== null}>
              {running ? `Running… ${elapsed} s` : 'Run backtest'}
            </button>
            {running && (
              <button type="button" className="button" onClick={cancel}>
                Cancel
              </button>
            )}
          </div>
        </form>
        {problem && (
          <p className="notice error" role="alert">
            {problem}
          </p>
        )}
      </section>
      {latest && <Results latest={latest} previous={previous} />}
    </>
  );
}

const SUMMARY_ROWS: [string, (r: BacktestResult) => ReactNode][] = [
  ['Candles', (r) => r.summary?.candles ?? 0],
  ['Trades (won / lost)', (r) => `${r.summary?.trades ?? 0} (${r.summary?.wins ?? 0} / ${r.summary?.losses ?? 0})`],
  ['Win rate', (r) => formatPercent(r.summary?.winRatePct, 1)],
  ['Net P&L', (r) => <Money value={r.summary?.totalPnl} signed />],
  ['Fees', (r) => <Money value={r.summary?.fees} />],
  ['Final equity', (r) => <Money value={r.summary?.finalEquity} />],
  ['Max drawdown', (r) => formatPercent(r.summary?.maxDrawdownPct, 2)],
  ['Time in the market', (r) => formatPercent(r.summary?.exposurePct, 1)],
  ['Stopped early', (r) => (r.summary?.stoppedAt ? <Time value={r.summary.stoppedAt} /> : 'no')],
];

function Results({ latest, previous }: { latest: Run; previous?: Run }) {
  const curve = curvePath(equityPoints(latest.result), 600, 140, null);
  const lost = (toNumber(latest.result.summary?.totalPnl) ?? 0) < 0;
  return (
    <>
      <section className="card" aria-labelledby="backtest-summary-title">
        <header className="card-header">
          <h2 id="backtest-summary-title">Results</h2>
        </header>
        <p className="muted small">
          {latest.result.source}: <Time value={latest.result.firstCandle} /> to{' '}
          <Time value={latest.result.lastCandle} />
        </p>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Backtest summary">
          <table data-testid="backtest-summary">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">This run: {latest.label}</th>
                {previous && <th scope="col">Previous run: {previous.label}</th>}
              </tr>
            </thead>
            <tbody>
              {SUMMARY_ROWS.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{value(latest.result)}</td>
                  {previous && <td>{value(previous.result)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {curve && (
          <figure className="equity-curve">
            <svg viewBox="0 0 600 140" preserveAspectRatio="none" role="img" aria-label="Equity after each trade">
              <path d={curve.path} className={`curve ${lost ? 'negative' : 'positive'}`} />
            </svg>
            <figcaption className="small muted">Equity after each trade, from the starting equity</figcaption>
          </figure>
        )}
      </section>
      <section className="card" aria-labelledby="backtest-trades-title">
        <header className="card-header">
          <h2 id="backtest-trades-title">Trades of this run</h2>
        </header>
        {(latest.result.trades ?? []).length === 0 ? (
          <p className="state state-empty">
            No trade: the strategy found no entry in these candles with these settings.
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Backtest trades">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Side</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Exit</th>
                  <th scope="col" className="num">
                    Qty
                  </th>
                  <th scope="col" className="num">
                    Net P&amp;L
                  </th>
                  <th scope="col">Exit reason</th>
                </tr>
              </thead>
              <tbody>
                {(latest.result.trades ?? []).map((t) => (
                  <tr key={t.number} data-testid="backtest-trade">
                    <td>{t.number}</td>
                    <td>{t.side}</td>
                    <td>
                      <Time value={t.entryTime} /> @ {formatNumber(t.entryPrice)}
                    </td>
                    <td>
                      <Time value={t.exitTime} /> @ {formatNumber(t.exitPrice)}
                    </td>
                    <td className="num">{formatNumber(t.quantity, 4)}</td>
                    <td className="num">
                      <Money value={t.netPnl} signed />
                    </td>
                    <td>{t.exitReason ? readableCode(t.exitReason) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
