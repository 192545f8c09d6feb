import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { User } from '../../api/types';
import { describeError, Field, Notice, type NoticeMessage } from '../../components/ui';
import { PasswordStrength } from '../../components/PasswordStrength';
import { useAuth } from '../../lib/auth';

/** Change one's own password (current, new with the strength meter, repeated). */
export function PasswordCard({ user }: { user: User }) {
  const { logout } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = 'Enter your current password.';
    if (next.length < 12) found.newPassword = 'Use at least 12 characters.';
    if (next !== repeat) found.repeat = 'The two new passwords differ.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setMessage(null);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ tone: 'positive', text: 'Password changed.' });
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
    <section className="card" aria-labelledby="password-title">
      <header className="card-header">
        <h2 id="password-title">Change password</h2>
      </header>
      <form onSubmit={submit} noValidate className="form">
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
        <Field
          label="New password"
          error={errors.newPassword}
          hint="At least 12 characters, hard to guess: several uncommon words work well."
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <PasswordStrength password={next} username={user.username} email={user.email} />
        <Field label="Repeat new password" error={errors.repeat}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          )}
        </Field>
        <Notice message={message} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
