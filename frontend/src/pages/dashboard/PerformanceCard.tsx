import type { Performance } from '../../api/types';
import { Empty, Money } from '../../components/ui';
import { formatNumber, formatPercent, formatSeconds, toNumber } from '../../lib/format';

type Point = { at?: string; cumulativePnl?: number | string };

/**
 * A curve of values as an SVG path in a width × height box, scaled to the values' range: the cumulative net P&L
 * after each closed trade drawn from `origin` (zero: the line starts at nothing made yet, `zeroY` where the P&L
 * is nil), or with no origin, the points alone (an equity curve that starts at the starting equity).
 */
export function curvePath(
  points: Point[],
  width: number,
  height: number,
  origin: number | null = 0,
): { path: string; zeroY: number } | null {
  const values = points.map((p) => toNumber(p.cumulativePnl)).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const all = origin === null ? values : [origin, ...values];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const y = (v: number) => height - ((v - min) / span) * height;
  const x = (i: number) => (all.length === 1 ? 0 : (i / (all.length - 1)) * width);
  const path = all.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return { path, zeroY: y(0) };
}

/** How the closed trades went: win rate, profit factor, average, best and worst trade, max drawdown and the curve. */
export function PerformanceCard({ performance }: { performance: Performance }) {
  const p = performance;
  if (!p.trades) return <Empty>No closed trades yet: the figures appear with the first.</Empty>;
  const curve = curvePath(p.curve ?? [], 600, 120);
  return (
    <>
      <dl className="facts" data-testid="performance">
        <div>
          <dt>Closed trades</dt>
          <dd>
            {p.trades} ({p.wins ?? 0} won, {p.losses ?? 0} lost)
          </dd>
        </div>
        <div>
          <dt>Win rate</dt>
          <dd data-testid="win-rate">{formatPercent(p.winRatePct, 1)}</dd>
        </div>
        <div>
          <dt title="gross profit ÷ gross loss; above 1 the winners made more than the losers lost">Profit factor</dt>
          <dd data-testid="profit-factor">
            {p.profitFactor === undefined || p.profitFactor === null
              ? '— (no loss yet)'
              : formatNumber(p.profitFactor, 2)}
          </dd>
        </div>
        <div>
          <dt>Average trade</dt>
          <dd>
            <Money value={p.averageTrade} signed />
          </dd>
        </div>
        <div>
          <dt title="how long a position was held on average, from its opening to its close">Average hold</dt>
          <dd data-testid="average-hold">{formatSeconds(p.averageHoldSeconds)}</dd>
        </div>
        <div>
          <dt>Best / worst trade</dt>
          <dd>
            <Money value={p.bestTrade} signed /> / <Money value={p.worstTrade} signed />
          </dd>
        </div>
        <div>
          <dt title="the largest fall of the cumulative net P&amp;L from an earlier high">Max drawdown</dt>
          <dd data-testid="max-drawdown">
            <Money value={p.maxDrawdown} />
          </dd>
        </div>
        <div>
          <dt>Net P&amp;L</dt>
          <dd>
            <Money value={p.netPnl} signed />
          </dd>
        </div>
      </dl>
      {curve && (
        <figure className="equity-curve">
          <svg
            viewBox="0 0 600 120"
            preserveAspectRatio="none"
            role="img"
            aria-label="Cumulative net P&L after each closed trade"
          >
            <line x1="0" x2="600" y1={curve.zeroY} y2={curve.zeroY} className="zero-line" />
            <path d={curve.path} className={`curve ${(toNumber(p.netPnl) ?? 0) < 0 ? 'negative' : 'positive'}`} />
          </svg>
          <figcaption className="small muted">Cumulative net P&amp;L after each closed trade, from zero</figcaption>
        </figure>
      )}
    </>
  );
}
