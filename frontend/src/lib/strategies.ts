// The trading strategies by their plain names, for the settings form and wherever the dashboard says
// which settings a bot runs with.
import type { Settings } from '../api/types';
import type { StrategyId } from './settingsRules';

/** Typed by the API's strategies: a strategy added there fails the type check here until it is named. */
export const STRATEGY_NAMES: Record<StrategyId, string> = {
  ADX_TREND: 'ADX trend',
  EMA_CROSS: 'EMA crossover',
};

type StrategySettings = Partial<Pick<Settings, 'strategy' | 'emaFast' | 'emaSlow'>>;

/** The strategy's plain name, with its EMA periods for the crossover: "ADX trend", "EMA crossover 9/21". */
export function describeStrategy(settings: StrategySettings): string {
  const strategy = settings.strategy ?? 'ADX_TREND'; // the API's default
  const name = STRATEGY_NAMES[strategy] ?? strategy;
  if (strategy === 'EMA_CROSS' && settings.emaFast !== undefined && settings.emaSlow !== undefined) {
    return `${name} ${settings.emaFast}/${settings.emaSlow}`;
  }
  return name;
}
