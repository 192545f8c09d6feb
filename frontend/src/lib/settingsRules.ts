// The same ranges as core-api TradingSettings.violations(), so the form says what the API would say
// before sending. The server checks again; its 422 field errors are shown the same way.
import type { Settings } from '../api/types';

export interface Range {
  min: number;
  max: number;
  step: number;
  integer?: boolean;
}

export const RANGES: Record<string, Range> = {
  maxPositions: { min: 1, max: 10, step: 1, integer: true },
  riskPerTradePct: { min: 0.1, max: 10, step: 0.1 },
  dailyLossLimitPct: { min: 0.5, max: 50, step: 0.5 },
  maxDrawdownPct: { min: 1, max: 90, step: 1 },
  leverage: { min: 1, max: 125, step: 1, integer: true },
  adxThreshold: { min: 10, max: 50, step: 1 },
  signalConfidence: { min: 0, max: 100, step: 1 },
  stopAtr: { min: 0.5, max: 10, step: 0.1 },
  takeProfitR: { min: 0.5, max: 10, step: 0.1 },
};

export const POSITION_MODES = ['HEDGE', 'ONE_WAY'] as const;
export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'] as const;
export const SYMBOL = /^[A-Z0-9]{2,20}-USDT$/;

/** The settings form's values: numbers as typed, symbols as one comma-separated line. */
export type SettingsForm = Record<keyof typeof RANGES, string> & {
  positionMode: string;
  timeframe: string;
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
  const symbols = parseSymbols(form.symbols);
  if (symbols.length === 0) out.symbols = 'at least one symbol is required';
  else if (symbols.length > 10) out.symbols = 'at most 10 symbols';
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
  };
}
