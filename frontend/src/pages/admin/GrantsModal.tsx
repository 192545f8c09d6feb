import { useState } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { describeError, Modal } from '../../components/ui';

/** The traders whose dashboards a viewer may read, each granted or revoked at once. */
export function GrantsModal({
  viewer,
  traders,
  onClose,
  onChanged,
}: {
  viewer: User;
  traders: User[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const [granted, setGranted] = useState<string[]>(viewer.grantedTraders ?? []);
  const [error, setError] = useState<string | null>(null);
  async function toggle(trader: User, on: boolean) {
    setError(null);
    try {
      const updated = on
        ? await api.grant(viewer.id as string, trader.id as string)
        : await api.revoke(viewer.id as string, trader.id as string);
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
                  <input
                    type="checkbox"
                    checked={granted.includes(t.id as string)}
                    onChange={(e) => void toggle(t, e.target.checked)}
                  />
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
