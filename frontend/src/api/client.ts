// The one typed API client of the dashboard. Every call goes through request(): same-origin cookies,
// the XSRF-TOKEN cookie echoed as X-XSRF-TOKEN on state-changing requests, problem+json errors turned
// into ApiError (a coded refusal worded by lib/rejections.ts), and a 401 on an authenticated call
// reported as an expired session.
import { readableCode } from '../lib/format';
import type {
  AdminOverview,
  AggregateHistory,
  AlertView,
  AuditPage,
  AuditQuery,
  AuditCheckpoint,
  AuditCheckpoints,
  AuditVerification,
  BacktestRequest,
  BacktestResult,
  BingxConnection,
  BotStatus,
  CandleSeries,
  CandleView,
  ConnectBingxRequest,
  CreateUserRequest,
  Dashboard,
  Delivery,
  Fees,
  FeesOverview,
  FeeTermsRequest,
  LoginRequest,
  NotificationSettings,
  NotificationsRequest,
  Position,
  Order,
  Performance,
  PlatformStatus,
  AllowedMarkets,
  Plan,
  PlanBody,
  TraderPlan,
  UserPlan,
  PlatformSettings,
  MailServerBody,
  MailTestResult,
  Branding,
  BrandingBody,
  ProcessorStatus,
  ReplayPage,
  ReplayQuery,
  SystemView,
  Rotation,
  SessionRun,
  Settings,
  SignalView,
  TradeFilter,
  TradePage,
  UpdateUserRequest,
  User,
} from './types';
import { rejectionMessage } from '../lib/rejections';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refused or failed request, with the problem+json details the server sent. A refusal the server
 * coded (`code`, see docs/rejections.md) has the dashboard's own sentence for that code as its message;
 * the server's sentence stays in `detail`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  readonly body: Record<string, unknown>;
  /** The rejection code, when the server sent one. */
  readonly code: string | undefined;
  /** The server's own explanation (problem+json `detail`), when it sent one. */
  readonly detail: string | undefined;

  constructor(status: number, message: string, errors: FieldError[] = [], body: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.body = body;
    this.code = typeof body.code === 'string' ? body.code : undefined;
    this.detail = typeof body.detail === 'string' ? body.detail : undefined;
  }

  /** The message for one field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();

/** Called when an authenticated request answers 401: the session ended (timeout, logout elsewhere, reset). */
export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => {
    expiredListeners.delete(listener);
  };
}

export function notifySessionExpired(): void {
  expiredListeners.forEach((listener) => listener());
}

export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) return decodeURIComponent(trimmed.substring(prefix.length));
  }
  return undefined;
}

async function ensureCsrfCookie(): Promise<string | undefined> {
  let token = readCookie('XSRF-TOKEN');
  if (!token) {
    await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    token = readCookie('XSRF-TOKEN');
  }
  return token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** false for the login call itself, whose 401 means bad credentials, not an expired session */
  sessionBound?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') {
    const token = await ensureCsrfCookie();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 401 && options.sessionBound !== false) {
    notifySessionExpired();
  }
  if (!response.ok) {
    throw await toError(response);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await response.text());
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // not JSON: keep the status only
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[]).filter(
        (e): e is FieldError => !!e && typeof e === 'object' && 'field' in e && 'message' in e,
      )
    : [];
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  const coded = rejectionMessage(body.code);
  const message =
    // a halt's sentence is the platform's, its reason the admin's: both are said
    body.code === 'TRADING_HALTED' && coded && detail
      ? `${coded} (${detail})`
      : (coded ?? (errors.length > 0 ? fieldSentences(errors) : (detail ?? defaultMessage(response.status))));
  return new ApiError(response.status, message, errors, body);
}

/**
 * Field errors as sentences for people: the server words each as a field name and a predicate
 * ("currentPassword" / "is not your current password"); the page says "Current password is not your
 * current password." The field names stay on the error for the form to mark its fields.
 */
export function fieldSentences(errors: FieldError[]): string {
  return errors.map((e) => `${fieldLabel(e.field)} ${e.message.trim().replace(/\.$/, '')}.`).join(' ');
}

/** "settings.maxOpenPositions" → "Max open positions"; "symbols[0]" → "Symbols". */
export function fieldLabel(field: string): string {
  const last = (field.split('.').pop() ?? field).replace(/\[\d*\]/g, '').replace(/([a-z\d])([A-Z])/g, '$1 $2');
  return readableCode(last) || 'A value';
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Please log in.';
    case 403:
      return 'Your role may not do this.';
    case 404:
      return 'Not found.';
    case 409:
      return 'This conflicts with the current state.';
    case 422:
      return 'Some values are not valid.';
    case 429:
      return 'Too many requests; try again shortly.';
    default:
      return status >= 500 ? 'The server failed; try again.' : `Request failed (${status}).`;
  }
}

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Where one user's data lives: your own under /api/me, anyone else's (admin, granted viewer) under /api/users/{id}. */
export function userBase(userId: string | null): string {
  return userId ? `/api/users/${encodeURIComponent(userId)}` : '/api/me';
}

/** Bot commands: your own under /api/me/bot, an admin's on someone else's under /api/admin/users/{id}/bot. */
export function botBase(userId: string | null): string {
  return userId ? `/api/admin/users/${encodeURIComponent(userId)}/bot` : '/api/me/bot';
}

/** Where a trader's fee statement of the months from..to (yyyy-MM) downloads (a plain link: same-origin cookie). */
export function feeStatementUrl(from: string, to: string, format: 'csv' | 'pdf'): string {
  return `/api/me/fees/statement${query({ from, to: to === from ? undefined : to, format })}`;
}

export const api = {
  fees: () => request<Fees>('/api/me/fees'),
  allFees: () => request<FeesOverview>('/api/admin/fees'),
  setFeeTerms: (userId: string, body: FeeTermsRequest) =>
    request<Fees>(`/api/admin/fees/${encodeURIComponent(userId)}`, { method: 'PUT', body }),
  // auth and profile
  login: (body: LoginRequest) => request<User>('/api/auth/login', { method: 'POST', body, sessionBound: false }),
  logout: () => request<void>('/api/auth/logout', { method: 'POST', sessionBound: false }),
  me: (signal?: AbortSignal) => request<User>('/api/me', { signal, sessionBound: false }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/api/me/password', { method: 'PUT', body: { currentPassword, newPassword } }),
  /** Answers the profile with the new address (stored in lower case). */
  changeEmail: (email: string, currentPassword: string) =>
    request<User>('/api/me/email', { method: 'PUT', body: { email, currentPassword } }),
  settings: () => request<Settings>('/api/me/settings'),
  updateSettings: (settings: Settings) => request<Settings>('/api/me/settings', { method: 'PUT', body: settings }),

  // BingX connection (traders)
  bingx: () => request<BingxConnection>('/api/me/bingx'),
  connectBingx: (body: ConnectBingxRequest) => request<BingxConnection>('/api/me/bingx', { method: 'POST', body }),
  testBingx: () => request<BingxConnection>('/api/me/bingx/test', { method: 'POST', body: {} }),
  disconnectBingx: () => request<void>('/api/me/bingx', { method: 'DELETE' }),

  // notification channels (traders)
  notifications: () => request<NotificationSettings>('/api/me/notifications'),
  updateNotifications: (body: NotificationsRequest) =>
    request<NotificationSettings>('/api/me/notifications', { method: 'PUT', body }),
  /** sends a test message through the ordinary delivery path; answers the delivery once it was tried */
  testNotification: (channel: 'webhook' | 'telegram' | 'email') =>
    request<Delivery>(`/api/me/notifications/${channel}/test`, { method: 'POST', body: {} }),
  deliveries: (limit = 20) => request<Delivery[]>(`/api/me/notifications/deliveries${query({ limit })}`),

  // bot (own, or an admin on someone's)
  bot: (userId: string | null) => request<BotStatus>(userId ? botBase(userId) : '/api/me/bot'),
  botCommand: (userId: string | null, action: 'start' | 'pause' | 'resume' | 'stop', flatten = false) =>
    request<BotStatus>(`${botBase(userId)}/${action}`, {
      method: 'POST',
      body: action === 'stop' ? { flatten } : undefined,
    }),

  // the platform's kill switch: every role reads it, admins engage and release it
  platformStatus: () => request<PlatformStatus>('/api/platform/status'),
  engageKillSwitch: (reason: string, flatten: boolean) =>
    request<PlatformStatus>('/api/admin/platform/halt', { method: 'POST', body: { reason, flatten } }),
  releaseKillSwitch: (reason?: string) =>
    request<PlatformStatus>('/api/admin/platform/release', { method: 'POST', body: reason ? { reason } : {} }),

  // the platform's settings: every role reads the allowed markets, admins read and change the rest
  allowedMarkets: () => request<AllowedMarkets>('/api/platform/markets'),
  platformSettings: () => request<PlatformSettings>('/api/admin/platform/settings'),
  setNewTraderDefaults: (defaults: Settings | null, reason?: string) =>
    request<PlatformSettings>('/api/admin/platform/settings/defaults', {
      method: 'PUT',
      body: { defaults: defaults ?? undefined, reason },
    }),
  setAllowedMarkets: (symbols: string[], timeframes: string[], reason?: string) =>
    request<PlatformSettings>('/api/admin/platform/settings/markets', {
      method: 'PUT',
      body: { symbols, timeframes, reason },
    }),
  setMaintenance: (on: boolean, reason?: string) =>
    request<PlatformSettings>('/api/admin/platform/settings/maintenance', { method: 'PUT', body: { on, reason } }),
  setMailServer: (mailServer: MailServerBody | null, reason?: string) =>
    request<PlatformSettings>('/api/admin/platform/settings/mail', {
      method: 'PUT',
      body: { mailServer: mailServer ?? undefined, reason },
    }),
  branding: () => request<Branding>('/api/branding', { sessionBound: false }),
  setBranding: (branding: BrandingBody | null, reason?: string) =>
    request<PlatformSettings>('/api/admin/platform/settings/branding', {
      method: 'PUT',
      body: { branding: branding ?? undefined, reason },
    }),
  setLogo: (logo: string | null, reason?: string) =>
    request<PlatformSettings>('/api/admin/platform/settings/logo', {
      method: 'PUT',
      body: { logo: logo ?? undefined, reason },
    }),
  sendTestMail: () => request<MailTestResult>('/api/admin/platform/settings/mail/test', { method: 'POST', body: {} }),

  // plans and subscriptions (docs/plans.md): a trader reads their own, admins the rest
  myPlan: () => request<TraderPlan>('/api/me/plan'),
  plans: () => request<Plan[]>('/api/admin/plans'),
  createPlan: (planId: string, body: PlanBody) =>
    request<Plan>('/api/admin/plans', { method: 'POST', body: { planId, ...body } }),
  changePlan: (planId: string, body: PlanBody) =>
    request<Plan>(`/api/admin/plans/${encodeURIComponent(planId)}`, { method: 'PUT', body }),
  retirePlan: (planId: string, reason: string) =>
    request<Plan>(`/api/admin/plans/${encodeURIComponent(planId)}/retire`, { method: 'POST', body: { reason } }),
  makeDefaultPlan: (planId: string, reason: string) =>
    request<Plan>('/api/admin/plans/default', { method: 'PUT', body: { planId, reason } }),
  userPlan: (userId: string) => request<UserPlan>(`/api/admin/users/${userId}/plan`),
  assignPlan: (userId: string, planId: string, reason: string) =>
    request<TraderPlan>(`/api/admin/users/${userId}/plan`, { method: 'PUT', body: { planId, reason } }),
  recordPayment: (userId: string, amount: number, reference: string) =>
    request<TraderPlan>(`/api/admin/users/${userId}/plan/payments`, { method: 'POST', body: { amount, reference } }),

  // read side (own or someone's)
  dashboard: (userId: string | null) => request<Dashboard>(`${userBase(userId)}/dashboard`),
  sessions: (userId: string | null) => request<SessionRun[]>(`${userBase(userId)}/sessions`),
  performance: (userId: string | null) => request<Performance>(`${userBase(userId)}/performance`),
  backtest: (body: BacktestRequest, signal?: AbortSignal) =>
    request<BacktestResult>('/api/me/backtest', { method: 'POST', body, signal }),
  positions: (userId: string | null) => request<Position[]>(`${userBase(userId)}/positions`),
  trades: (userId: string | null, filter: TradeFilter, cursor?: string) =>
    request<TradePage>(`${userBase(userId)}/trades${query({ ...filter, cursor })}`),
  orders: (userId: string | null, limit = 200) => request<Order[]>(`${userBase(userId)}/orders${query({ limit })}`),
  signals: (userId: string | null, limit = 20) =>
    request<SignalView[]>(`${userBase(userId)}/signals${query({ limit })}`),
  alerts: (userId: string | null, limit = 20) => request<AlertView[]>(`${userBase(userId)}/alerts${query({ limit })}`),
  /** symbol and timeframe default to the trader's own settings when left out */
  candles: (userId: string | null, symbol: string | undefined, timeframe: string | undefined, limit = 300) =>
    request<CandleView[]>(`${userBase(userId)}/candles${query({ symbol, timeframe, limit })}`),
  candleSeries: (userId: string | null) => request<CandleSeries[]>(`${userBase(userId)}/candle-series`),
  streamUrl: (userId: string | null) => `${userBase(userId)}/stream`,

  // admin
  users: () => request<User[]>('/api/admin/users'),
  user: (id: string) => request<User>(`/api/admin/users/${encodeURIComponent(id)}`),
  createUser: (body: CreateUserRequest) => request<{ id: string }>('/api/admin/users', { method: 'POST', body }),
  updateUser: (id: string, body: UpdateUserRequest) =>
    request<User>(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  unlockUser: (id: string) =>
    request<User>(`/api/admin/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', body: {} }),
  resetPassword: (id: string, password: string) =>
    request<void>(`/api/admin/users/${encodeURIComponent(id)}/password`, { method: 'PUT', body: { password } }),
  /** right to erasure: deactivates, forgets the password hash, destroys the data key (BingX secrets become unreadable) */
  eraseUser: (id: string) => request<void>(`/api/admin/users/${encodeURIComponent(id)}/erase`, { method: 'POST' }),
  grant: (viewerId: string, traderId: string) =>
    request<User>(`/api/admin/users/${encodeURIComponent(viewerId)}/grants/${encodeURIComponent(traderId)}`, {
      method: 'PUT',
      body: {},
    }),
  revoke: (viewerId: string, traderId: string) =>
    request<User>(`/api/admin/users/${encodeURIComponent(viewerId)}/grants/${encodeURIComponent(traderId)}`, {
      method: 'DELETE',
    }),
  overview: () => request<AdminOverview>('/api/admin/overview'),
  overviewStreamUrl: '/api/admin/overview/stream',
  connections: () => request<BingxConnection[]>('/api/admin/connections'),
  rotateMasterKey: () => request<Rotation>('/api/admin/key-vault/rotate', { method: 'POST' }),
  system: () => request<SystemView>('/api/admin/system'),
  systemStreamUrl: '/api/admin/system/stream',
  processors: () => request<ProcessorStatus[]>('/api/admin/projections'),
  rebuild: (name: string) =>
    request<ProcessorStatus>(`/api/admin/projections/${encodeURIComponent(name)}/rebuild`, {
      method: 'POST',
      body: {},
    }),

  // audit
  auditEvents: (q: AuditQuery) => request<AuditPage>(`/api/audit/events${query({ ...q })}`),
  auditExportUrl: (q: AuditQuery, format: 'ndjson' | 'csv') => `/api/audit/export${query({ ...q, format })}`,
  auditCaseUrl: (q: AuditQuery) => `/api/audit/case${query({ ...q })}`,
  auditVerify: (held?: { seq: string; hash: string }) =>
    request<AuditVerification>(`/api/audit/verify${query({ seq: held?.seq, hash: held?.hash })}`),
  auditCheckpoints: () => request<AuditCheckpoints>('/api/audit/checkpoints?limit=5'),
  signAuditCheckpoint: () => request<AuditCheckpoint>('/api/audit/checkpoints', { method: 'POST', body: {} }),
  replay: (user: string, q: ReplayQuery) =>
    request<ReplayPage>(`/api/audit/users/${encodeURIComponent(user)}/replay${query({ ...q })}`),
  aggregateAt: (aggregateId: string, at: string) =>
    request<AggregateHistory>(`/api/audit/aggregates/${encodeURIComponent(aggregateId)}${query({ at })}`),
};
