import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { FeesOverview } from '../../api/types';
import { Async, describeError, Field, Money, Notice, type NoticeMessage } from '../../components/ui';
import { formatPercent } from '../../lib/format';
import { useResource } from '../../lib/useResource';

/** Every trader's performance fees and the platform's revenue; admins set a trader's terms with a reason. */
export function AdminFeesPage({ canEdit = true }: { canEdit?: boolean }) {
  const overview = useResource(() => api.allFees(), 'admin-fees');
  return (
    <div className="page admin-fees">
      <header className="page-header">
        <h1>Fees</h1>
      </header>
      <Async of={overview}>
        {(data) => (
          <>
            <FeesTable overview={data} />
            {canEdit && <TermsForm overview={data} onSaved={overview.reload} />}
          </>
        )}
      </Async>
    </div>
  );
}

function FeesTable({ overview }: { overview: FeesOverview }) {
  return (
    <section className="card" aria-labelledby="revenue-title">
      <header className="card-header">
        <h2 id="revenue-title">Revenue</h2>
      </header>
      <dl className="facts">
        <dt>Settled fees</dt>
        <dd>
          <Money value={overview.totalRevenue} />
        </dd>
        <dt>Accrued, not settled</dt>
        <dd>
          <Money value={overview.totalAccrued} />
        </dd>
      </dl>
      {overview.traders.length === 0 ? (
        <p>No trader has traded or fee terms yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Fees per trader">
          <table aria-label="Fees per trader">
            <thead>
              <tr>
                <th>Trader</th>
                <th className="num">Rate</th>
                <th className="num">High-water mark</th>
                <th className="num">Cumulative profit</th>
                <th className="num">Accrued</th>
                <th className="num">Fees settled</th>
                <th>Last settled</th>
              </tr>
            </thead>
            <tbody>
              {overview.traders.map((t) => (
                <tr key={t.userId}>
                  <td>{t.username ?? t.userId}</td>
                  <td className="num">{formatPercent(Number(t.rate) * 100, 2)}</td>
                  <td className="num">
                    <Money value={t.highWaterMark} />
                  </td>
                  <td className="num">
                    <Money value={t.cumulativeProfit} signed />
                  </td>
                  <td className="num">
                    <Money value={t.accruedFee} />
                  </td>
                  <td className="num">
                    <Money value={t.totalFees} />
                  </td>
                  <td>{t.lastSettled ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TermsForm({ overview, onSaved }: { overview: FeesOverview; onSaved: () => void }) {
  const users = useResource(() => api.users(), 'admin-users');
  const traders = (users.data ?? []).filter((u) => u.role === 'trader');
  const [userId, setUserId] = useState('');
  const [rate, setRate] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const percent = Number(rate);
    if (!userId) found.id = 'Choose a trader.';
    if (rate.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent >= 100)
      found.rate = 'Enter a rate from 0 to below 100 %.';
    if (!reason.trim()) found.reason = 'Say why the terms change.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setMessage(null);
    try {
      // the percent as a decimal share, exactly: 20 → 0.2, 12.5 → 0.125
      const share = Number((percent / 100).toFixed(6));
      await api.setFeeTerms(userId, { rate: share, period: 'MONTHLY', reason: reason.trim() });
      const name = traders.find((t) => t.id === userId)?.username ?? userId;
      setMessage({ tone: 'positive', text: `Fee rate of ${name} set to ${percent} %.` });
      setReason('');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  const current = overview.traders.find((t) => t.userId === userId);
  return (
    <section className="card" aria-labelledby="terms-title">
      <header className="card-header">
        <h2 id="terms-title">Set a trader's fee terms</h2>
      </header>
      <form onSubmit={submit} noValidate className="form">
        <Field
          label="Trader"
          error={errors.id}
          hint={current ? `Now ${formatPercent(Number(current.rate) * 100, 2)}.` : undefined}
        >
          {(p) => (
            <select {...p} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose…</option>
              {traders.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.username}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Rate (%)" error={errors.rate} hint="Share of new profit above the high-water mark, monthly.">
          {(p) => <input {...p} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />}
        </Field>
        <Field label="Reason" error={errors.reason}>
          {(p) => <input {...p} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Notice message={message} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Set fee terms'}
        </button>
      </form>
    </section>
  );
}
