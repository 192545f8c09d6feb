import type { TraderPlan } from '../../api/types';
import { Async, Badge, Money, Time } from '../../components/ui';
import { describeLimits, statusText } from '../../lib/plans';
import { useResource } from '../../lib/useResource';
import { api } from '../../api/client';

/** The trader's plan: its name and price, the subscription's status and period, and what the plan allows. */
export function PlanCard() {
  const plan = useResource<TraderPlan>(() => api.myPlan(), 'my-plan');
  return (
    <section className="card" aria-labelledby="plan-title">
      <header className="card-header">
        <h2 id="plan-title">Your plan</h2>
      </header>
      <Async of={plan}>
        {(p) => (
          <div className="plan">
            <p>
              <strong>{p.plan.name}</strong>{' '}
              {Number(p.plan.monthlyPrice) > 0 ? (
                <>
                  <Money value={p.plan.monthlyPrice} currency={p.plan.currency} /> per month
                </>
              ) : (
                'free'
              )}{' '}
              <Badge
                value={p.status === 'ACTIVE' ? 'RUNNING' : p.status === 'PAST_DUE' ? 'FAILED' : 'STOPPED'}
                label={p.status}
              />
            </p>
            <p className={p.status === 'ACTIVE' ? 'hint' : 'notice warning'} role="status">
              {statusText(p)}
            </p>
            {p.periodStart && (
              <p className="hint">
                Current period <Time value={p.periodStart} /> – <Time value={p.periodEnd} />; paid through{' '}
                {p.paidThrough ? <Time value={p.paidThrough} /> : 'nothing yet'}
              </p>
            )}
            <ul className="plan-limits">
              {describeLimits(p.plan.limits).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="hint">To change your plan, ask an admin of this platform.</p>
          </div>
        )}
      </Async>
    </section>
  );
}
