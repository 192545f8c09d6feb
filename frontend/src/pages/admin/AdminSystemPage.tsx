import { useCallback, useRef } from 'react';
import { api } from '../../api/client';
import { useSse, type SseMessage } from '../../api/sse';
import type { ClusterNode, ClusterProcessor, SystemView } from '../../api/types';
import { Async, Badge, LiveIndicator, StreamEndedNotice, Time } from '../../components/ui';
import { useResource } from '../../lib/useResource';

const NODE_TONE: Record<string, string> = { UP: 'RUNNING', DOWN: 'FAILED', STOPPED: 'STOPPED' };

/** A processor's one-word state: in error, rebuilding, caught up or behind. */
export function processorState(p: ClusterProcessor): { value: string; label: string } {
  if (p.error) return { value: 'FAILED', label: 'ERROR' };
  if (p.replaying) return { value: 'PENDING', label: 'REPLAYING' };
  if (p.claimed === 0) return { value: 'STOPPED', label: 'UNCLAIMED' };
  if (p.lag > 0) return { value: 'PAUSED', label: 'BEHIND' };
  return { value: 'RUNNING', label: 'CAUGHT UP' };
}

/** Who holds a processor's segments: "node-a ×12, node-b ×4", unclaimed ones counted apart. */
export function owners(p: ClusterProcessor): string {
  const counts = new Map<string, number>();
  for (const s of p.segments) {
    const owner = s.owner ?? 'unclaimed';
    counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, n]) => (n === 1 ? owner : `${owner} ×${n}`))
    .join(', ');
}

/** The later of two views by generation time (the database's clock, the same for every node). */
export function newest(a: SystemView | undefined, b: SystemView): SystemView {
  if (!a?.generatedAt || !b.generatedAt) return b;
  return Date.parse(a.generatedAt) > Date.parse(b.generatedAt) ? a : b;
}

/** Admins: the cluster's nodes, event processors with their segments and lag, and dead letters, live. */
export function AdminSystemPage() {
  // the first answer and the stream's events race: whichever view was generated last is shown
  const latest = useRef<SystemView | undefined>(undefined);
  const system = useResource(() => api.system().then((view) => newest(latest.current, view)), 'system');
  const { setData } = system;
  const onMessage = useCallback(
    (message: SseMessage) => {
      if (message.event !== 'system') return;
      try {
        const view = JSON.parse(message.data) as SystemView;
        latest.current = newest(latest.current, view);
        setData((current) => newest(current, view));
      } catch {
        // a malformed event is skipped; the next one comes within seconds
      }
    },
    [setData],
  );
  const live = useSse(api.systemStreamUrl, onMessage);

  return (
    <div className="page">
      <header className="page-header">
        <h1>System</h1>
        <LiveIndicator state={live.state} />
      </header>
      <StreamEndedNotice ended={live.ended} />
      <Async of={system}>
        {(view) => (
          <>
            <p className="muted small" data-testid="system-answered-by">
              As seen by node <span className="mono">{view.answeredBy}</span> at <Time value={view.generatedAt} />;
              event store head {view.eventStoreHead}.
            </p>
            <section aria-labelledby="system-nodes">
              <h2 id="system-nodes">Nodes</h2>
              {view.nodes.length === 0 ? (
                <p className="state state-empty">No node has registered yet.</p>
              ) : (
                <div className="user-cards">
                  {view.nodes.map((n) => (
                    <NodeCard key={n.id} node={n} here={n.id === view.answeredBy} />
                  ))}
                </div>
              )}
            </section>
            <section className="card" aria-labelledby="system-processors">
              <h2 id="system-processors">Event processors</h2>
              {view.processors.length === 0 ? (
                <p className="state state-empty">No event processor has stored a token yet.</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Event processors">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Processor</th>
                        <th scope="col">State</th>
                        <th scope="col" className="num">
                          Lag
                        </th>
                        <th scope="col" className="num">
                          Position
                        </th>
                        <th scope="col" className="num">
                          Segments
                        </th>
                        <th scope="col">Owners</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.processors.map((p) => {
                        const state = processorState(p);
                        return (
                          <tr key={p.name} data-testid="system-processor" data-name={p.name}>
                            <td className="mono">{p.name}</td>
                            <td>
                              <Badge value={state.value} label={state.label} />
                            </td>
                            <td className="num">{p.lag}</td>
                            <td className="num">{p.position < 0 ? '—' : p.position}</td>
                            <td className="num">
                              {p.claimed}/{p.segmentCount}
                            </td>
                            <td className="mono small">{owners(p)}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section className="card" aria-labelledby="system-dead-letters">
              <h2 id="system-dead-letters">Dead letters</h2>
              {view.deadLetters.length === 0 ? (
                <p className="state state-empty">No dead letters.</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Dead letters">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Processing group</th>
                        <th scope="col" className="num">
                          Sequences
                        </th>
                        <th scope="col" className="num">
                          Letters
                        </th>
                        <th scope="col">Oldest</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.deadLetters.map((d) => (
                        <tr key={d.processingGroup} data-testid="system-dead-letters" data-group={d.processingGroup}>
                          <td className="mono">{d.processingGroup}</td>
                          <td className="num">{d.sequences}</td>
                          <td className="num">{d.letters}</td>
                          <td>
                            <Time value={d.oldest} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section className="card" aria-labelledby="system-exchange">
              <h2 id="system-exchange">Exchange (node {view.answeredBy})</h2>
              <dl className="facts" data-testid="system-exchange">
                <div>
                  <dt>State</dt>
                  <dd>
                    {view.exchange.unreachableSince ? (
                      <Badge value="FAILED" label="UNREACHABLE" />
                    ) : view.exchange.lastAnswer ? (
                      <Badge value="RUNNING" label="ANSWERING" />
                    ) : (
                      <Badge value="STOPPED" label="NO REQUEST YET" />
                    )}
                  </dd>
                </div>
                <div>
                  <dt>Last answer</dt>
                  <dd>
                    <Time value={view.exchange.lastAnswer} />
                  </dd>
                </div>
                {view.exchange.unreachableSince && (
                  <div>
                    <dt>Unreachable since</dt>
                    <dd className="negative">
                      <Time value={view.exchange.unreachableSince} />
                    </dd>
                  </div>
                )}
                <div>
                  <dt>Requests</dt>
                  <dd className="num">{view.exchange.requests}</dd>
                </div>
                <div>
                  <dt>Latency mean / max</dt>
                  <dd className="num">
                    {Math.round(view.exchange.meanLatencyMillis)} / {Math.round(view.exchange.maxLatencyMillis)} ms
                  </dd>
                </div>
                <div>
                  <dt>Rate-limited (429)</dt>
                  <dd className={`num ${view.exchange.rateLimited > 0 ? 'negative' : ''}`}>
                    {view.exchange.rateLimited}
                  </dd>
                </div>
              </dl>
              <h3>Rate-limit headroom</h3>
              {view.rateLimits.length === 0 ? (
                <p className="state state-empty">No request to the exchange from this node yet.</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Rate-limit headroom">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Bucket group</th>
                        <th scope="col" className="num">
                          Free now
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.rateLimits.map((r) => (
                        <tr key={r.bucket} data-testid="system-rate-limit" data-bucket={r.bucket}>
                          <td className="mono">{r.bucket}</td>
                          <td className={`num ${r.lowestAvailable === 0 ? 'negative' : ''}`}>
                            {r.lowestAvailable}/{r.permits}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </Async>
    </div>
  );
}

function NodeCard({ node, here }: { node: ClusterNode; here: boolean }) {
  return (
    <article className="card user-card" data-testid="system-node" data-node={node.id} data-status={node.status}>
      <header className="card-header">
        <h3 className="mono">{node.id}</h3>
        <Badge value={NODE_TONE[node.status] ?? 'STOPPED'} label={node.status} />
      </header>
      <dl className="facts">
        <div>
          <dt>Last seen</dt>
          <dd>{node.secondsSinceSeen === 0 ? 'just now' : `${node.secondsSinceSeen} s ago`}</dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>{node.roles.join(', ')}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Time value={node.startedAt} />
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd className="mono">{node.version ?? '—'}</dd>
        </div>
        <div className="span">
          <dt>Host</dt>
          <dd className="mono">
            {node.host} · pid {node.pid}
            {here ? ' · this page’s node' : ''}
          </dd>
        </div>
        {(node.processorsInError ?? []).length > 0 && (
          <div className="span">
            <dt>In error</dt>
            <dd className="negative">{(node.processorsInError ?? []).join(', ')}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
