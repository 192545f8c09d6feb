import { useState } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { Async, describeError, Notice, type NoticeMessage } from '../../components/ui';
import { useResource } from '../../lib/useResource';
import { CreateUserModal } from './CreateUserModal';
import { GrantsModal } from './GrantsModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserRow } from './UserRow';

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
              <table className="users-table">
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
                    <UserRow
                      key={u.id}
                      user={u}
                      me={me}
                      change={change}
                      onResetPassword={setResetting}
                      onGrants={setGranting}
                    />
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
