import { useState } from 'react';
import { api } from '../../api/client';
import { Async, Badge, describeError, Notice, type NoticeMessage } from '../../components/ui';
import { useResource } from '../../lib/useResource';

/** Event processors with their lag and dead letters; a projection can be rebuilt from zero. */
export function AdminProjectionsPage() {
  const processors = useResource(() => api.processors(), 'processors');
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<NoticeMessage | null>(null);

  async function rebuild(name: string) {
    if (
      !window.confirm(
        `Rebuild ${name} from the first event? Its tables are cleared and refilled; no order or alert is sent.`,
      )
    )
      return;
    setBusy(name);
    setMessage(null);
    try {
      await api.rebuild(name);
      setMessage({ tone: 'positive', text: `${name} is rebuilding.` });
      processors.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <header className="page-header">
        <h1>Projections</h1>
        <button type="button" className="button small" onClick={processors.reload}>
          Refresh
        </button>
      </header>
      <Notice message={message} />
      <section className="card">
        <Async of={processors} empty="No processors." isEmpty={(p) => p.length === 0}>
          {(list) => (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Processors">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Processor</th>
                    <th scope="col">State</th>
                    <th scope="col" className="num">
                      Segments
                    </th>
                    <th scope="col" className="num">
                      Position
                    </th>
                    <th scope="col" className="num">
                      Lag
                    </th>
                    <th scope="col" className="num">
                      Dead letters
                    </th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => (
                    <tr key={p.name}>
                      <td className="mono">{p.name}</td>
                      <td>
                        <Badge
                          value={p.replaying ? 'PENDING' : p.running ? 'RUNNING' : 'STOPPED'}
                          label={p.replaying ? 'REBUILDING' : p.running ? 'RUNNING' : 'STOPPED'}
                        />
                      </td>
                      <td className="num">{p.claimedSegments}</td>
                      <td className="num">{p.position}</td>
                      <td className="num">{p.lag < 0 ? '—' : p.lag}</td>
                      <td className="num">{p.deadLetters}</td>
                      <td>
                        <button
                          type="button"
                          className="button small"
                          disabled={busy !== null || p.replaying}
                          onClick={() => void rebuild(p.name)}
                        >
                          {busy === p.name ? 'Rebuilding…' : 'Rebuild'}
                        </button>
                      </td>
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
