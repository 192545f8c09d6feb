import type { PlanLimits, TraderPlan } from '../api/types';

/** The plan's limits as sentences for the trader's plan card and the admin's plans page. */
export function describeLimits(limits: PlanLimits): string[] {
  const channels = limits.notificationChannels.map((c) => c.toLowerCase());
  return [
    limits.symbols.length ? `Symbols: ${limits.symbols.join(', ')}` : 'Any symbol the platform allows',
    `Up to ${limits.maxSymbolsPerBot} symbol${limits.maxSymbolsPerBot === 1 ? '' : 's'} per bot`,
    limits.timeframes.length ? `Timeframes: ${limits.timeframes.join(', ')}` : 'Any timeframe the platform allows',
    limits.strategies.length ? `Strategies: ${limits.strategies.join(', ')}` : 'Every strategy',
    limits.liveFunds ? 'Demo and live funds' : 'Demo funds only',
    `Leverage 1x–${limits.maxLeverage}x`,
    `${limits.backtestsPerDay} backtest${limits.backtestsPerDay === 1 ? '' : 's'} per day`,
    channels.length ? `Notifications: ${channels.join(', ')}` : 'No notification channels',
  ];
}

/** What the settings form disables with an "Upgrade to use" hint: values outside the plan. */
export function planAllows(limits: PlanLimits | undefined) {
  return {
    symbol: (s: string) => !limits || limits.symbols.length === 0 || limits.symbols.includes(s),
    timeframe: (t: string) => !limits || limits.timeframes.length === 0 || limits.timeframes.includes(t as never),
    strategy: (s: string) => !limits || limits.strategies.length === 0 || limits.strategies.includes(s as never),
  };
}

/** The subscription's status in words. */
export function statusText(plan: TraderPlan): string {
  if (plan.status === 'PAST_DUE') return 'Past due: your bots open no new positions until the payment is recorded.';
  if (plan.status === 'CANCELLED')
    return plan.mayEnter ? 'Cancelled: the paid time still runs.' : 'Cancelled: your bots open no new positions.';
  return 'Active';
}
