import { useState } from 'react';
import type { AlertView, Position, SignalView, Trade, TradeFilter } from '../../api/types';
import { Badge, Empty, Money, Time } from '../../components/ui';
import { formatDuration, formatNumber, formatPercent, readableCode, readableReason } from '../../lib/format';

export function PositionsTable({ positions }: { positions: Position[] }) {
  if (positions.length === 0) return <Empty>No open positions.</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Open positions">
      <table>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Entry
            </th>
            <th scope="col" className="num" title="the exchange's mark price, which unrealised P&amp;L is valued at">
              Mark
            </th>
            <th scope="col" className="num">
              Stop
            </th>
            <th scope="col" className="num">
              Take profit
            </th>
            <th scope="col" className="num">
              Unrealised P&amp;L
            </th>
            <th
              scope="col"
              className="num"
              title="Funding fees BingX booked on the position every 8 hours (negative: paid)"
            >
              Funding
            </th>
            <th scope="col">Opened</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={`${p.symbol}-${p.side}-${p.openedAt}`} className={p.external ? 'external' : undefined}>
              <td>
                {p.symbol}
                {p.external && (
                  <>
                    {' '}
                    <span
                      className="badge warning"
                      title="BingX holds this position; the bot did not open it, never trades it and makes no entry on this symbol while it is there"
                    >
                      external — not managed by the bot
                    </span>
                  </>
                )}
              </td>
              <td>
                <Badge value={p.side} />
              </td>
              <td className="num">{formatNumber(p.quantity, 4)}</td>
              <td className="num">{formatNumber(p.entryPrice)}</td>
              <td className="num">{formatNumber(p.markPrice)}</td>
              <td className="num">{formatNumber(p.stopLoss)}</td>
              <td className="num">{formatNumber(p.takeProfit)}</td>
              <td className="num">
                <Money value={p.unrealisedPnl} signed />
              </td>
              <td className="num">{p.external ? '—' : <Money value={p.funding} signed />}</td>
              <td>
                <Time value={p.openedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A filter's symbol picker: every symbol, or one. */
function SymbolSelect({
  value,
  symbols,
  onChange,
}: {
  value: string | undefined;
  symbols: string[];
  onChange: (symbol: string | undefined) => void;
}) {
  return (
    <label>
      Symbol
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All</option>
        {symbols.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TradeFilters({
  value,
  onChange,
  symbols,
}: {
  value: TradeFilter;
  onChange: (f: TradeFilter) => void;
  symbols: string[];
}) {
  const [draft, setDraft] = useState<TradeFilter>(value);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="filters"
      aria-label="Trade filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.from && draft.to && draft.from > draft.to) {
          setProblem('From is after To: choose a From date on or before the To date.');
          return;
        }
        setProblem(null);
        onChange(draft);
      }}
    >
      <SymbolSelect value={draft.symbol} symbols={symbols} onChange={(symbol) => setDraft({ ...draft, symbol })} />
      <label>
        Side
        <select value={draft.side ?? ''} onChange={(e) => setDraft({ ...draft, side: e.target.value || undefined })}>
          <option value="">All</option>
          <option value="LONG">Long</option>
          <option value="SHORT">Short</option>
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'trade-filter-problem' : undefined}
          value={draft.from?.substring(0, 10) ?? ''}
          onChange={(e) =>
            setDraft({
              ...draft,
              from: e.target.value ? new Date(`${e.target.value}T00:00:00`).toISOString() : undefined,
            })
          }
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={draft.to?.substring(0, 10) ?? ''}
          onChange={(e) =>
            setDraft({
              ...draft,
              to: e.target.value ? new Date(`${e.target.value}T23:59:59`).toISOString() : undefined,
            })
          }
        />
      </label>
      <button type="submit" className="button small">
        Apply
      </button>
      {problem && (
        <p className="field-error" role="alert" id="trade-filter-problem">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Applies the filter in the browser too, so a server that ignores a parameter still shows the right rows. */
export function filterTrades(trades: Trade[], filter: TradeFilter): Trade[] {
  return trades.filter(
    (t) =>
      (!filter.symbol || t.symbol === filter.symbol) &&
      (!filter.side || t.side.toUpperCase() === filter.side) &&
      (!filter.from || t.closedAt >= filter.from) &&
      (!filter.to || t.closedAt <= filter.to),
  );
}

/** Whether the filter narrows the trades down at all. */
export function isFiltered(filter: TradeFilter): boolean {
  return Boolean(filter.symbol || filter.side || filter.from || filter.to);
}

/** The trades; with none, says whether there are none at all or none that match the filter. */
export function TradesTable({ trades, filtered = false }: { trades: Trade[]; filtered?: boolean }) {
  if (trades.length === 0) return <Empty>{filtered ? 'No trades match these filters.' : 'No trades yet.'}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Trade history">
      <table>
        <thead>
          <tr>
            <th scope="col">Closed</th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" title="how long the position was held, from its opening to this close">
              Held
            </th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Entry
            </th>
            <th scope="col" className="num">
              Exit
            </th>
            <th scope="col" className="num">
              Fees
            </th>
            <th
              scope="col"
              className="num"
              title="Funding fees booked while the position was held (negative: paid); included in the net P&amp;L"
            >
              Funding
            </th>
            <th scope="col" className="num">
              Net P&amp;L
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((t) => (
            <tr key={t.tradeId} data-testid="trade-row">
              <td>
                <Time value={t.closedAt} />
              </td>
              <td>{t.symbol}</td>
              <td>
                <Badge value={t.side} />
              </td>
              <td data-testid="trade-held">{formatDuration(t.openedAt, new Date(t.closedAt))}</td>
              <td className="num">{formatNumber(t.quantity, 4)}</td>
              <td className="num">{formatNumber(t.entryPrice)}</td>
              <td className="num">{formatNumber(t.exitPrice)}</td>
              <td className="num">
                <Money value={t.fees} />
              </td>
              <td className="num">
                <Money value={t.funding} signed />
              </td>
              <td className="num">
                <Money value={t.netPnl ?? t.realisedPnl} signed />
              </td>
              <td>
                {t.imported ? (
                  <span
                    className="badge"
                    title="Imported from the single-user bot (import-legacy); not part of P&amp;L all time"
                  >
                    imported
                  </span>
                ) : t.reason === 'LIQUIDATION' ? (
                  <span className="badge negative">LIQUIDATION</span>
                ) : (
                  (t.reason ?? '—')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type DecisionFilter = { symbol?: string; outcome?: 'SIGNAL' | 'SKIPPED' };

/** The decisions that match the filter (symbol, signals only or skipped candles only). */
export function filterDecisions(signals: SignalView[], filter: DecisionFilter): SignalView[] {
  return signals.filter(
    (s) => (!filter.symbol || s.symbol === filter.symbol) && (!filter.outcome || s.outcome === filter.outcome),
  );
}

/** The decision log: each candle the bot decided on, with its indicators, decision and reason, filtered. */
export function DecisionLog({ signals, symbols }: { signals: SignalView[]; symbols: string[] }) {
  const [filter, setFilter] = useState<DecisionFilter>({});
  const shown = filterDecisions(signals, filter).slice(0, 50);
  return (
    <>
      <form className="filters" aria-label="Decision filters" onSubmit={(e) => e.preventDefault()}>
        <SymbolSelect value={filter.symbol} symbols={symbols} onChange={(symbol) => setFilter({ ...filter, symbol })} />
        <label>
          Decision
          <select
            value={filter.outcome ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, outcome: (e.target.value || undefined) as DecisionFilter['outcome'] })
            }
          >
            <option value="">All</option>
            <option value="SIGNAL">Signals</option>
            <option value="SKIPPED">Skipped candles</option>
          </select>
        </label>
      </form>
      {shown.length === 0 && signals.length > 0 ? (
        <Empty>No decisions match these filters.</Empty>
      ) : (
        <SignalsTable signals={shown} />
      )}
    </>
  );
}

/** What the bot did on a signal, in words: "Signal", or "Skipped: ADX 16.81 is below the threshold 25". */
export function signalOutcome(s: Pick<SignalView, 'outcome' | 'reason' | 'reasonCode'>): string {
  if (!s.outcome) return '—';
  if (s.outcome !== 'SKIPPED') return readableCode(s.outcome);
  const why = s.reason ? readableReason(s.reason) : s.reasonCode ? readableCode(s.reasonCode) : '';
  return why ? `Skipped: ${why}` : 'Skipped';
}

export function SignalsTable({ signals }: { signals: SignalView[] }) {
  if (signals.length === 0) return <Empty>No signals yet; they appear when a candle closes with a trend.</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Decisions">
      <table>
        <thead>
          <tr>
            <th scope="col">Candle</th>
            <th scope="col">Symbol</th>
            <th scope="col">Direction</th>
            <th scope="col" className="num">
              ADX
            </th>
            <th scope="col" className="num">
              +DI
            </th>
            <th scope="col" className="num">
              −DI
            </th>
            <th scope="col">Confidence</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {signals.map((s, i) => (
            <tr key={s.signalId ?? `${s.symbol}-${s.candleTime}-${i}`}>
              <td>
                <Time value={s.candleTime} />
              </td>
              <td>{s.symbol}</td>
              <td>
                <Badge value={s.side ?? 'NONE'} />
              </td>
              <td className="num">{formatNumber(s.adx, 1)}</td>
              <td className="num">{formatNumber(s.plusDi, 1)}</td>
              <td className="num">{formatNumber(s.minusDi, 1)}</td>
              <td>
                {s.confidence === undefined || s.confidence === null ? (
                  '—'
                ) : (
                  <Confidence value={Number(s.confidence)} />
                )}
              </td>
              <td>{signalOutcome(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Confidence({ value }: { value: number }) {
  const clamped = Number.isFinite(value) ? Math.max(0, Math.min(100, value)) : 0;
  return (
    <span className="confidence">
      <meter min={0} max={100} low={40} high={60} optimum={100} value={clamped} aria-label="Confidence" />
      <span className="num">{formatPercent(clamped, 0)}</span>
    </span>
  );
}

/** Alerts about the account itself (sign-ins, password, BingX key, admin views): kinds SECURITY_*. */
export function isSecurityAlert(alert: Pick<AlertView, 'kind'>): boolean {
  return alert.kind?.startsWith('SECURITY_') ?? false;
}

export function AlertsList({ alerts }: { alerts: AlertView[] }) {
  if (alerts.length === 0) return <Empty>No alerts.</Empty>;
  return (
    <ul className="alerts" aria-label="Alerts">
      {alerts.map((a) => {
        const security = isSecurityAlert(a);
        return (
          <li
            key={a.alertId}
            className={`alert ${a.severity.toLowerCase()}${security ? ' security' : ''}`}
            data-testid={security ? 'security-alert' : 'alert'}
          >
            <Badge value={a.severity} />
            <span className="alert-message">
              {security && <span className="alert-tag">Account security</span>}
              {a.message}
            </span>
            <Time value={a.at} />
          </li>
        );
      })}
    </ul>
  );
}
