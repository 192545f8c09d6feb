import { useState } from 'react';
import { api } from '../../api/client';
import { Async, Badge, describeError, Money, Time, Notice, type NoticeMessage } from '../../components/ui';
import { exchangeName } from '../../lib/exchanges';
import { useResource } from '../../lib/useResource';

/** Every trader's BingX connection, and the master-key rotation (re-wraps every data key; events untouched). */
export function AdminConnectionsPage() {
  const connections = useResource(() => api.connections(), 'connections');
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [rotating, setRotating] = useState(false);

  async function rotate() {
    if (
      !window.confirm(
        'Rotate the master key? Every per-user data key is re-wrapped with the new key; stored events are not touched.',
      )
    )
      return;
    setRotating(true);
    setMessage(null);
    try {
      const result = await api.rotateMasterKey();
      setMessage({
        tone: result.unreadable ? 'warning' : 'positive',
        text: `Master key rotated (key ${result.masterKeyId ?? '?'}): ${result.rewrapped ?? 0} data keys re-wrapped${result.unreadable ? `, ${result.unreadable} unreadable` : ''}.`,
      });
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setRotating(false);
    }
  }
  return (
    <div className="page">
      <header className="page-header">
        <h1>BingX connections</h1>
        <div className="button-row compact">
          <button type="button" className="button small" onClick={connections.reload}>
            Refresh
          </button>
          <button type="button" className="button small" disabled={rotating} onClick={() => void rotate()}>
            {rotating ? 'Rotating…' : 'Rotate master key'}
          </button>
        </div>
      </header>
      <Notice message={message} />
      <section className="card">
        <Async of={connections} empty="No trader has connected BingX yet." isEmpty={(c) => c.length === 0}>
          {(list) => (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Connections">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Trader</th>
                    <th scope="col">Status</th>
                    <th scope="col">Exchange</th>
                    <th scope="col">Key</th>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      Balance
                    </th>
                    <th scope="col">Last verified</th>
                    <th scope="col">Health</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c, i) => (
                    <tr key={c.userId ?? i}>
                      <td>{c.username ?? c.userId}</td>
                      <td>
                        <Badge value={c.status} />
                      </td>
                      <td>{exchangeName(c.exchange)}</td>
                      <td className="mono">{c.maskedApiKey ?? '—'}</td>
                      <td>{c.accountType ?? '—'}</td>
                      <td className="num">
                        <Money value={c.balance} />
                      </td>
                      <td>
                        <Time value={c.lastVerifiedAt} />
                      </td>
                      <td>
                        {c.health?.status ? (
                          <Badge
                            value={c.health.status === 'HEALTHY' ? 'VERIFIED' : 'FAILED'}
                            label={c.health.status}
                          />
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>{c.failure?.message ?? c.health?.message ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
    </div>
  );
}
