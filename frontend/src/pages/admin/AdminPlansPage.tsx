import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Plan, PlanBody, PlanLimits, User, UserPlan } from '../../api/types';
import { Async, describeError, Field, Money, Notice, Time, type NoticeMessage } from '../../components/ui';
import { describeLimits } from '../../lib/plans';
import { TIMEFRAMES } from '../../lib/settingsRules';
import { useResource } from '../../lib/useResource';

const CHANNELS = ['WEBHOOK', 'TELEGRAM', 'EMAIL'] as const;

/** A server refusal's field messages by field, or none. */
function fieldErrors(e: unknown): Record<string, string> {
  return e instanceof ApiError ? Object.fromEntries(e.errors.map((x) => [x.field, x.message])) : {};
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Plans and traders' subscriptions for admins (docs/plans.md): the plans with their limits, a form to create or change
 * one, the default plan, retiring; a trader's plan with its history, assigning a plan and recording a payment. Every
 * change needs a reason and is in the audit log.
 */
export function AdminPlansPage() {
  const plans = useResource(() => api.plans(), 'plans');
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Plans</h1>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          New plan
        </button>
      </header>
      <p className="hint">Every change here is recorded in the audit log with who made it and why.</p>
      {editing && (
        <PlanForm
          plan={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            plans.reload();
          }}
        />
      )}
      <Async of={plans} empty="No plans yet." isEmpty={(p) => p.length === 0}>
        {(all) => (
          <>
            <div className="grid two">
              {all.map((p) => (
                <PlanSummary key={p.planId} plan={p} onEdit={() => setEditing(p)} onChanged={plans.reload} />
              ))}
            </div>
            <SubscriptionCard plans={all.filter((p) => !p.retired)} />
          </>
        )}
      </Async>
    </div>
  );
}

function PlanSummary({ plan, onEdit, onChanged }: { plan: Plan; onEdit: () => void; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  async function act(what: 'default' | 'retire') {
    if (!reason.trim()) {
      setMessage({ tone: 'error', text: 'Give a reason first.' });
      return;
    }
    try {
      if (what === 'default') await api.makeDefaultPlan(plan.planId, reason.trim());
      else await api.retirePlan(plan.planId, reason.trim());
      setReason('');
      onChanged();
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    }
  }
  return (
    <section className="card" aria-label={`Plan ${plan.name}`}>
      <header className="card-header">
        <h2>
          {plan.name} {plan.defaultPlan && <span className="badge positive">default</span>}{' '}
          {plan.retired && <span className="badge neutral">retired</span>}
        </h2>
      </header>
      <p>
        {Number(plan.monthlyPrice) > 0 ? <Money value={plan.monthlyPrice} currency={plan.currency} /> : 'Free'} per
        month
      </p>
      <ul className="plan-limits">
        {describeLimits(plan.limits).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {!plan.retired && (
        <div className="form">
          <button type="button" className="button" onClick={onEdit}>
            Edit
          </button>
          {!plan.defaultPlan && (
            <>
              <Field label={`Why (${plan.name}: default or retire)`}>
                {(p) => (
                  <input
                    {...p}
                    name={`reason-${plan.planId}`}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                )}
              </Field>
              <button type="button" className="button" onClick={() => act('default')}>
                Make default
              </button>
              <button type="button" className="button danger" onClick={() => act('retire')}>
                Retire
              </button>
            </>
          )}
        </div>
      )}
      <Notice message={message} />
    </section>
  );
}

/** Create a plan (with its identifier) or change one: name, price, limits, and why. */
function PlanForm({ plan, onDone }: { plan?: Plan; onDone: () => void }) {
  const l = plan?.limits;
  const [f, setF] = useState({
    planId: plan?.planId ?? '',
    name: plan?.name ?? '',
    monthlyPrice: String(plan?.monthlyPrice ?? '0'),
    symbols: (l?.symbols ?? []).join(', '),
    maxSymbolsPerBot: String(l?.maxSymbolsPerBot ?? 1),
    timeframes: (l?.timeframes ?? []) as string[],
    strategies: (l?.strategies ?? []).join(', '),
    liveFunds: l?.liveFunds ?? false,
    maxLeverage: String(l?.maxLeverage ?? 3),
    backtestsPerDay: String(l?.backtestsPerDay ?? 3),
    channels: (l?.notificationChannels ?? []) as string[],
    reason: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const set = (k: keyof typeof f, v: unknown) => setF((x) => ({ ...x, [k]: v }));
  const flip = (k: 'timeframes' | 'channels', v: string, on: boolean) =>
    set(k, on ? [...f[k], v] : f[k].filter((x) => x !== v));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const limits = {
      symbols: list(f.symbols),
      maxSymbolsPerBot: Number(f.maxSymbolsPerBot),
      timeframes: f.timeframes,
      strategies: list(f.strategies),
      liveFunds: f.liveFunds,
      maxLeverage: Number(f.maxLeverage),
      backtestsPerDay: Number(f.backtestsPerDay),
      notificationChannels: f.channels,
    } as PlanLimits;
    const body: PlanBody = { name: f.name, monthlyPrice: Number(f.monthlyPrice), limits, reason: f.reason };
    try {
      if (plan) await api.changePlan(plan.planId, body);
      else await api.createPlan(f.planId, body);
      onDone();
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ tone: 'error', text: describeError(e) });
    }
  }

  const text = (k: keyof typeof f, label: string, hint?: string) => (
    <Field label={label} error={errors[k] ?? errors[`limits.${k}`]} hint={hint}>
      {(p) => <input {...p} name={k} value={String(f[k])} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  return (
    <section className="card" aria-label={plan ? `Edit ${plan.name}` : 'New plan'}>
      <form onSubmit={submit} noValidate className="form">
        <div className="form-grid">
          {!plan && text('planId', 'Identifier', 'lowercase letters, digits and -')}
          {text('name', 'Name')}
          {text('monthlyPrice', 'Monthly price (USD)', '0: a free plan')}
          {text('symbols', 'Symbols', 'comma-separated; empty: any the platform allows')}
          {text('maxSymbolsPerBot', 'Symbols per bot')}
          {text('strategies', 'Strategies', 'comma-separated; empty: every one')}
          {text('maxLeverage', 'Max leverage')}
          {text('backtestsPerDay', 'Backtests per day')}
          <fieldset className="choices">
            <legend>Timeframes (none ticked: any)</legend>
            {TIMEFRAMES.map((t) => (
              <label key={t} className="check">
                <input
                  type="checkbox"
                  checked={f.timeframes.includes(t)}
                  onChange={(e) => flip('timeframes', t, e.target.checked)}
                />{' '}
                {t}
              </label>
            ))}
          </fieldset>
          <fieldset className="choices">
            <legend>Notification channels</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={f.channels.includes(c)}
                  onChange={(e) => flip('channels', c, e.target.checked)}
                />{' '}
                {c.toLowerCase()}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={f.liveFunds} onChange={(e) => set('liveFunds', e.target.checked)} /> Live
            funds allowed (else demo funds only)
          </label>
          {text('reason', 'Reason')}
        </div>
        <Notice message={message} />
        <button type="submit" className="button primary">
          {plan ? 'Save plan' : 'Create plan'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </form>
    </section>
  );
}

/** One trader's plan and history; assign another plan, record a payment. */
function SubscriptionCard({ plans }: { plans: Plan[] }) {
  const users = useResource(() => api.users(), 'users');
  const [userId, setUserId] = useState('');
  const [current, setCurrent] = useState<UserPlan | null>(null);
  const [planId, setPlanId] = useState('');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState<NoticeMessage | null>(null);

  async function load(id: string) {
    setUserId(id);
    setCurrent(null);
    setMessage(null);
    if (id) setCurrent(await api.userPlan(id).catch(() => null));
  }
  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      await load(userId);
      setMessage({ tone: 'success', text: done });
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    }
  }
  const traders = (users.data ?? []).filter((u: User) => u.role === 'trader');
  return (
    <section className="card" aria-labelledby="subscription-title">
      <header className="card-header">
        <h2 id="subscription-title">A trader&apos;s plan</h2>
      </header>
      <Field label="Trader">
        {(p) => (
          <select {...p} name="trader" value={userId} onChange={(e) => void load(e.target.value)}>
            <option value="">Choose a trader</option>
            {traders.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        )}
      </Field>
      {current && (
        <>
          <p>
            <strong>{current.current.plan.name}</strong> — {current.current.status}
            {current.current.assigned ? '' : ' (default plan)'}; paid through{' '}
            {current.current.paidThrough ? <Time value={current.current.paidThrough} /> : '—'}
          </p>
          <div className="form-grid">
            <Field label="Plan">
              {(p) => (
                <select {...p} name="plan" value={planId} onChange={(e) => setPlanId(e.target.value)}>
                  <option value="">Choose a plan</option>
                  {plans.map((x) => (
                    <option key={x.planId} value={x.planId}>
                      {x.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Reason for the change">
              {(p) => <input {...p} name="assign-reason" value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <button
              type="button"
              className="button"
              onClick={() => void run(() => api.assignPlan(userId, planId, reason), 'Plan assigned.')}
            >
              Assign plan
            </button>
            <Field label="Amount (USD)">
              {(p) => (
                <input
                  {...p}
                  name="amount"
                  inputMode="decimal"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                />
              )}
            </Field>
            <Field label="Reference">
              {(p) => (
                <input {...p} name="reference" value={reference} onChange={(e) => setReference(e.target.value)} />
              )}
            </Field>
            <button
              type="button"
              className="button"
              onClick={() => void run(() => api.recordPayment(userId, Number(amount), reference), 'Payment recorded.')}
            >
              Record payment
            </button>
          </div>
          <ul className="plan-history" aria-label="Plan history">
            {current.history.map((h, i) => (
              <li key={i}>
                <Time value={h.at} /> {h.kind}: {h.summary}
                {h.reason ? ` — ${h.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <Notice message={message} />
    </section>
  );
}
