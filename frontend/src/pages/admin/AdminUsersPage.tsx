import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Role, User } from '../../api/types';
import { Async, Badge, describeError, Field, Modal, Time, Notice, type NoticeMessage } from '../../components/ui';
import { PasswordStrength } from '../../components/PasswordStrength';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/useResource';

const ROLES: Role[] = ['trader', 'viewer', 'auditor', 'admin'];

/** Manage people: create, role, activation, trading permission, unlock, password reset, viewer grants. */
export function AdminUsersPage({ me }: { me: User }) {
  const users = useResource(() => api.users(), 'users');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [message, setMessage] = useState<NoticeMessage | null>(null);

  async function change(action: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await action();
      setMessage({ tone: 'positive', text: done });
      users.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    }
  }

  const traders = (users.data ?? []).filter((u) => u.role === 'trader');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Users</h1>
        <button type="button" className="button primary" onClick={() => setCreating(true)}>
          Create user
        </button>
      </header>
      <Notice message={message} />
      <section className="card">
        <Async of={users} empty="No users." isEmpty={(u) => u.length === 0}>
          {(list) => (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Users">
              <table>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Trading</th>
                    <th scope="col">Last login</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id} data-username={u.username}>
                      <td>
                        {u.role === 'trader' ? <Link to={`/admin/users/${u.id}/dashboard`}>{u.username}</Link> : u.username}
                        <div className="muted small">{u.email}</div>
                      </td>
                      <td>
                        <select
                          aria-label={`Role of ${u.username}`}
                          value={u.role}
                          disabled={u.id === me.id}
                          onChange={(e) => void change(() => api.updateUser(u.id as string, { role: e.target.value as Role }), `${u.username} is now ${e.target.value}.`)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <Badge value={u.active ? (u.locked ? 'WARNING' : 'RUNNING') : 'STOPPED'} label={u.active ? (u.locked ? 'locked' : 'active') : 'deactivated'} />
                        {u.locked && (
                          <div className="small muted">
                            until <Time value={u.lockedUntil} />
                          </div>
                        )}
                      </td>
                      <td>
                        {u.role === 'trader' ? (
                          <label className="toggle">
                            <input
                              type="checkbox"
                              checked={!!u.tradingEnabled}
                              onChange={(e) =>
                                void change(
                                  () => api.updateUser(u.id as string, { tradingEnabled: e.target.checked }),
                                  `${u.username}: trading ${e.target.checked ? 'allowed' : 'not allowed'}.`,
                                )
                              }
                            />
                            <span>{u.tradingEnabled ? 'allowed' : 'not allowed'}</span>
                          </label>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <Time value={u.lastLoginAt} />
                      </td>
                      <td>
                        <div className="button-row compact">
                          {u.id !== me.id && (
                            <button
                              type="button"
                              className="button small"
                              onClick={() =>
                                void change(
                                  () => api.updateUser(u.id as string, { active: !u.active }),
                                  `${u.username} ${u.active ? 'deactivated' : 'reactivated'}.`,
                                )
                              }
                            >
                              {u.active ? 'Deactivate' : 'Activate'}
                            </button>
                          )}
                          {u.locked && (
                            <button type="button" className="button small" onClick={() => void change(() => api.unlockUser(u.id as string), `${u.username} unlocked.`)}>
                              Unlock
                            </button>
                          )}
                          <button type="button" className="button small" onClick={() => setResetting(u)}>
                            Reset password
                          </button>
                          {u.id !== me.id && (
                            <button
                              type="button"
                              className="button small danger"
                              onClick={() => {
                                const typed = window.prompt(
                                  `Erase ${u.username}? The account is deactivated, its password forgotten and its data key destroyed: ` +
                                    'its BingX secrets in old events become unreadable. This cannot be undone. Type the username to confirm.',
                                );
                                if (typed === u.username) void change(() => api.eraseUser(u.id as string), `${u.username} erased.`);
                              }}
                            >
                              Erase
                            </button>
                          )}
                          {u.role === 'viewer' && (
                            <button type="button" className="button small" onClick={() => setGranting(u)}>
                              Grants ({u.grantedTraders?.length ?? 0})
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
      {creating && (
        <CreateUserModal
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            setMessage({ tone: 'positive', text: `${name} created.` });
            users.reload();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setMessage({ tone: 'positive', text: `New password set for ${resetting.username}; their sessions ended.` });
            setResetting(null);
          }}
        />
      )}
      {granting && (
        <GrantsModal
          viewer={granting}
          traders={traders}
          onClose={() => setGranting(null)}
          onChanged={() => users.reload()}
        />
      )}
    </div>
  );
}

function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (username: string) => void }) {
  const [form, setForm] = useState({ username: '', email: '', password: '', role: 'trader' as Role });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[a-zA-Z0-9._-]{3,32}$/.test(form.username.trim())) found.username = '3 to 32 letters, digits, dot, dash or underscore.';
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
      if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="Create user" onClose={onClose}>
      <form className="form modal-body" onSubmit={submit} noValidate>
        <Field label="Username" error={errors.username}>
          {(p) => <input {...p} name="username" autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}
        </Field>
        <Field label="E-mail" error={errors.email}>
          {(p) => <input {...p} name="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </Field>
        <Field label="Initial password" error={errors.password} hint="At least 12 characters, hard to guess; tell it to the person.">
          {(p) => <input {...p} name="password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </Field>
        <PasswordStrength password={form.password} username={form.username} email={form.email} />
        <Field label="Role" error={errors.role}>
          {(p) => (
            <select {...p} name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
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

function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 12) {
      setError('At least 12 characters.');
      return;
    }
    try {
      await api.resetPassword(user.id as string, password);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldMessage('password') ?? describeError(e)) : String(e));
    }
  }
  return (
    <Modal title={`Reset password of ${user.username}`} onClose={onClose}>
      <form className="form modal-body" onSubmit={submit} noValidate>
        <Field label="New password" error={error}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <PasswordStrength password={password} username={user.username} email={user.email} />
        <div className="button-row">
          <button type="submit" className="button primary">
            Set password
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

function GrantsModal({ viewer, traders, onClose, onChanged }: { viewer: User; traders: User[]; onClose: () => void; onChanged: () => void }) {
  const [granted, setGranted] = useState<string[]>(viewer.grantedTraders ?? []);
  const [error, setError] = useState<string | null>(null);
  async function toggle(trader: User, on: boolean) {
    setError(null);
    try {
      const updated = on ? await api.grant(viewer.id as string, trader.id as string) : await api.revoke(viewer.id as string, trader.id as string);
      setGranted(updated.grantedTraders ?? []);
      onChanged();
    } catch (e) {
      setError(describeError(e));
    }
  }
  return (
    <Modal title={`Dashboards ${viewer.username} may read`} onClose={onClose}>
      <div className="modal-body">
        {traders.length === 0 ? (
          <p className="state state-empty">No traders yet.</p>
        ) : (
          <ul className="checklist">
            {traders.map((t) => (
              <li key={t.id}>
                <label className="toggle">
                  <input type="checkbox" checked={granted.includes(t.id as string)} onChange={(e) => void toggle(t, e.target.checked)} />
                  <span>{t.username}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {error && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
