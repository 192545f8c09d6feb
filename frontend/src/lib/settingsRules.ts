// The settings form's rules: the API's own constraints (generated into settingsSchema.ts from the OpenAPI
// document, see scripts/generate-api.mjs), so the form says what the API would say before sending. The
// server checks again; its 422 field errors are shown the same way. Only the spin buttons' steps are
// the dashboard's choice.
import type { Settings } from '../api/types';
import { SETTINGS_CHOICES, SETTINGS_RANGES, SETTINGS_SYMBOLS } from './settingsSchema';

export interface Range {
  min: number;
  max: number;
  step: number;
  integer?: boolean;
}

type NumericField = keyof typeof SETTINGS_RANGES;

/**
 * How far one click of a number field's arrows moves it (the API accepts any value in range), in the
 * order the form shows the fields. Typed by the generated ranges: a numeric setting added to or removed
 * from the API fails the type check here until it is placed.
 */
const STEPS: Record<NumericField, number> = {
  maxPositions: 1,
  riskPerTradePct: 0.1,
  dailyLossLimitPct: 0.5,
  maxDrawdownPct: 1,
  leverage: 1,
  adxThreshold: 1,
  signalConfidence: 1,
  stopAtr: 0.1,
  takeProfitR: 0.1,
  emaFast: 1,
  emaSlow: 1,
};

export const RANGES: Record<NumericField, Range> = Object.fromEntries(
  (Object.keys(STEPS) as NumericField[]).map((field) => {
    const { min, max, integer } = SETTINGS_RANGES[field];
    return [field, integer ? { min, max, step: STEPS[field], integer } : { min, max, step: STEPS[field] }];
  }),
) as Record<NumericField, Range>;

export const POSITION_MODES = SETTINGS_CHOICES.positionMode;
export const TIMEFRAMES = SETTINGS_CHOICES.timeframe;
export const STRATEGIES = SETTINGS_CHOICES.strategy;
export const SYMBOL = SETTINGS_SYMBOLS.pattern;

/** The settings form's values: numbers as typed, symbols as one comma-separated line. */
export type SettingsForm = Record<keyof typeof RANGES, string> & {
  positionMode: string;
  timeframe: string;
  strategy: string;
  symbols: string;
};

export function toForm(settings: Partial<Settings>): SettingsForm {
  const form: Record<string, string> = {};
  for (const field of Object.keys(RANGES)) {
    const value = (settings as Record<string, unknown>)[field];
    form[field] = value === undefined || value === null ? '' : String(value);
  }
  form.positionMode = settings.positionMode ?? 'HEDGE';
  form.timeframe = settings.timeframe ?? '5m';
  form.strategy = settings.strategy ?? 'ADX_TREND';
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
  if (!POSITION_MODES.includes(form.positionMode as (typeof POSITION_MODES)[number])) {
    out.positionMode = 'is required (HEDGE or ONE_WAY)';
  }
  if (!TIMEFRAMES.includes(form.timeframe as (typeof TIMEFRAMES)[number])) out.timeframe = 'is required (1m to 1d)';
  if (!STRATEGIES.includes(form.strategy as (typeof STRATEGIES)[number])) {
    out.strategy = 'is required (ADX_TREND or EMA_CROSS)';
  }
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
    strategy: form.strategy as Settings['strategy'],
    emaFast: Number(form.emaFast),
    emaSlow: Number(form.emaSlow),
  };
}
