import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { User } from '../../api/types';
import { describeError, Field, Notice, type NoticeMessage } from '../../components/ui';
import { useAuth } from '../../lib/auth';

/** Change one's own e-mail address (the new address and the current password). */
export function EmailCard({ user }: { user: User }) {
  const { logout, refresh } = useAuth();
  const [email, setEmail] = useState('');
  const [current, setCurrent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    const found: Record<string, string> = {};
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) found.email = 'Enter an address such as name@example.com.';
    else if (address.toLowerCase() === user.email?.toLowerCase()) found.email = 'This is already your address.';
    if (!current) found.currentPassword = 'Enter your current password.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setMessage(null);
    try {
      const changed = await api.changeEmail(address, current);
      setEmail('');
      setCurrent('');
      setMessage({ tone: 'positive', text: `E-mail address changed to ${changed.email ?? address}.` });
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      if (e instanceof ApiError && e.status === 401) await logout();
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="email-title">
      <header className="card-header">
        <h2 id="email-title">Change e-mail address</h2>
      </header>
      <form onSubmit={submit} noValidate className="form">
        <Field label="New e-mail address" error={errors.email} hint={`Now ${user.email ?? 'not known'}.`}>
          {(p) => (
            <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Current password" error={errors.currentPassword}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Notice message={message} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change e-mail address'}
        </button>
      </form>
    </section>
  );
}
