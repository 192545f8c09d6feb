import { describe, expect, it } from 'vitest';
import { loadEstimator, personalWords, rate } from './passwordStrength';

describe('password strength', () => {
  it.each(['aaaaaaaaaaaa', 'password1234', '            ', '123456789012', 'Password123!', 'trenddesk2024'])(
    'rates "%s" too easy to guess, with advice',
    async (weak) => {
      const strength = rate(await loadEstimator(), weak, personalWords('carol', 'carol@example.com'));
      expect(strength.score).toBeLessThan(3);
      expect(strength.acceptable).toBe(false);
      expect(strength.advice.length).toBeGreaterThan(0);
    },
  );

  it('counts the username and e-mail address as known words', async () => {
    const zxcvbn = await loadEstimator();
    const words = personalWords('margaret.hilda', 'mh@acme-trading.com');
    const strength = rate(zxcvbn, 'margaret.hilda!', words);
    expect(strength.acceptable).toBe(false);
    expect(strength.advice.join(' ')).toContain('username or e-mail address');
    expect(rate(zxcvbn, 'acme-trading-2024', words).acceptable).toBe(false);
  });

  it('accepts a passphrase of uncommon words, and asks for 12 characters at least', async () => {
    const zxcvbn = await loadEstimator();
    const strong = rate(zxcvbn, 'violet kettle orbit marmalade', personalWords('carol', null));
    expect(strong).toMatchObject({ acceptable: true, advice: [] });
    expect(strong.score).toBeGreaterThanOrEqual(3);
    const short = rate(zxcvbn, 'Zx8#mQ2!vL', []);
    expect(short.acceptable).toBe(false);
    expect(short.advice).toContain('Use at least 12 characters.');
  });

  it('splits the username and address into their parts, leaving out short ones', () => {
    expect(personalWords('Carol.Smith', 'c.smith@acme-trading.co.uk')).toEqual(
      expect.arrayContaining([
        'carol.smith',
        'carolsmith',
        'carol',
        'smith',
        'c.smith@acme-trading.co.uk',
        'acme-trading',
        'acme',
        'trading',
        'trenddesk',
      ]),
    );
    expect(personalWords('Carol.Smith', 'c.smith@acme-trading.co.uk')).not.toContain('co');
  });
});
