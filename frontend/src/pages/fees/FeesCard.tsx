import { api, feeStatementUrl } from '../../api/client';
import type { Fees } from '../../api/types';
import { Async, Money, Time } from '../../components/ui';
import { formatPercent } from '../../lib/format';
import { useResource } from '../../lib/useResource';

/** A trader's performance fee (docs/fees.md): terms, high-water mark, accrued fee and the settlements. */
export function FeesCard() {
  const fees = useResource(() => api.fees(), 'my-fees');
  return (
    <section className="card" aria-labelledby="fees-title">
      <header className="card-header">
        <h2 id="fees-title">Performance fee</h2>
      </header>
      <Async of={fees}>{(data) => <FeesBody fees={data} />}</Async>
    </section>
  );
}

export function FeesBody({ fees }: { fees: Fees }) {
  const settlements = fees.settlements ?? [];
  const first = settlements.at(-1)?.period ?? null;
  const last = settlements.at(0)?.period ?? null;
  return (
    <>
      <dl className="facts">
        <dt>Rate</dt>
        <dd>{Number(fees.rate) === 0 ? 'No fee' : formatPercent(Number(fees.rate) * 100, 2)}</dd>
        <dt>High-water mark</dt>
        <dd>
          <Money value={fees.highWaterMark} />
        </dd>
        <dt>Current period since</dt>
        <dd>{fees.periodStart ? <Time value={fees.periodStart} /> : 'your first trade'}</dd>
        <dt>Accrued fee</dt>
        <dd>
          <Money value={fees.accruedFee} />
        </dd>
      </dl>
      <p className="hint">
        The fee is charged once a month on net trading profit above the high-water mark: a gain is charged once, and
        after a loss nothing is charged until it is recovered. Deposits and withdrawals never count.
      </p>
      {settlements.length === 0 ? (
        <p>No settlement yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Fee settlements">
          <table aria-label="Fee settlements">
            <thead>
              <tr>
                <th>Period</th>
                <th className="num">Net profit</th>
                <th className="num">Mark before</th>
                <th className="num">Mark after</th>
                <th className="num">Trades</th>
                <th className="num">Fee</th>
                <th>Statement</th>
              </tr>
            </thead>
            <tbody>
              {settlements.map((s) => (
                <tr key={s.period}>
                  <td>{s.period}</td>
                  <td className="num">
                    <Money value={s.periodNetProfit} signed />
                  </td>
                  <td className="num">
                    <Money value={s.highWaterMarkBefore} />
                  </td>
                  <td className="num">
                    <Money value={s.highWaterMarkAfter} />
                  </td>
                  <td className="num">{s.trades}</td>
                  <td className="num">
                    <Money value={s.fee} />
                  </td>
                  <td>
                    <a href={feeStatementUrl(s.period, s.period, 'csv')} download>
                      CSV
                    </a>{' '}
                    <a href={feeStatementUrl(s.period, s.period, 'pdf')} download>
                      PDF
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {first && last && first !== last && (
        <p>
          All settlements:{' '}
          <a href={feeStatementUrl(first, last, 'csv')} download>
            CSV
          </a>{' '}
          <a href={feeStatementUrl(first, last, 'pdf')} download>
            PDF
          </a>
        </p>
      )}
    </>
  );
}
