import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { AggregateHistory, AuditEntry, AuditQuery } from '../../api/types';
import { Async, Badge, describeError, Empty, ErrorBox, Loading, Time } from '../../components/ui';
import { Link, useRouter } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { ChainCard } from './ChainCard';

const FILTER_FIELDS: { key: 'user' | 'actor' | 'aggregate' | 'type' | 'text'; label: string; placeholder: string }[] = [
  { key: 'user', label: 'User', placeholder: 'username or user id' },
  { key: 'actor', label: 'Actor', placeholder: 'username or actor id, e.g. system:market' },
  { key: 'aggregate', label: 'Aggregate id', placeholder: 'e.g. a user id or credentials-…' },
  { key: 'type', label: 'Event type', placeholder: 'e.g. UserRegistered' },
  { key: 'text', label: 'Text', placeholder: 'in type or payload' },
];

/** The audit categories (derived by the API from the event's package), market data hidden by default. */
export const CATEGORIES: { key: string; label: string }[] = [
  { key: 'account', label: 'Accounts' },
  { key: 'security', label: 'Security' },
  { key: 'credentials', label: 'Credentials' },
  { key: 'trading', label: 'Trading' },
  { key: 'system', label: 'System' },
  { key: 'market', label: 'Market data' },
];
const DEFAULT_CATEGORIES = CATEGORIES.map((c) => c.key).filter((k) => k !== 'market');
const PAGE_SIZE = 50;

/** The categories a category parameter shows: absent is every one but market data, "all" is every one. */
export function categoriesOf(param: string | undefined): string[] {
  if (!param) return DEFAULT_CATEGORIES;
  if (param === 'all') return CATEGORIES.map((c) => c.key);
  const wanted = param.split(',');
  return CATEGORIES.map((c) => c.key).filter((k) => wanted.includes(k));
}

/** The category parameter for a selection: left out for the default, "all" for every category. */
export function categoryParam(selected: string[]): string | undefined {
  const keys = CATEGORIES.map((c) => c.key).filter((k) => selected.includes(k));
  if (keys.length === CATEGORIES.length) return 'all';
  if (keys.length === DEFAULT_CATEGORIES.length && DEFAULT_CATEGORIES.every((k) => keys.includes(k))) return undefined;
  return keys.join(',');
}

const URL_KEYS = ['user', 'actor', 'aggregate', 'type', 'text', 'from', 'to', 'category', 'order'] as const;

/** The filters in a page URL's query string (what a shared or reloaded link shows). */
export function filterFromSearch(search: string): AuditQuery {
  const params = new URLSearchParams(search);
  const filter: AuditQuery = { limit: PAGE_SIZE };
  for (const key of URL_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'order') {
      if (value === 'oldest') filter.order = 'oldest';
    } else {
      filter[key] = value;
    }
  }
  return filter;
}

/** The query string of the filters, for the page URL. */
export function searchOf(filter: AuditQuery): string {
  const params = new URLSearchParams();
  for (const key of URL_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Turns a datetime-local value (the browser's zone) into an ISO instant. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

interface Draft {
  text: Record<string, string>;
  categories: string[];
  order: 'newest' | 'oldest';
}

function draftOf(filter: AuditQuery): Draft {
  const text: Record<string, string> = {};
  for (const f of FILTER_FIELDS) text[f.key] = filter[f.key] ?? '';
  text.from = filter.from ? isoToLocal(filter.from) : '';
  text.to = filter.to ? isoToLocal(filter.to) : '';
  return { text, categories: categoriesOf(filter.category), order: filter.order ?? 'newest' };
}

/** A user shown by username, with the id in the tooltip; the id alone when the username is not known. */
function Who({ id, name }: { id?: string | null; name?: string | null }) {
  if (!id) return <>—</>;
  if (!name) return <span className="mono small">{id}</span>;
  return (
    <span title={id} data-testid="username">
      {name}
    </span>
  );
}

/**
 * Audit explorer: filters kept in the page URL (newest first, market data hidden by default), pages,
 * export, chain verification, the selected event's details in a side panel, and time travel.
 */
export function AuditPage() {
  const { search, navigate } = useRouter();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const [pages, setPages] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [more, setMore] = useState<{ loading: boolean; error?: Error }>({ loading: false });
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const [travel, setTravel] = useState<{ aggregateId: string; at: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const closeButton = useRef<HTMLButtonElement | null>(null);
  const first = useResource(
    async () => {
      const page = await api.auditEvents(filter);
      setPages(page.entries);
      setCursor(page.nextCursor);
      return page;
    },
    `audit:${JSON.stringify(filter)}`,
  );

  // the form follows the URL when it changes under it (back, forward)
  useEffect(() => {
    setDraft(draftOf(filter));
  }, [filter]);

  const close = useCallback(() => {
    setSelected(null);
    opener.current?.focus();
  }, []);

  useEffect(() => {
    if (!selected) return;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selected, close]);

  function open(entry: AuditEntry, from: HTMLElement) {
    opener.current = from;
    setSelected(entry);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const next: AuditQuery = { limit: PAGE_SIZE };
    for (const f of FILTER_FIELDS) {
      const v = draft.text[f.key]?.trim();
      if (v) next[f.key] = v;
    }
    next.from = localToIso(draft.text.from ?? '');
    next.to = localToIso(draft.text.to ?? '');
    next.category = categoryParam(draft.categories);
    if (draft.order === 'oldest') next.order = 'oldest';
    setSelected(null);
    navigate(`/audit${searchOf(next)}`);
  }

  function toggleCategory(key: string, on: boolean) {
    setDraft((d) => ({
      ...d,
      categories: on ? [...d.categories.filter((k) => k !== key), key] : d.categories.filter((k) => k !== key),
    }));
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

  // the export takes every category unless told, so it is told the categories the list shows
  const exported: AuditQuery = {
    ...filter,
    order: undefined,
    limit: undefined,
    category: categoryParam(categoriesOf(filter.category)) ?? DEFAULT_CATEGORIES.join(','),
  };
  const noCategory = draft.categories.length === 0;

  return (
    <div className="page audit">
      <header className="page-header">
        <h1>Audit log</h1>
        <div className="button-row">
          <Link to="/audit/replay" className="button small" data-testid="replay-link">
            Replay a trader
          </Link>
          <a
            className="button small"
            href={api.auditExportUrl(exported, 'ndjson')}
            download="audit.ndjson"
            data-testid="export-ndjson"
          >
            Export NDJSON
          </a>
          <a
            className="button small"
            href={api.auditExportUrl(exported, 'csv')}
            download="audit.csv"
            data-testid="export-csv"
          >
            Export CSV
          </a>
          <a
            className="button small"
            href={api.auditCaseUrl(exported)}
            download="audit-case.zip"
            data-testid="export-case"
            title="a zip with the rows as NDJSON and CSV and a manifest: the filter, the row count, the chain's hashes at both ends and the SHA-256 of every file"
          >
            Case file (zip)
          </a>
        </div>
      </header>
      <ChainCard />
      <section className="card" aria-labelledby="filter-title">
        <h2 id="filter-title" className="sr-only">
          Filters
        </h2>
        <form className="filters" onSubmit={apply} aria-label="Audit filters">
          {FILTER_FIELDS.map((f) => (
            <label key={f.key}>
              {f.label}
              <input
                name={f.key}
                value={draft.text[f.key] ?? ''}
                placeholder={f.placeholder}
                onChange={(e) => setDraft({ ...draft, text: { ...draft.text, [f.key]: e.target.value } })}
              />
            </label>
          ))}
          <label>
            From
            <input
              type="datetime-local"
              step={1}
              value={draft.text.from ?? ''}
              onChange={(e) => setDraft({ ...draft, text: { ...draft.text, from: e.target.value } })}
            />
          </label>
          <label>
            To
            <input
              type="datetime-local"
              step={1}
              value={draft.text.to ?? ''}
              onChange={(e) => setDraft({ ...draft, text: { ...draft.text, to: e.target.value } })}
            />
          </label>
          <label>
            Order
            <select
              value={draft.order}
              onChange={(e) => setDraft({ ...draft, order: e.target.value === 'oldest' ? 'oldest' : 'newest' })}
            >
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
            </select>
          </label>
          <fieldset className="categories" data-testid="categories">
            <legend>Categories</legend>
            {CATEGORIES.map((c) => (
              <label key={c.key} className="check">
                <input
                  type="checkbox"
                  value={c.key}
                  checked={draft.categories.includes(c.key)}
                  onChange={(e) => toggleCategory(c.key, e.target.checked)}
                />
                {c.label}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button small primary" disabled={noCategory}>
            Search
          </button>
          {noCategory && <p className="hint">Choose at least one category.</p>}
        </form>
      </section>
      <div className={selected ? 'audit-layout with-panel' : 'audit-layout'}>
        <section className="card audit-list" aria-label="Audit events list">
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
                        <th scope="col">User</th>
                        <th scope="col">Aggregate</th>
                        <th scope="col">Actor</th>
                        <th scope="col">IP</th>
                        <th scope="col">Details</th>
                      </tr>
                    </thead>
                    <tbody>
                      {pages.map((e) => (
                        <tr
                          key={e.seq}
                          data-testid="audit-row"
                          data-seq={e.seq}
                          aria-selected={selected?.seq === e.seq}
                          className={selected?.seq === e.seq ? 'selected' : undefined}
                          onClick={(event) =>
                            open(e, event.currentTarget.querySelector('button') ?? event.currentTarget)
                          }
                        >
                          <td className="num">{e.seq}</td>
                          <td>
                            <Time value={e.at} />
                          </td>
                          <td>
                            {e.eventType} {e.category && <span className="muted small">{e.category}</span>}
                          </td>
                          <td>
                            <Who id={e.userId} name={e.username} />
                          </td>
                          <td className="mono small">
                            {e.aggregateType ? `${e.aggregateType} ` : ''}
                            {e.aggregateId === e.userId && e.username ? (
                              <span title={e.aggregateId ?? undefined}>{e.username}</span>
                            ) : (
                              (e.aggregateId ?? '—')
                            )}
                          </td>
                          <td>
                            <Who id={e.actorId} name={e.actorUsername} /> {e.actorRole && <Badge value={e.actorRole} />}
                          </td>
                          <td className="mono small">{e.clientIp ?? '—'}</td>
                          <td>
                            <button
                              type="button"
                              className="button small"
                              aria-expanded={selected?.seq === e.seq}
                              aria-controls="audit-detail"
                              onClick={(event) => {
                                event.stopPropagation();
                                open(e, event.currentTarget);
                              }}
                            >
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
          <aside
            className="card audit-panel"
            id="audit-detail"
            aria-labelledby="detail-title"
            data-testid="audit-panel"
          >
            <header className="card-header">
              <h2 id="detail-title">
                Event #{selected.seq}: {selected.eventType}
              </h2>
              <button
                type="button"
                className="button small"
                ref={closeButton}
                onClick={close}
                aria-label="Close event details"
              >
                Close
              </button>
            </header>
            <dl className="facts">
              <div>
                <dt>Time</dt>
                <dd>
                  <Time value={selected.at} />
                </dd>
              </div>
              <div>
                <dt>Category</dt>
                <dd>{selected.category ?? '—'}</dd>
              </div>
              <div>
                <dt>User</dt>
                <dd>
                  {selected.username ?? '—'} <span className="mono small muted">{selected.userId ?? ''}</span>
                </dd>
              </div>
              <div>
                <dt>Actor</dt>
                <dd>
                  {selected.actorUsername ?? ''} <span className="mono small muted">{selected.actorId ?? '—'}</span>{' '}
                  {selected.actorRole && <Badge value={selected.actorRole} />}
                </dd>
              </div>
              <div>
                <dt>Aggregate</dt>
                <dd className="mono small wrap">
                  {selected.aggregateType ?? '—'} {selected.aggregateId ?? ''}
                  {selected.aggregateSequence !== null && selected.aggregateSequence !== undefined
                    ? ` #${selected.aggregateSequence}`
                    : ''}
                </dd>
              </div>
              <div>
                <dt>Client IP</dt>
                <dd className="mono small">{selected.clientIp ?? '—'}</dd>
              </div>
              <div>
                <dt>Event id</dt>
                <dd className="mono small wrap">{selected.eventId}</dd>
              </div>
              <div>
                <dt>Trace</dt>
                <dd className="mono small wrap">{selected.traceId ?? '—'}</dd>
              </div>
              <div>
                <dt>Previous hash</dt>
                <dd className="mono small wrap">{selected.previousHash}</dd>
              </div>
              <div>
                <dt>Hash</dt>
                <dd className="mono small wrap">{selected.hash}</dd>
              </div>
            </dl>
            <h3>Payload</h3>
            {/* a scrollable region reached by keyboard; a bare <pre> may not carry an aria-label (axe) */}
            <pre className="payload" tabIndex={0} role="region" aria-label="Payload">
              {pretty(selected.payload)}
            </pre>
            {selected.aggregateId && (
              <button
                type="button"
                className="button small"
                onClick={() => setTravel({ aggregateId: selected.aggregateId as string, at: selected.at })}
              >
                State of {selected.aggregateId} right after this event
              </button>
            )}
            {selected.userId && (
              <Link
                className="button small"
                to={`/audit/replay?user=${encodeURIComponent(selected.username ?? selected.userId)}&step=${selected.seq}`}
              >
                Replay {selected.username ?? 'this user'} from this event
              </Link>
            )}
          </aside>
        )}
      </div>
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
