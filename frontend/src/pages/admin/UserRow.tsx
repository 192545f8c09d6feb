import { api } from '../../api/client';
import type { Role, User } from '../../api/types';
import { Badge, Time } from '../../components/ui';
import { Link } from '../../lib/router';
import { deactivationConsequences, ROLES, roleChangeConsequences } from './roles';

interface UserRowProps {
  user: User;
  me: User;
  /** Runs an action, then shows `done` (or the error) and reloads the list. */
  change: (action: () => Promise<unknown>, done: string) => Promise<void>;
  onResetPassword: (u: User) => void;
  onGrants: (viewer: User) => void;
}

/** One user in the admin's table: role, status, trading permission, last login and the actions on them. */
export function UserRow({ user: u, me, change, onResetPassword, onGrants }: UserRowProps) {
  return (
    <tr data-username={u.username}>
      <td data-label="User">
        {u.role === 'trader' ? <Link to={`/admin/users/${u.id}/dashboard`}>{u.username}</Link> : u.username}
        <div className="muted small">{u.email}</div>
      </td>
      <td data-label="Role">
        <select
          aria-label={`Role of ${u.username}`}
          value={u.role}
          disabled={u.id === me.id}
          onChange={(e) => {
            const to = e.target.value as Role;
            if (!window.confirm(roleChangeConsequences(u, to))) return;
            void change(() => api.updateUser(u.id as string, { role: to }), `${u.username} is now ${to}.`);
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Status">
        <Badge
          value={u.active ? (u.locked ? 'WARNING' : 'RUNNING') : 'STOPPED'}
          label={u.active ? (u.locked ? 'locked' : 'active') : 'deactivated'}
        />
        {u.locked && (
          <div className="small muted">
            until <Time value={u.lockedUntil} />
          </div>
        )}
      </td>
      <td data-label="Trading">
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
      <td data-label="Last login">
        <Time value={u.lastLoginAt} />
      </td>
      <td data-label="Actions">
        <div className="button-row compact">
          {u.id !== me.id && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                if (u.active && !window.confirm(deactivationConsequences(u))) return;
                void change(
                  () => api.updateUser(u.id as string, { active: !u.active }),
                  `${u.username} ${u.active ? 'deactivated' : 'reactivated'}.`,
                );
              }}
            >
              {u.active ? 'Deactivate' : 'Activate'}
            </button>
          )}
          {u.locked && (
            <button
              type="button"
              className="button small"
              onClick={() => void change(() => api.unlockUser(u.id as string), `${u.username} unlocked.`)}
            >
              Unlock
            </button>
          )}
          <button type="button" className="button small" onClick={() => onResetPassword(u)}>
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
            <button type="button" className="button small" onClick={() => onGrants(u)}>
              Grants ({u.grantedTraders?.length ?? 0})
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
