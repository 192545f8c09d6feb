import { describe, expect, it } from 'vitest';
import { fromForm, POSITION_MODES, RANGES, SYMBOL, TIMEFRAMES, toForm, violations } from './settingsRules';
import { SETTINGS_RANGES, SETTINGS_SYMBOLS } from './settingsSchema';
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
  ])('rejects %s = %s', (field, value, message) => {
    const form = { ...toForm(defaults), [field]: value };
    expect(violations(form)[field]).toBe(message);
  });

  it('accepts the range bounds', () => {
    const form = { ...toForm(defaults), maxPositions: '10', riskPerTradePct: '0.1', leverage: '125', signalConfidence: '0' };
    expect(violations(form)).toEqual({});
  });

  it('checks symbols like the API', () => {
    const check = (symbols: string) => violations({ ...toForm(defaults), symbols }).symbols;
    expect(check('')).toBe('at least one symbol is required');
    expect(check('BTC-USD')).toBe("'BTC-USD' is not a USDT perpetual symbol like BTC-USDT");
    expect(check('btc-usdt, btc-usdt')).toBe('symbols must not repeat');
    expect(check(Array.from({ length: 11 }, (_, i) => `C${i}X-USDT`).join(','))).toBe('at most 10 symbols');
    expect(check('sol-usdt')).toBeUndefined();
  });

  it('takes every range, choice and the symbol rule from the API\'s OpenAPI document (not stale)', () => {
    type Property = {
      type?: string;
      minimum?: number;
      maximum?: number;
      enum?: string[];
      maxItems?: number;
      items?: { pattern?: string };
    };
    type Document = { components: { schemas: { SettingsBody: { properties: Record<string, Property> } } } };
    const body = (openapi as unknown as Document).components.schemas.SettingsBody.properties;
    const numeric = Object.entries(body).filter(([, p]) => p.type === 'number' || p.type === 'integer');
    expect(Object.keys(RANGES).sort()).toEqual(numeric.map(([field]) => field).sort());
    for (const [field, p] of numeric) {
      expect(RANGES[field as keyof typeof RANGES], field).toMatchObject({ min: p.minimum, max: p.maximum });
      expect(RANGES[field as keyof typeof RANGES].integer ?? false, field).toBe(p.type === 'integer');
    }
    expect([...POSITION_MODES]).toEqual(body.positionMode?.enum);
    expect([...TIMEFRAMES]).toEqual(body.timeframe?.enum);
    expect(SYMBOL.source).toBe(new RegExp(body.symbols?.items?.pattern ?? '').source);
    expect(SETTINGS_SYMBOLS.maxItems).toBe(body.symbols?.maxItems);
  });

  it('lists the numeric fields in the form\'s order with the dashboard\'s steps', () => {
    expect(Object.keys(RANGES)).toEqual([
      'maxPositions', 'riskPerTradePct', 'dailyLossLimitPct', 'maxDrawdownPct', 'leverage',
      'adxThreshold', 'signalConfidence', 'stopAtr', 'takeProfitR', 'emaFast', 'emaSlow',
    ]);
    expect(Object.keys(RANGES).sort()).toEqual(Object.keys(SETTINGS_RANGES).sort());
    expect(RANGES.leverage).toEqual({ min: 1, max: 125, step: 1, integer: true });
    expect(RANGES.riskPerTradePct).toEqual({ min: 0.1, max: 10, step: 0.1 });
  });
});
