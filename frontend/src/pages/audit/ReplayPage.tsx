import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import type { ReplayAggregateState, ReplayPage as Page, ReplayQuery } from '../../api/types';
import { Badge, Empty, ErrorBox, Loading, Time } from '../../components/ui';
import { Link, useRouter } from '../../lib/router';
import { isoToLocal, localToIso, pretty } from './AuditPage';

const PAGE_SIZE = 50;

/** What the replay's URL holds: the trader, the range and the step shown (an audit seq). */
export interface ReplayParams {
  user?: string;
  from?: string;
  to?: string;
  step?: number;
}

export function replayParamsOf(search: string): ReplayParams {
  const params = new URLSearchParams(search);
  const out: ReplayParams = {};
  const user = params.get('user')?.trim();
  if (user) out.user = user;
  const from = params.get('from')?.trim();
  if (from) out.from = from;
  const to = params.get('to')?.trim();
  if (to) out.to = to;
  const step = Number(params.get('step'));
  if (Number.isInteger(step) && step > 0) out.step = step;
  return out;
}

export function replaySearch(p: ReplayParams): string {
  const params = new URLSearchParams();
  if (p.user) params.set('user', p.user);
  if (p.from) params.set('from', p.from);
  if (p.to) params.set('to', p.to);
  if (p.step) params.set('step', String(p.step));
  const text = params.toString();
  return text ? `?${text}` : '';
}

type State = Record<string, unknown>;

/** Every aggregate's state after step {@code index} of the page: the page's initial states overlaid with each step's. */
export function statesAt(page: Page, index: number): Map<string, ReplayAggregateState> {
  const states = new Map<string, ReplayAggregateState>();
  for (const s of page.initial) states.set(s.aggregateId, s);
  for (let i = 0; i <= index && i < page.steps.length; i++) {
    const s = page.steps[i]?.state;
    if (s) states.set(s.aggregateId, s);
  }
  return states;
}

/** The trader's dashboard as it was: the account, the newest bot run and the newest exchange key. */
export interface DashboardThen {
  account?: State;
  session?: State;
  credentials?: State;
}

export function dashboardOf(states: Map<string, ReplayAggregateState>): DashboardThen {
  const out: DashboardThen = {};
  for (const s of states.values()) {
    if (s.aggregateType === 'UserAccount') out.account = s.state;
    else if (s.aggregateType === 'TradingSession') out.session = s.state;
    else if (s.aggregateType === 'ExchangeCredentials') {
      // a disconnected key gives way to one still connected
      if (!out.credentials || s.state.status !== 'DISCONNECTED' || out.credentials.status === 'DISCONNECTED') {
        out.credentials = s.state;
      }
    }
  }
  return out;
}

const FIELD_LABELS: Record<string, string> = { id: 'Trader', from: 'From', to: 'To', after: 'Step', before: 'Step' };

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.errors.length > 0) {
    return error.errors.map((e) => `${FIELD_LABELS[e.field] ?? e.field}: ${e.message}`).join('; ');
  }
  if (error instanceof ApiError && error.detail) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface Loaded {
  page: Page;
  index: number;
}

/**
 * Replay of one trader's history for auditors: the trader's events in order, one step at a time (buttons,
 * or the arrow keys), with the dashboard as it was at that step beside it, rebuilt by the server from the
 * trader's events up to then. The URL holds the trader, the range and the step, so a link shows the same.
 */
export function ReplayPage() {
  const { search } = useRouter();
  const params = useMemo(() => replayParamsOf(search), [search]);
  const { navigate } = useRouter();
  const [draft, setDraft] = useState({
    user: params.user ?? '',
    from: params.from ? isoToLocal(params.from) : '',
    to: params.to ? isoToLocal(params.to) : '',
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState<{ loading: boolean; error?: unknown }>({ loading: false });
  const request = useRef(0);
  const heading = useRef<HTMLHeadingElement | null>(null);

  const load = useCallback(
    async (q: ReplayQuery, pick: 'first' | 'last', focus: boolean) => {
      if (!params.user) return;
      const mine = ++request.current;
      setStatus({ loading: true });
      try {
        const page = await api.replay(params.user, { from: params.from, to: params.to, limit: PAGE_SIZE, ...q });
        if (mine !== request.current) return;
        setLoaded({ page, index: pick === 'first' ? 0 : Math.max(0, page.steps.length - 1) });
        setStatus({ loading: false });
        if (focus) heading.current?.focus();
      } catch (error) {
        if (mine !== request.current) return;
        setStatus({ loading: false, error });
      }
    },
    [params.user, params.from, params.to],
  );

  // a new trader or range (or a shared link): from the step in the URL, or from the start
  useEffect(() => {
    setDraft({
      user: params.user ?? '',
      from: params.from ? isoToLocal(params.from) : '',
      to: params.to ? isoToLocal(params.to) : '',
    });
    setLoaded(null);
    if (params.user) void load(params.step ? { after: params.step - 1 } : {}, 'first', false);
    // the step is read once, when the trader or range changes; moving on only rewrites the URL
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.user, params.from, params.to, load]);

  const page = loaded?.page;
  const index = loaded?.index ?? 0;
  const step = page?.steps[index];

  // the URL follows the step shown, so it can be shared or reloaded (replaced: stepping adds no history)
  useEffect(() => {
    if (!step || !params.user) return;
    const url = `/audit/replay${replaySearch({ ...params, step: step.seq })}`;
    if (window.location.pathname + window.location.search !== url) window.history.replaceState(null, '', url);
  }, [step, params]);

  const canBack = !!page && (index > 0 || page.earlier);
  const canForward = !!page && (index < page.steps.length - 1 || page.later);

  const forward = useCallback(() => {
    if (!page || status.loading) return;
    if (index < page.steps.length - 1) setLoaded({ page, index: index + 1 });
    else if (page.later) void load({ after: page.steps[page.steps.length - 1]?.seq }, 'first', false);
  }, [page, index, status.loading, load]);

  const back = useCallback(() => {
    if (!page || status.loading) return;
    if (index > 0) setLoaded({ page, index: index - 1 });
    else if (page.earlier) void load({ before: page.steps[0]?.seq }, 'last', false);
  }, [page, index, status.loading, load]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.key === 'ArrowRight' || event.key === 'j') {
        event.preventDefault();
        forward();
      } else if (event.key === 'ArrowLeft' || event.key === 'k') {
        event.preventDefault();
        back();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [forward, back]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const user = draft.user.trim();
    if (!user) {
      setFormError("Enter the trader's username.");
      return;
    }
    setFormError(null);
    navigate(`/audit/replay${replaySearch({ user, from: localToIso(draft.from), to: localToIso(draft.to) })}`);
  }

  const dashboard = useMemo(() => (page ? dashboardOf(statesAt(page, index)) : {}), [page, index]);

  return (
    <div className="page replay">
      <header className="page-header">
        <h1>Replay a trader</h1>
        <Link to="/audit" className="button small">
          Back to the audit log
        </Link>
      </header>
      <section className="card" aria-labelledby="replay-form-title">
        <h2 id="replay-form-title" className="sr-only">
          Trader and range
        </h2>
        <form className="filters" onSubmit={submit} aria-label="Replay a trader" noValidate>
          <label>
            Trader (username or id)
            <input
              name="user"
              value={draft.user}
              autoComplete="off"
              aria-invalid={formError ? true : undefined}
              aria-describedby={formError ? 'replay-form-error' : undefined}
              onChange={(e) => setDraft({ ...draft, user: e.target.value })}
            />
          </label>
          <label>
            From (your time)
            <input
              type="datetime-local"
              step={1}
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label>
            To (your time)
            <input
              type="datetime-local"
              step={1}
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <button type="submit" className="button small primary">
            Replay
          </button>
          {formError && (
            <p className="notice error" id="replay-form-error" role="alert">
              {formError}
            </p>
          )}
        </form>
      </section>
      {status.error !== undefined && (
        <ErrorBox
          error={problemText(status.error)}
          onRetry={
            params.user ? () => void load(params.step ? { after: params.step - 1 } : {}, 'first', false) : undefined
          }
        />
      )}
      {!params.user && <Empty>Choose a trader to replay their history event by event.</Empty>}
      {params.user && !page && status.loading && <Loading label="Replaying…" />}
      {page && page.steps.length === 0 && <Empty>No events of {page.user.username} in this range.</Empty>}
      {page && step && (
        <div className="replay-layout">
          <section className="card replay-step" aria-labelledby="replay-step-title">
            <header className="card-header">
              <h2 id="replay-step-title" ref={heading} tabIndex={-1}>
                {page.user.username}: #{step.seq} {step.eventType}
              </h2>
            </header>
            <div className="button-row" role="group" aria-label="Step through the events">
              <button type="button" className="button small" onClick={back} disabled={!canBack || status.loading}>
                ← Previous event
              </button>
              <button
                type="button"
                className="button small primary"
                onClick={forward}
                disabled={!canForward || status.loading}
              >
                Next event →
              </button>
            </div>
            <p className="hint">Arrow keys (← →) step too.</p>
            <p className="sr-only" aria-live="polite" data-testid="replay-announce">
              Event {step.seq}, {step.eventType}
            </p>
            {status.loading && <Loading label="Replaying…" />}
            <dl className="facts">
              <Fact label="Time">
                <Time value={step.at} />
              </Fact>
              <Fact label="Category">{step.category ?? '—'}</Fact>
              <Fact label="Actor">
                {step.actorUsername ?? ''} <span className="mono small muted">{step.actorId ?? '—'}</span>{' '}
                {step.actorRole && <Badge value={step.actorRole} />}
              </Fact>
              <Fact label="Aggregate">
                <span className="mono small wrap">
                  {step.aggregateType ?? '—'} {step.aggregateId ?? ''}
                  {step.aggregateSequence !== null && step.aggregateSequence !== undefined
                    ? ` #${step.aggregateSequence}`
                    : ''}
                </span>
              </Fact>
            </dl>
            <h3>Payload</h3>
            <pre className="payload" tabIndex={0} role="region" aria-label="Event payload">
              {pretty(step.payload)}
            </pre>
            <h3 id="replay-steps-title">Events on this page</h3>
            <ol className="replay-steps" aria-labelledby="replay-steps-title">
              {page.steps.map((s, i) => (
                <li key={s.seq}>
                  <button
                    type="button"
                    className="link-button"
                    aria-current={i === index ? 'step' : undefined}
                    onClick={() => setLoaded({ page, index: i })}
                  >
                    #{s.seq} {s.eventType}
                  </button>
                </li>
              ))}
            </ol>
          </section>
          <StatePanel dashboard={dashboard} />
        </div>
      )}
    </div>
  );
}

/** The dashboard as it was at the step: balance and equity, open positions, bot status, settings in force. */
function StatePanel({ dashboard }: { dashboard: DashboardThen }) {
  const { account, session, credentials } = dashboard;
  const running = session && session.status !== 'STOPPED';
  const settings = (running ? session?.settings : account?.settings) as State | null | undefined;
  const positions = Object.entries((session?.openPositions as Record<string, State> | null | undefined) ?? {});
  return (
    <section className="card replay-state" aria-labelledby="replay-state-title" data-testid="replay-state">
      <header className="card-header">
        <h2 id="replay-state-title">Dashboard at this step</h2>
      </header>
      <h3>Bot</h3>
      {session ? (
        <dl className="facts">
          <Fact label="Status">
            <span data-testid="bot-status">
              <Badge value={text(session.status)} />
            </span>{' '}
            {session.pauseReason ? <span className="muted small">{text(session.pauseReason)}</span> : null}
          </Fact>
          <Fact label="Equity">
            <span data-testid="equity">{text(session.equity)}</span>
          </Fact>
          <Fact label="Initial balance">{text(session.initialBalance)}</Fact>
          <Fact label="Net PnL">{text(session.netPnl)}</Fact>
          <Fact label="Trades">
            {text(session.trades)} ({text(session.wins)} won, {text(session.losses)} lost)
          </Fact>
        </dl>
      ) : (
        <p className="muted" data-testid="bot-status">
          No bot run yet.
        </p>
      )}
      <h3>Exchange account</h3>
      {credentials ? (
        <dl className="facts">
          <Fact label="Key">
            {text(credentials.status)} <span className="mono small">{text(credentials.maskedApiKey)}</span>
          </Fact>
          <Fact label="Balance (equity)">
            <span data-testid="balance">{text(credentials.observedEquity)}</span>
          </Fact>
          <Fact label="Available">{text(credentials.observedAvailable)}</Fact>
          <Fact label="Read at">
            <Time value={credentials.observedAt as string | null | undefined} />
          </Fact>
        </dl>
      ) : (
        <p className="muted">No exchange key yet.</p>
      )}
      <h3 id="replay-positions-title">Open positions</h3>
      {positions.length === 0 ? (
        <p className="muted" data-testid="no-positions">
          None.
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="replay-positions-title">
          <table data-testid="positions">
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Entry
                </th>
                <th scope="col" className="num">
                  Stop
                </th>
                <th scope="col" className="num">
                  Target
                </th>
              </tr>
            </thead>
            <tbody>
              {positions.map(([key, p]) => (
                <tr key={key}>
                  <td>{key}</td>
                  <td className="num">{text(p.quantity)}</td>
                  <td className="num">{text(p.entryPrice)}</td>
                  <td className="num">{text(p.stopLoss)}</td>
                  <td className="num">{text(p.takeProfit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Settings in force {running ? '(the running bot’s)' : '(saved on the account)'}</h3>
      {settings ? (
        <dl className="facts settings" data-testid="settings">
          {Object.entries(settings).map(([key, value]) => (
            <Fact key={key} label={key}>
              {text(value)}
            </Fact>
          ))}
        </dl>
      ) : (
        <p className="muted">No settings yet.</p>
      )}
    </section>
  );
}
