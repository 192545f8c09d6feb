import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Role } from '../../api/types';
import { describeError, Field, Modal } from '../../components/ui';
import { PasswordStrength } from '../../components/PasswordStrength';
import { ROLES } from './roles';

/** Creates a user (username, e-mail, initial password, role); field errors from the server land on their fields. */
export function CreateUserModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (username: string) => void;
}) {
  const [form, setForm] = useState({ username: '', email: '', password: '', role: 'trader' as Role });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[a-zA-Z0-9._-]{3,32}$/.test(form.username.trim()))
      found.username = '3 to 32 letters, digits, dot, dash or underscore.';
    if (!/^[^@\s]+@[^@\s]+$/.test(form.email.trim())) found.email = 'Enter an e-mail address.';
    if (form.password.length < 12) found.password = 'At least 12 characters.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.createUser({ ...form, username: form.username.trim(), email: form.email.trim() });
      onCreated(form.username.trim());
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="Create user" onClose={onClose}>
      <form className="form modal-body" onSubmit={submit} noValidate>
        <Field label="Username" error={errors.username}>
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="off"
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.target.value })}
            />
          )}
        </Field>
        <Field label="E-mail" error={errors.email}>
          {(p) => (
            <input
              {...p}
              name="email"
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Initial password"
          error={errors.password}
          hint="At least 12 characters, hard to guess; tell it to the person."
        >
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          )}
        </Field>
        <PasswordStrength password={form.password} username={form.username} email={form.email} />
        <Field label="Role" error={errors.role}>
          {(p) => (
            <select
              {...p}
              name="role"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        {failure && (
          <p className="notice error" role="alert">
            {failure}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
