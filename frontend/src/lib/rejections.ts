// What the dashboard says when the server refuses a request for the state things are in: one plain
// sentence per rejection code (docs/rejections.md lists the codes; the server sends one as `code` in its
// 409 problem+json). The server's own `detail` is kept for anything without a code here.

export const REJECTION_MESSAGES: Readonly<Record<string, string>> = {
  CREDENTIALS_TRADER_ONLY: 'Only traders can connect a BingX key.',
  CREDENTIALS_NOT_CONNECTED: 'Connect a BingX key first.',
  TRADING_KEY_NOT_VERIFIED: 'The bot needs a verified BingX key: connect your key and wait until it is verified.',
  TRADING_KEY_READ_ONLY:
    'Your BingX key may read but not trade perpetual futures. Enable futures trading for the key on BingX and test the connection again, or connect a key that may trade.',
  DISCONNECT_WHILE_BOT_ACTIVE: 'Stop your bot first: it is running or paused on this BingX key.',
  USER_ERASED: 'This account was erased.',
  ACCOUNT_DEACTIVATED: 'This account is deactivated.',
  LAST_ACTIVE_ADMIN: 'At least one active admin must remain: make another person an admin first.',
  TRADING_PERMISSION_TRADER_ONLY: 'Only traders can be given trading permission.',
  VIEWER_ACCESS_VIEWER_ONLY: 'Read access to a trader is granted to viewers only.',
  BOT_TRADER_ONLY: 'Only traders run bots.',
  TRADING_PERMISSION_REQUIRED: 'Trading permission is required: an admin grants it.',
  NO_ACTIVE_BOT: 'No bot is running.',
  SESSION_ALREADY_RUNNING: 'A bot is already running for this account: stop it first.',
  SESSION_NOT_RUNNING: 'The bot is not running.',
  SESSION_NOT_PAUSED: 'The bot is not paused.',
  SESSION_ALREADY_STOPPED: 'The bot is already stopped.',
  SESSION_STOPPED_SETTINGS_FIXED: 'The bot has stopped: its settings can no longer change.',
  POSITION_OPEN_LEVERAGE_CHANGE:
    'Leverage cannot change while the bot holds a position or waits for an entry: close the positions or wait until they are closed.',
  POSITION_OPEN_MODE_CHANGE:
    'Position mode cannot change while the bot holds a position or waits for an entry: close the positions or wait until they are closed.',
  NOTIFICATION_CHANNEL_NOT_CONFIGURED: 'Set this channel up and save it first.',
  POSITION_OPEN_SYMBOL_REMOVAL:
    'A symbol the bot holds a position or an order on cannot be removed: close the position first.',
  TRADING_HALTED:
    'Trading is halted by the platform: no bot starts or resumes until an admin releases the emergency stop.',
  KILL_SWITCH_ALREADY_ENGAGED: 'The emergency stop is engaged already.',
  KILL_SWITCH_NOT_ENGAGED: 'The emergency stop is not engaged.',
  ENTRY_WHILE_NOT_RUNNING: 'The bot is not running: it opens no new positions.',
  ENTRY_ALREADY_OPEN: 'A position or entry is already open on this symbol.',
  ENTRY_ON_EXTERNAL_POSITION: 'The exchange holds a position on this symbol that the bot did not open.',
  ENTRY_OVER_MAX_POSITIONS: 'The bot already holds its maximum number of positions.',
  CLOSE_WITHOUT_POSITION: 'There is no position on this symbol to close.',
  CLOSE_ALREADY_PENDING: 'A close of this symbol is already pending.',
  ORDER_UNKNOWN: 'The bot knows no such order.',
  ENTRY_SUBSCRIPTION_PAST_DUE: 'Your subscription is past due: the bot opens no new positions until it is paid.',
  SUBSCRIPTION_PAST_DUE: 'Your subscription is not paid for now: a bot starts again once an admin records the payment.',
  PLAN_TRADER_ONLY: 'Plans are for traders only.',
  PLAN_RETIRED: 'This plan is retired.',
  PLAN_DEFAULT_RETIRE: 'The default plan cannot be retired: make another plan the default first.',
  PLAN_NOT_PAID: 'The trader is on a free plan: assign a paid plan first.',
  PLAN_NAME_TAKEN: 'Another plan already has this name.',
};

/** The plain-language message for a rejection code, or undefined for no code or one this dashboard does not know. */
export function rejectionMessage(code: unknown): string | undefined {
  return typeof code === 'string' && Object.hasOwn(REJECTION_MESSAGES, code) ? REJECTION_MESSAGES[code] : undefined;
}
