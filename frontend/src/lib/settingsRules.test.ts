import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  EMA_PERIODS,
  fromForm,
  PERIOD_FIELDS,
  POSITION_MODES,
  RANGES,
  STRATEGIES,
  SYMBOL,
  TIMEFRAMES,
  toForm,
  violations,
} from './settingsRules';
import { SETTINGS_RANGES, SETTINGS_SYMBOLS } from './settingsSchema';
import { describeStrategy } from './strategies';
import openapi from '../../openapi.json';
import type { Settings } from '../api/types';

const defaults: Settings = {
  maxPositions: 2,
  riskPerTradePct: 2,
  dailyLossLimitPct: 5,
  maxDrawdownPct: 15,
  leverage: 5,
  positionMode: 'HEDGE',
  adxThreshold: 25,
  timeframe: '5m',
  signalConfidence: 60,
  stopAtr: 2,
  takeProfitR: 2,
  symbols: ['BTC-USDT', 'ETH-USDT'],
  strategy: 'ADX_TREND',
  emaFast: 9,
  emaSlow: 21,
};

describe('trading settings rules (same ranges as TradingSettings.violations())', () => {
  it('accepts the defaults and round-trips them', () => {
    const form = toForm(defaults);
    expect(violations(form)).toEqual({});
    expect(fromForm(form)).toEqual(defaults);
  });

  it.each([
    ['maxPositions', '0', 'must be between 1 and 10'],
    ['maxPositions', '11', 'must be between 1 and 10'],
    ['maxPositions', '1.5', 'must be a whole number'],
    ['riskPerTradePct', '0.09', 'must be between 0.1 and 10'],
    ['dailyLossLimitPct', '50.5', 'must be between 0.5 and 50'],
    ['maxDrawdownPct', '0.5', 'must be between 1 and 90'],
    ['leverage', '126', 'must be between 1 and 125'],
    ['adxThreshold', '9', 'must be between 10 and 50'],
    ['signalConfidence', '101', 'must be between 0 and 100'],
    ['stopAtr', '0.4', 'must be between 0.5 and 10'],
    ['takeProfitR', '10.1', 'must be between 0.5 and 10'],
    ['leverage', '', 'is required'],
    ['emaFast', '10', 'must be one of 9, 21, 50, 100'],
    ['emaFast', '200', 'must be between 9 and 100'],
    ['emaSlow', '9', 'must be between 21 and 200'],
    ['emaSlow', '30', 'must be one of 21, 50, 100, 200'],
    ['emaSlow', '', 'is required'],
    ['strategy', 'MACD', 'is required (ADX trend or EMA crossover)'],
  ])('rejects %s = %s', (field, value, message) => {
    const form = { ...toForm(defaults), [field]: value };
    expect(violations(form)[field]).toBe(message);
  });

  it('accepts the range bounds', () => {
    const form = {
      ...toForm(defaults),
      maxPositions: '10',
      riskPerTradePct: '0.1',
      leverage: '125',
      signalConfidence: '0',
    };
    expect(violations(form)).toEqual({});
  });

  it('wants the fast EMA shorter than the slow one, said plainly on the slow one (where the API says it)', () => {
    const check = (emaFast: string, emaSlow: string) =>
      violations({ ...toForm(defaults), strategy: 'EMA_CROSS', emaFast, emaSlow });
    expect(check('50', '21')).toEqual({ emaSlow: 'must be longer than the fast EMA (50)' });
    expect(check('21', '21')).toEqual({ emaSlow: 'must be longer than the fast EMA (21)' });
    expect(check('9', '200')).toEqual({});
    expect(check('100', '200')).toEqual({});
  });

  it('round-trips an EMA crossover and knows which settings belong to which strategy', () => {
    const ema: Settings = { ...defaults, strategy: 'EMA_CROSS', emaFast: 50, emaSlow: 200 };
    expect(fromForm(toForm(ema))).toEqual(ema);
    expect(appliesTo('adxThreshold', 'ADX_TREND')).toBe(true);
    expect(appliesTo('adxThreshold', 'EMA_CROSS')).toBe(false);
    expect(appliesTo('emaFast', 'EMA_CROSS')).toBe(true);
    expect(appliesTo('emaSlow', 'ADX_TREND')).toBe(false);
    expect(appliesTo('stopAtr', 'EMA_CROSS')).toBe(true);
    expect(appliesTo('leverage', 'ADX_TREND')).toBe(true);
  });

  it('names the strategy plainly', () => {
    expect(describeStrategy({ strategy: 'ADX_TREND', emaFast: 9, emaSlow: 21 })).toBe('ADX trend');
    expect(describeStrategy({ strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21 })).toBe('EMA crossover 9/21');
    expect(describeStrategy({})).toBe('ADX trend');
  });

  it('checks symbols like the API', () => {
    const check = (symbols: string) => violations({ ...toForm(defaults), symbols }).symbols;
    expect(check('')).toBe('at least one symbol is required');
    expect(check('BTC-USD')).toBe("'BTC-USD' is not a USDT perpetual symbol like BTC-USDT");
    expect(check('btc-usdt, btc-usdt')).toBe('symbols must not repeat');
    expect(check(Array.from({ length: 11 }, (_, i) => `C${i}X-USDT`).join(','))).toBe('at most 10 symbols');
    expect(check('sol-usdt')).toBeUndefined();
  });

  it("takes every range, choice and the symbol rule from the API's OpenAPI document (not stale)", () => {
    type Property = {
      type?: string;
      minimum?: number;
      maximum?: number;
      enum?: string[];
      maxItems?: number;
      items?: { pattern?: string };
    };
    type Document = {
      components: {
        schemas: {
          SettingsBody: { properties: Record<string, Property> };
          CandleView: { properties: Record<string, Property> };
        };
      };
    };
    const schemas = (openapi as unknown as Document).components.schemas;
    const body = schemas.SettingsBody.properties;
    const numeric = Object.entries(body).filter(
      ([field, p]) =>
        (p.type === 'number' || p.type === 'integer') && !(PERIOD_FIELDS as readonly string[]).includes(field),
    );
    expect(Object.keys(RANGES).sort()).toEqual(numeric.map(([field]) => field).sort());
    for (const [field, p] of numeric) {
      expect(RANGES[field as keyof typeof RANGES], field).toMatchObject({ min: p.minimum, max: p.maximum });
      expect(RANGES[field as keyof typeof RANGES].integer ?? false, field).toBe(p.type === 'integer');
    }
    expect([...POSITION_MODES]).toEqual(body.positionMode?.enum);
    expect([...TIMEFRAMES]).toEqual(body.timeframe?.enum);
    expect([...STRATEGIES]).toEqual(body.strategy?.enum);
    // the EMA periods: those the candles carry, inside both period settings' ranges
    const candlePeriods = Object.keys(schemas.CandleView.properties)
      .map((name) => /^ema(\d+)$/.exec(name)?.[1])
      .filter((n) => n !== undefined)
      .map(Number);
    for (const field of PERIOD_FIELDS) {
      expect(EMA_PERIODS[field], field).toEqual(
        candlePeriods
          .filter((n) => n >= (body[field]?.minimum ?? Infinity) && n <= (body[field]?.maximum ?? -Infinity))
          .sort((a, b) => a - b),
      );
    }
    expect(EMA_PERIODS).toEqual({ emaFast: [9, 21, 50, 100], emaSlow: [21, 50, 100, 200] });
    expect(SYMBOL.source).toBe(new RegExp(body.symbols?.items?.pattern ?? '').source);
    expect(SETTINGS_SYMBOLS.maxItems).toBe(body.symbols?.maxItems);
  });

  it("lists the numeric fields in the form's order with the dashboard's steps", () => {
    expect(Object.keys(RANGES)).toEqual([
      'maxPositions',
      'riskPerTradePct',
      'dailyLossLimitPct',
      'maxDrawdownPct',
      'leverage',
      'adxThreshold',
      'signalConfidence',
      'stopAtr',
      'takeProfitR',
    ]);
    // the EMA periods are picked from a list, every other numeric setting is typed in
    expect([...Object.keys(RANGES), ...PERIOD_FIELDS].sort()).toEqual(Object.keys(SETTINGS_RANGES).sort());
    expect(RANGES.leverage).toEqual({ min: 1, max: 125, step: 1, integer: true });
    expect(RANGES.riskPerTradePct).toEqual({ min: 0.1, max: 10, step: 0.1 });
  });
});
