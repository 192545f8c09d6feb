import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { AggregateHistory, AuditEntry, AuditQuery } from '../../api/types';
import { Async, Badge, describeError, Empty, ErrorBox, Loading, Time } from '../../components/ui';
import { useResource } from '../../lib/useResource';

const FILTER_FIELDS: { key: keyof AuditQuery; label: string; placeholder: string }[] = [
  { key: 'user', label: 'User id', placeholder: 'UUID of the user concerned' },
  { key: 'actor', label: 'Actor', placeholder: 'who caused it, e.g. system:market' },
  { key: 'aggregate', label: 'Aggregate id', placeholder: 'e.g. a user id or credentials-…' },
  { key: 'type', label: 'Event type', placeholder: 'e.g. UserRegistered' },
  { key: 'text', label: 'Text', placeholder: 'in type or payload' },
];

/** Turns a datetime-local value (the browser's zone) into an ISO instant. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Audit explorer: filters, pages, export, chain verification and time travel. */
export function AuditPage() {
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState<AuditQuery>({ limit: 50 });
  const [pages, setPages] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [more, setMore] = useState<{ loading: boolean; error?: Error }>({ loading: false });
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const [travel, setTravel] = useState<{ aggregateId: string; at: string } | null>(null);
  const first = useResource(
    async () => {
      const page = await api.auditEvents(filter);
      setPages(page.entries);
      setCursor(page.nextCursor);
      return page;
    },
    `audit:${JSON.stringify(filter)}`,
  );
  const verification = useResource(() => api.auditVerify(), 'verify');

  function apply(event: FormEvent) {
    event.preventDefault();
    const next: AuditQuery = { limit: 50 };
    for (const f of FILTER_FIELDS) {
      const v = draft[f.key]?.trim();
      if (v) (next as Record<string, unknown>)[f.key] = v;
    }
    next.from = localToIso(draft.from ?? '');
    next.to = localToIso(draft.to ?? '');
    setFilter(next);
  }

  async function loadMore() {
    if (cursor === null || cursor === undefined) return;
    setMore({ loading: true });
    try {
      const page = await api.auditEvents({ ...filter, cursor });
      setPages((p) => [...p, ...page.entries]);
      setCursor(page.nextCursor);
      setMore({ loading: false });
    } catch (e) {
      setMore({ loading: false, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }

  return (
    <div className="page audit">
      <header className="page-header">
        <h1>Audit log</h1>
        <div className="button-row">
          <a
            className="button small"
            href={api.auditExportUrl(filter, 'ndjson')}
            download="audit.ndjson"
            data-testid="export-ndjson"
          >
            Export NDJSON
          </a>
          <a
            className="button small"
            href={api.auditExportUrl(filter, 'csv')}
            download="audit.csv"
            data-testid="export-csv"
          >
            Export CSV
          </a>
        </div>
      </header>
      <section className="card" aria-labelledby="chain-title">
        <header className="card-header">
          <h2 id="chain-title">Hash chain</h2>
          <button type="button" className="button small" onClick={verification.reload}>
            Verify again
          </button>
        </header>
        <Async of={verification}>
          {(v) =>
            v.intact ? (
              <p className="notice positive" data-testid="chain-status">
                Intact: {v.rowsChecked} rows checked, every link matches.
              </p>
            ) : (
              <p className="notice error" role="alert" data-testid="chain-status">
                Broken at row {v.firstBrokenSeq} (event {v.firstBrokenEventId}): {v.reason}. {v.rowsChecked} rows
                checked.
              </p>
            )
          }
        </Async>
      </section>
      <section className="card" aria-labelledby="filter-title">
        <h2 id="filter-title" className="sr-only">
          Filters
        </h2>
        <form className="filters" onSubmit={apply} aria-label="Audit filters">
          {FILTER_FIELDS.map((f) => (
            <label key={f.key}>
              {f.label}
              <input
                value={draft[f.key] ?? ''}
                placeholder={f.placeholder}
                onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
              />
            </label>
          ))}
          <label>
            From
            <input
              type="datetime-local"
              step={1}
              value={draft.from ?? ''}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label>
            To
            <input
              type="datetime-local"
              step={1}
              value={draft.to ?? ''}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <button type="submit" className="button small primary">
            Search
          </button>
        </form>
        <Async of={first} empty="No events match." isEmpty={() => pages.length === 0}>
          {() => (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit events">
                <table>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        #
                      </th>
                      <th scope="col">Time</th>
                      <th scope="col">Event</th>
                      <th scope="col">Aggregate</th>
                      <th scope="col">Actor</th>
                      <th scope="col">IP</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pages.map((e) => (
                      <tr key={e.seq} data-testid="audit-row">
                        <td className="num">{e.seq}</td>
                        <td>
                          <Time value={e.at} />
                        </td>
                        <td>{e.eventType}</td>
                        <td className="mono small">
                          {e.aggregateType ? `${e.aggregateType} ` : ''}
                          {e.aggregateId ?? '—'}
                        </td>
                        <td>
                          {e.actorId ?? '—'} {e.actorRole && <Badge value={e.actorRole} />}
                        </td>
                        <td className="mono small">{e.clientIp ?? '—'}</td>
                        <td>
                          <button type="button" className="button small" onClick={() => setSelected(e)}>
                            Show
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {cursor !== null && cursor !== undefined && (
                <button type="button" className="button" onClick={() => void loadMore()} disabled={more.loading}>
                  {more.loading ? 'Loading…' : 'Load more'}
                </button>
              )}
              {more.error && <ErrorBox error={more.error} onRetry={() => void loadMore()} />}
            </>
          )}
        </Async>
      </section>
      {selected && (
        <section className="card" aria-labelledby="detail-title">
          <header className="card-header">
            <h2 id="detail-title">
              Event #{selected.seq}: {selected.eventType}
            </h2>
            <button type="button" className="button small" onClick={() => setSelected(null)}>
              Close
            </button>
          </header>
          <dl className="facts">
            <div>
              <dt>Trace</dt>
              <dd className="mono small">{selected.traceId ?? '—'}</dd>
            </div>
            <div>
              <dt>Hash</dt>
              <dd className="mono small wrap">{selected.hash}</dd>
            </div>
          </dl>
          <pre className="payload">{pretty(selected.payload)}</pre>
          {selected.aggregateId && (
            <button
              type="button"
              className="button small"
              onClick={() => setTravel({ aggregateId: selected.aggregateId as string, at: selected.at })}
            >
              State of {selected.aggregateId} right after this event
            </button>
          )}
        </section>
      )}
      <TimeTravel key={travel ? `${travel.aggregateId}@${travel.at}` : 'blank'} preset={travel} />
    </div>
  );
}

/** The payload or state as indented JSON, whether it came as an object or as a JSON string. */
export function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** An ISO instant as a datetime-local value in the browser's zone (seconds kept). */
export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function TimeTravel({ preset }: { preset: { aggregateId: string; at: string } | null }) {
  const [aggregateId, setAggregateId] = useState(preset?.aggregateId ?? '');
  const [asOf, setAsOf] = useState(preset ? isoToLocal(preset.at) : '');
  const [result, setResult] = useState<{ loading: boolean; data?: AggregateHistory; error?: Error }>({
    loading: false,
  });

  async function show(id: string, at: string) {
    setResult({ loading: true });
    try {
      const data = await api.aggregateAt(id, at);
      setResult({ loading: false, data });
    } catch (e) {
      setResult({ loading: false, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }

  useEffect(() => {
    // from an event's detail: the state right after that event (the exact instant, not the rounded form value)
    if (preset) void show(preset.aggregateId, preset.at);
  }, [preset]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!aggregateId.trim()) {
      setResult({ loading: false, error: new Error('Enter an aggregate id.') });
      return;
    }
    await show(aggregateId.trim(), localToIso(asOf) ?? new Date().toISOString());
  }

  return (
    <section className="card" aria-labelledby="travel-title">
      <header className="card-header">
        <h2 id="travel-title">Time travel</h2>
      </header>
      <form className="filters" onSubmit={submit} aria-label="Time travel">
        <label>
          Aggregate id
          <input value={aggregateId} onChange={(e) => setAggregateId(e.target.value)} />
        </label>
        <label>
          As of (your time)
          <input type="datetime-local" step={1} value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <button type="submit" className="button small primary">
          Show state
        </button>
      </form>
      {result.loading && <Loading />}
      {result.error && (
        <p className="notice error" role="alert">
          {describeError(result.error)}
        </p>
      )}
      {result.data && (
        <div className="travel">
          <p>
            {result.data.aggregateType ?? 'Aggregate'} {result.data.aggregateId} as of <Time value={result.data.asOf} />
            : version {result.data.version < 0 ? 'none (did not exist yet)' : result.data.version}
          </p>
          <pre className="payload">{pretty(result.data.state)}</pre>
          {result.data.events.length === 0 ? (
            <Empty>No events up to that moment.</Empty>
          ) : (
            <ol className="events">
              {result.data.events.map((e) => (
                <li key={e.eventId}>
                  <strong>{e.eventType}</strong> <Time value={e.at} />{' '}
                  {e.actorId && <span className="muted">by {e.actorId}</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
