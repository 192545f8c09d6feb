import type { SessionRun } from '../../api/types';
import { Badge, Empty, Money, Time } from '../../components/ui';
import { formatNumber, formatPercent, readableCode, toNumber } from '../../lib/format';

/** The return of a run on the balance it started with, in percent; null when either is unknown. */
export function returnPct(run: Pick<SessionRun, 'pnl' | 'initialBalance'>): number | null {
  const pnl = toNumber(run.pnl);
  const start = toNumber(run.initialBalance);
  return pnl === null || start === null || start <= 0 ? null : (pnl / start) * 100;
}

/** The settings a run traded with, in one line: strategy, timeframe, symbols, risk, stop, target and leverage. */
export function settingsSummary(settings: SessionRun['settings']): string {
  if (!settings) return '—';
  const strategy =
    settings.strategy === 'EMA_CROSS'
      ? `EMA ${settings.emaFast}/${settings.emaSlow} cross`
      : `ADX ≥ ${formatNumber(settings.adxThreshold, 0)}`;
  return [
    strategy,
    settings.timeframe,
    (settings.symbols ?? []).join(', '),
    `risk ${formatNumber(settings.riskPerTradePct, 2)} %`,
    `stop ${formatNumber(settings.stopAtr, 1)}×ATR`,
    `target ${formatNumber(settings.takeProfitR, 1)}R`,
    `${settings.leverage}×`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Every run of the bot, newest first, with its settings and what it made: trades, wins and losses, win rate and net P&L. */
export function SessionsTable({ sessions }: { sessions: SessionRun[] }) {
  if (sessions.length === 0) return <Empty>The bot has not run yet.</Empty>;
  const runs = [...sessions].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Bot runs">
      <table>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Stopped</th>
            <th scope="col">Status</th>
            <th scope="col">Settings</th>
            <th scope="col" className="num">
              Trades
            </th>
            <th scope="col" className="num">
              Won / lost
            </th>
            <th scope="col" className="num">
              Win rate
            </th>
            <th scope="col" className="num">
              Net P&amp;L
            </th>
            <th scope="col" className="num" title="net P&amp;L on the balance the run started with">
              Return
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.sessionId} data-testid="session-row">
              <td>
                <Time value={r.startedAt} />
              </td>
              <td>
                {r.stoppedAt ? <Time value={r.stoppedAt} /> : '—'}
                {r.stopReason && (
                  <div className="small muted">
                    {readableCode(r.stopReason)}
                    {r.stopDetail ? `: ${r.stopDetail}` : ''}
                  </div>
                )}
              </td>
              <td>
                <Badge value={r.status} />
              </td>
              <td className="small" data-testid="session-settings">
                {settingsSummary(r.settings)}
                {(r.settingsChanges ?? 0) > 0 && (
                  <div className="muted">
                    changed {r.settingsChanges === 1 ? 'once' : `${r.settingsChanges} times`} while it ran; the latest
                    shown
                  </div>
                )}
              </td>
              <td className="num">{r.trades ?? 0}</td>
              <td className="num">
                {r.wins ?? 0} / {r.losses ?? 0}
              </td>
              <td className="num">{r.trades ? formatPercent(r.winRatePct, 0) : '—'}</td>
              <td className="num">
                <Money value={r.pnl} signed />
              </td>
              <td className="num">{formatPercent(returnPct(r), 2, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
