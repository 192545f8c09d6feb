import { describe, expect, it } from 'vitest';
import { exchangeName } from './exchanges';

describe('exchange names', () => {
  it('names the recorded exchange for people, and shows an unknown one as recorded', () => {
    expect(exchangeName('BINGX')).toBe('BingX');
    expect(exchangeName('KRAKEN')).toBe('KRAKEN');
    expect(exchangeName(undefined)).toBe('—');
    expect(exchangeName(null)).toBe('—');
  });
});
