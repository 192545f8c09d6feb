// The settings form's rules: the API's own constraints (generated into settingsSchema.ts from the OpenAPI
// document, see scripts/generate-api.mjs), so the form says what the API would say before sending. The
// server checks again; its 422 field errors are shown the same way. Only the spin buttons' steps, the
// field order and which settings belong to which strategy are the dashboard's choice.
import type { Settings } from '../api/types';
import { CANDLE_EMA_PERIODS, SETTINGS_CHOICES, SETTINGS_RANGES, SETTINGS_SYMBOLS } from './settingsSchema';
import { STRATEGY_NAMES } from './strategies';

export interface Range {
  min: number;
  max: number;
  step: number;
  integer?: boolean;
}

type NumericField = keyof typeof SETTINGS_RANGES;

/** The EMA periods: numeric settings picked from the periods the candles carry, not typed in. */
export const PERIOD_FIELDS = ['emaFast', 'emaSlow'] as const;
export type PeriodField = (typeof PERIOD_FIELDS)[number];
/** The numeric settings typed into number fields. */
type NumberField = Exclude<NumericField, PeriodField>;

/**
 * How far one click of a number field's arrows moves it (the API accepts any value in range), in the
 * order the form shows the fields. Typed by the generated ranges: a numeric setting added to or removed
 * from the API fails the type check here until it is placed.
 */
const STEPS: Record<NumberField, number> = {
  maxPositions: 1,
  riskPerTradePct: 0.1,
  dailyLossLimitPct: 0.5,
  maxDrawdownPct: 1,
  leverage: 1,
  adxThreshold: 1,
  signalConfidence: 1,
  stopAtr: 0.1,
  takeProfitR: 0.1,
};

export const RANGES: Record<NumberField, Range> = Object.fromEntries(
  (Object.keys(STEPS) as NumberField[]).map((field) => {
    const { min, max, integer } = SETTINGS_RANGES[field];
    return [field, integer ? { min, max, step: STEPS[field], integer } : { min, max, step: STEPS[field] }];
  }),
) as Record<NumberField, Range>;

export const POSITION_MODES = SETTINGS_CHOICES.positionMode;
export const TIMEFRAMES = SETTINGS_CHOICES.timeframe;
export const STRATEGIES = SETTINGS_CHOICES.strategy;
export type StrategyId = (typeof STRATEGIES)[number];
export const SYMBOL = SETTINGS_SYMBOLS.pattern;

/** The EMA periods each period setting offers: those the candles carry, within the API's range for it. */
export const EMA_PERIODS: Record<PeriodField, number[]> = {
  emaFast: periodsWithin(SETTINGS_RANGES.emaFast),
  emaSlow: periodsWithin(SETTINGS_RANGES.emaSlow),
};

function periodsWithin(range: { min: number; max: number }): number[] {
  return CANDLE_EMA_PERIODS.filter((period) => period >= range.min && period <= range.max);
}

/** The settings form's values: numbers as typed, symbols as one comma-separated line. */
export type SettingsForm = Record<NumberField | PeriodField, string> & {
  strategy: string;
  positionMode: string;
  timeframe: string;
  symbols: string;
};

/**
 * The settings only one strategy decides with; the form shows them for that strategy only. Every other
 * setting (stop and target distances, risk limits, leverage, markets) applies to every strategy. Typed
 * by the API's strategies: a strategy added there fails the type check here until its fields are named.
 */
export const STRATEGY_FIELDS: Record<StrategyId, readonly (keyof SettingsForm)[]> = {
  ADX_TREND: ['adxThreshold', 'signalConfidence'],
  EMA_CROSS: ['emaFast', 'emaSlow'],
};

/** Whether a field of the form applies to this strategy. */
export function appliesTo(field: keyof SettingsForm, strategy: string): boolean {
  const own = Object.entries(STRATEGY_FIELDS).find(([, fields]) => fields.includes(field));
  return own === undefined || own[0] === strategy;
}

export function toForm(settings: Partial<Settings>): SettingsForm {
  const form: Record<string, string> = {};
  for (const field of [...Object.keys(RANGES), ...PERIOD_FIELDS]) {
    const value = (settings as Record<string, unknown>)[field];
    form[field] = value === undefined || value === null ? '' : String(value);
  }
  form.strategy = settings.strategy ?? 'ADX_TREND';
  form.positionMode = settings.positionMode ?? 'HEDGE';
  form.timeframe = settings.timeframe ?? '5m';
  form.symbols = (settings.symbols ?? []).join(', ');
  return form as SettingsForm;
}

export function parseSymbols(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

/** Field → message for every value outside its range, as the API would name them. */
export function violations(form: SettingsForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, range] of Object.entries(RANGES)) {
    const raw = (form as Record<string, string>)[field]?.trim() ?? '';
    if (raw === '') {
      out[field] = 'is required';
      continue;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) out[field] = 'must be a number';
    else if (range.integer && !Number.isInteger(n)) out[field] = 'must be a whole number';
    else if (n < range.min || n > range.max) out[field] = `must be between ${range.min} and ${range.max}`;
  }
  const periods: Partial<Record<PeriodField, number>> = {};
  for (const field of PERIOD_FIELDS) {
    const raw = form[field]?.trim() ?? '';
    const { min, max } = SETTINGS_RANGES[field];
    const n = Number(raw);
    if (raw === '') out[field] = 'is required';
    else if (!Number.isFinite(n)) out[field] = 'must be a number';
    else if (n < min || n > max) out[field] = `must be between ${min} and ${max}`;
    else if (!EMA_PERIODS[field].includes(n)) out[field] = `must be one of ${EMA_PERIODS[field].join(', ')}`;
    else periods[field] = n;
  }
  // on the slow EMA's field, where the API names it too
  if (periods.emaFast !== undefined && periods.emaSlow !== undefined && periods.emaFast >= periods.emaSlow) {
    out.emaSlow = `must be longer than the fast EMA (${periods.emaFast})`;
  }
  if (!STRATEGIES.includes(form.strategy as StrategyId))
    out.strategy = `is required (${Object.values(STRATEGY_NAMES).join(' or ')})`;
  if (!POSITION_MODES.includes(form.positionMode as (typeof POSITION_MODES)[number])) {
    out.positionMode = 'is required (HEDGE or ONE_WAY)';
  }
  if (!TIMEFRAMES.includes(form.timeframe as (typeof TIMEFRAMES)[number])) out.timeframe = 'is required (1m to 1d)';
  const symbols = parseSymbols(form.symbols);
  if (symbols.length === 0) out.symbols = 'at least one symbol is required';
  else if (symbols.length > SETTINGS_SYMBOLS.maxItems) out.symbols = `at most ${SETTINGS_SYMBOLS.maxItems} symbols`;
  else {
    const bad = symbols.find((s) => !SYMBOL.test(s));
    if (bad) out.symbols = `'${bad}' is not a USDT perpetual symbol like BTC-USDT`;
    else if (new Set(symbols).size !== symbols.length) out.symbols = 'symbols must not repeat';
  }
  return out;
}

export function fromForm(form: SettingsForm): Settings {
  return {
    maxPositions: Number(form.maxPositions),
    riskPerTradePct: Number(form.riskPerTradePct),
    dailyLossLimitPct: Number(form.dailyLossLimitPct),
    maxDrawdownPct: Number(form.maxDrawdownPct),
    leverage: Number(form.leverage),
    positionMode: form.positionMode as Settings['positionMode'],
    adxThreshold: Number(form.adxThreshold),
    timeframe: form.timeframe as Settings['timeframe'],
    signalConfidence: Number(form.signalConfidence),
    stopAtr: Number(form.stopAtr),
    takeProfitR: Number(form.takeProfitR),
    symbols: parseSymbols(form.symbols),
    strategy: form.strategy as StrategyId,
    emaFast: Number(form.emaFast),
    emaSlow: Number(form.emaSlow),
  };
}
