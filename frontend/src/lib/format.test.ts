import { describe, expect, it } from 'vitest';
import {
  formatChartTick,
  formatDuration,
  formatSeconds,
  formatLocalTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatUtc,
  readableCode,
  readableReason,
  tone,
} from './format';

describe('formatMoney', () => {
  it('shows currency and thousands separators', () => {
    expect(formatMoney('12345.678')).toBe('12,345.68 USDT');
  });
  it('signs gains and losses with plus and a true minus when asked', () => {
    expect(formatMoney(12.3, { signed: true })).toBe('+12.30 USDT');
    expect(formatMoney('-4', { signed: true })).toBe('−4.00 USDT');
    expect(formatMoney(0, { signed: true })).toBe('0.00 USDT');
  });
  it('does not show a minus for a loss that rounds to zero', () => {
    expect(formatMoney(-0.001, { signed: true })).toBe('0.00 USDT');
  });
  it('shows a dash for missing values', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney('not a number')).toBe('—');
  });
});

describe('numbers', () => {
  it('formats indicators and percentages', () => {
    expect(formatNumber('27.456', 1)).toBe('27.5');
    expect(formatNumber(-3.2, 2)).toBe('−3.20');
    expect(formatPercent(2.5, 1, true)).toBe('+2.5 %');
    expect(tone('-1')).toBe('negative');
    expect(tone(3)).toBe('positive');
    expect(tone(undefined)).toBe('neutral');
  });
});

describe('times', () => {
  it('shows a moment in the given zone and offers UTC', () => {
    const iso = '2026-03-01T12:30:05Z';
    expect(formatLocalTime(iso, 'Asia/Tokyo')).toContain('21:30:05');
    expect(formatLocalTime(iso, 'UTC')).toContain('12:30:05');
    expect(formatUtc(iso)).toBe('2026-03-01 12:30:05 UTC');
  });
  it("labels a chart's time axis in the same zone as the tables", () => {
    const seconds = Date.parse('2026-03-01T23:30:05Z') / 1000;
    expect(formatChartTick(seconds, 3, 'Asia/Tokyo')).toBe('08:30');
    expect(formatChartTick(seconds, 3, 'UTC')).toBe('23:30');
    expect(formatChartTick(seconds, 4, 'Asia/Tokyo')).toBe('08:30:05');
    expect(formatChartTick(seconds, 2, 'Asia/Tokyo')).toBe('02 Mar');
    expect(formatChartTick(seconds, 2, 'UTC')).toBe('01 Mar');
    expect(formatChartTick(seconds, 0, 'UTC')).toBe('2026');
  });
  it('describes durations', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(formatDuration('2026-03-01T11:56:40Z', now)).toBe('3m 20s');
    expect(formatDuration('2026-02-27T11:00:00Z', now)).toBe('2d 1h');
    expect(formatSeconds(5430)).toBe('1h 30m');
    expect(formatSeconds(null)).toBe('—');
  });
});

describe('words for people', () => {
  it('cuts long decimals in a reason and words codes', () => {
    expect(readableReason('ADX 16.80845251 is below the threshold 25')).toBe('ADX 16.81 is below the threshold 25');
    expect(readableReason('confidence 0.5 below 0.6')).toBe('confidence 0.5 below 0.6');
    expect(readableCode('NO_TREND')).toBe('No trend');
    expect(readableCode('SIGNAL')).toBe('Signal');
  });
});
