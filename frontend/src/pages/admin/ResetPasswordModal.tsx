import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { User } from '../../api/types';
import { describeError, Field, Modal } from '../../components/ui';
import { PasswordStrength } from '../../components/PasswordStrength';

/** Sets a new password for a user (their sessions end). */
export function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
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
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
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
