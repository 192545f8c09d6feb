// Types of the API as the dashboard uses them, taken from the generated OpenAPI types (schema.d.ts,
// built from openapi.json during the build). springdoc marks every property optional; Need<> states
// which ones the dashboard relies on, so an API change that drops one breaks the type check.
// Only the audit rows (JSON passed through as-is by the server) are described here by hand.
import type { components } from './schema';

type Schemas = components['schemas'];
type Need<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };

export type User = Schemas['UserResponse'];
export type Settings = Required<Schemas['SettingsBody']>;
export type LoginRequest = Schemas['LoginRequest'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type Role = NonNullable<User['role']>;

export type BingxConnection = Need<Schemas['ConnectionResponse'], 'status'>;
export type ConnectionStatus = BingxConnection['status'];
/** Key and secret are required; the exchange is optional (BINGX when absent). */
export type ConnectBingxRequest = Required<Pick<Schemas['ConnectRequest'], 'apiKey' | 'secretKey'>> &
  Partial<Pick<Schemas['ConnectRequest'], 'exchange'>>;

export type Rotation = Schemas['RotationResponse'];

export type BotStatus = Need<Schemas['BotResponse'], 'status'>;
export type BotState = BotStatus['status'];
/** What the bot card shows: the bot endpoint's answer or the dashboard's bot part. */
export interface BotLike {
  status?: string;
  startedAt?: string;
  stopReason?: string;
  stopDetail?: string;
  /** Why a paused bot is paused (TRADER, REJECTED_REPEATEDLY, CREDENTIALS, PLATFORM_HALT) and the readable detail. */
  pauseReason?: string;
  pauseDetail?: string;
  openPositions?: number;
  /** The settings the running bot decides with (the start's, or the trader's latest change). */
  settings?: Schemas['SettingsBody'];
}

/** The platform's kill switch (GET /api/platform/status): while halted no bot starts or resumes. */
export type PlatformStatus = Need<Schemas['PlatformStatusResponse'], 'halted'>;

/** The symbols and timeframes traders may choose (GET /api/platform/markets); an empty list allows every one. */
export type AllowedMarkets = Need<Schemas['MarketsResponse'], 'symbols' | 'timeframes'>;
/** The platform's settings as admins see and change them (GET /api/admin/platform/settings). */
export type PlatformSettings = Need<
  Schemas['PlatformSettingsResponse'],
  | 'newTraderDefaults'
  | 'builtInDefaults'
  | 'allowedSymbols'
  | 'allowedTimeframes'
  | 'maintenance'
  | 'mailServer'
  | 'branding'
>;
/** The platform's brand (white label), read without login. */
export type Branding = Need<Schemas['BrandingResponse'], 'productName' | 'primaryColor'>;
export type BrandingBody = Schemas['BrandingBody'];
/** The SMTP server e-mail notifications go through, and where its settings come from (the password never). */
export type MailServer = Need<Schemas['MailServerResponse'], 'source' | 'passwordSet'>;
/** What an admin enters for the SMTP server; the password is write-only. */
export type MailServerBody = Schemas['MailServerBody'];
/** A test e-mail to the admin's own address: whether the server accepted it. */
export type MailTestResult = Need<Schemas['MailTestResponse'], 'delivered' | 'to'>;

/** A plan's limits (docs/plans.md): empty symbols, timeframes or strategies allow every one the platform allows. */
export type PlanLimits = Need<
  Schemas['PlanLimits'],
  | 'symbols'
  | 'maxSymbolsPerBot'
  | 'timeframes'
  | 'strategies'
  | 'liveFunds'
  | 'maxLeverage'
  | 'backtestsPerDay'
  | 'notificationChannels'
>;
export type Plan = Need<
  Schemas['PlanResponse'],
  'planId' | 'name' | 'monthlyPrice' | 'currency' | 'retired' | 'defaultPlan'
> & {
  limits: PlanLimits;
};
/** A trader's plan and subscription (GET /api/me/plan, and the current part of an admin's user plan). */
export type TraderPlan = Need<Schemas['TraderPlanResponse'], 'status' | 'assigned' | 'mayEnter' | 'now'> & {
  plan: Plan;
};
export type PlanHistoryEntry = Need<Schemas['PlanHistoryEntry'], 'at' | 'kind' | 'summary'>;
export type UserPlan = { current: TraderPlan; history: PlanHistoryEntry[] };
export type PlanBody = { name: string; monthlyPrice: number; limits: PlanLimits; reason: string };

export type Account = Schemas['AccountView'];
export type Position = Need<Schemas['PositionView'], 'symbol' | 'side' | 'openedAt'>;
export type Trade = Need<Schemas['TradeView'], 'tradeId' | 'symbol' | 'side' | 'closedAt'>;
export type Performance = Schemas['PerformanceView'];
export type BacktestRequest = Schemas['BacktestRequest'];
export type BacktestResult = Schemas['BacktestResponse'];
export type SessionRun = Need<Schemas['SessionView'], 'sessionId' | 'status' | 'startedAt'>;
export interface TradePage {
  trades: Trade[];
  nextCursor?: string;
}
export type Order = Need<Schemas['OrderView'], 'clientOrderId' | 'symbol' | 'intent' | 'status'>;
export type SignalView = Need<Schemas['SignalView'], 'symbol' | 'candleTime'>;
export type AlertView = Need<Schemas['AlertView'], 'alertId' | 'severity' | 'message' | 'at'>;
export type CandleView = Need<
  Schemas['CandleView'],
  'symbol' | 'timeframe' | 'openTime' | 'open' | 'high' | 'low' | 'close'
>;

export type CandleSeries = Need<Schemas['CandleSeriesView'], 'symbol' | 'timeframe'>;

export interface Dashboard extends Omit<Schemas['DashboardView'], 'positions' | 'alerts' | 'signals'> {
  positions?: Position[];
  alerts?: AlertView[];
  signals?: SignalView[];
}

export type OverviewUser = Need<Schemas['UserCard'], 'userId' | 'username'>;
export interface AdminOverview extends Omit<Schemas['OverviewView'], 'users'> {
  users?: OverviewUser[];
}

export type ProcessorStatus = Required<Schemas['ProcessorStatus']>;

// the admin System page (GET /api/admin/system and its stream)
export type ClusterNode = Need<Schemas['ClusterNode'], 'id' | 'status' | 'roles' | 'secondsSinceSeen'>;
export type NodeStatus = ClusterNode['status'];
export type ProcessorSegment = Need<Schemas['ProcessorSegment'], 'segment' | 'position'>;
export interface ClusterProcessor extends Need<
  Omit<Schemas['ClusterProcessor'], 'segments'>,
  'name' | 'segmentCount' | 'claimed' | 'position' | 'lag'
> {
  segments: ProcessorSegment[];
}
export type DeadLetterGroup = Need<Schemas['DeadLetterGroup'], 'processingGroup' | 'sequences' | 'letters'>;
export type RateLimitLevel = Need<Schemas['RateLimitLevel'], 'bucket' | 'permits' | 'lowestAvailable'>;
export type ExchangeHealth = Need<
  Schemas['ExchangeHealth'],
  'requests' | 'meanLatencyMillis' | 'maxLatencyMillis' | 'rateLimited'
>;
export interface SystemView extends Need<
  Omit<Schemas['SystemView'], 'nodes' | 'processors' | 'deadLetters' | 'rateLimits' | 'exchange'>,
  'answeredBy' | 'eventStoreHead'
> {
  nodes: ClusterNode[];
  processors: ClusterProcessor[];
  deadLetters: DeadLetterGroup[];
  rateLimits: RateLimitLevel[];
  exchange: ExchangeHealth;
}
export type AuditVerification = Need<Schemas['AuditVerification'], 'intact' | 'rowsChecked'>;
export type AuditCheckpoint = Need<Schemas['AuditCheckpoint'], 'seq' | 'headHash' | 'signedAt' | 'keyId' | 'signature'>;
export type AuditCheckpoints = Omit<Schemas['AuditCheckpoints'], 'checkpoints'> & { checkpoints?: AuditCheckpoint[] };

export interface TradeFilter {
  symbol?: string;
  side?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** One audit row; the API sends it as a JSON object with the payload as JSON. */
export interface AuditEntry {
  seq: number;
  eventId: string;
  at: string;
  eventType: string;
  aggregateType?: string | null;
  aggregateId?: string | null;
  aggregateSequence?: number | null;
  userId?: string | null;
  /** The username of the user concerned, when the users read model knows them. */
  username?: string | null;
  actorId?: string | null;
  /** The actor's username, when the actor is a user. */
  actorUsername?: string | null;
  actorRole?: string | null;
  clientIp?: string | null;
  traceId?: string | null;
  /** account, trading, credentials, security, market or system (from the payload type's package). */
  category?: string;
  payload: unknown;
  previousHash: string;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor?: string | null;
}

/** The audit filters, named as the API's query parameters. */
export interface AuditQuery {
  user?: string;
  actor?: string;
  aggregate?: string;
  type?: string;
  from?: string;
  to?: string;
  text?: string;
  /** Comma-separated categories, or "all"; left out: every category but market data. */
  category?: string;
  /** newest (the default) or oldest first. */
  order?: 'newest' | 'oldest';
  cursor?: string;
  limit?: number;
}

export interface HistoricEvent {
  sequence: number;
  eventId: string;
  at: string;
  eventType: string;
  actorId?: string | null;
  actorRole?: string | null;
  payload: unknown;
}

/** Time travel: an aggregate's state as of a moment, with the events that built it. */
export interface AggregateHistory {
  aggregateId: string;
  aggregateType?: string | null;
  asOf: string;
  version: number;
  state: unknown;
  events: HistoricEvent[];
}

/** One aggregate's state in a replay: its view as time travel shows it, after the event at `version`. */
export interface ReplayAggregateState {
  aggregateId: string;
  aggregateType?: string | null;
  version: number;
  state: Record<string, unknown>;
}

/** One step of a trader's replay: the audit row and the state of the aggregate its event changed. */
export interface ReplayStep extends AuditEntry {
  state: ReplayAggregateState | null;
}

/** A page of a trader's replay (GET /api/audit/users/{id}/replay). */
export interface ReplayPage {
  user: { id: string; username: string; role: string };
  from?: string | null;
  to?: string | null;
  /** The state of each of the trader's aggregates just before the first step. */
  initial: ReplayAggregateState[];
  steps: ReplayStep[];
  /** Whether steps come before this page, and after it. */
  earlier: boolean;
  later: boolean;
  replayedEvents: number;
  maxEvents: number;
}

export interface ReplayQuery {
  from?: string;
  to?: string;
  after?: number;
  before?: number;
  limit?: number;
}

export type NotificationSettings = Schemas['NotificationsResponse'];
export type NotificationsRequest = Schemas['NotificationsRequest'];
export type NotificationKind = NonNullable<Schemas['DeliveryResponse']['kind']>;
export type NotificationChannel = NonNullable<Schemas['DeliveryResponse']['channel']>;
export type Delivery = Need<
  Schemas['DeliveryResponse'],
  'id' | 'channel' | 'kind' | 'status' | 'attempts' | 'createdAt'
>;

/** Performance fees (docs/fees.md): the trader's account, one settlement, every trader's line for admins. */
export type FeeSettlement = Need<
  Schemas['FeeSettlementView'],
  'period' | 'periodStart' | 'periodEnd' | 'highWaterMarkBefore' | 'highWaterMarkAfter' | 'periodNetProfit' | 'fee'
>;
export type Fees = Omit<Need<Schemas['FeesView'], 'rate' | 'highWaterMark' | 'accruedFee'>, 'settlements'> & {
  settlements: FeeSettlement[];
};
export type TraderFees = Need<Schemas['TraderFees'], 'userId' | 'rate' | 'highWaterMark' | 'accruedFee' | 'totalFees'>;
export type FeesOverview = Omit<Need<Schemas['FeesOverview'], 'totalRevenue' | 'totalAccrued'>, 'traders'> & {
  traders: TraderFees[];
};
export type FeeTermsRequest = Schemas['FeeTermsRequest'];
