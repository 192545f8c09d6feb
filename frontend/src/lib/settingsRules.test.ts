import { describe, expect, it } from 'vitest';
import { fromForm, toForm, violations } from './settingsRules';
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
});
