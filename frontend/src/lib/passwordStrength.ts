// How guessable a password is, shown while it is typed. The server's password policy (zxcvbn4j,
// score 3 of 4 needed) decides; this estimate (zxcvbn-ts, the same algorithm with slightly newer
// dictionaries) only guides. The estimator and its dictionaries are loaded on first use, in a chunk
// of their own, so pages without a password field do not download them.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** The same rules as the server's PasswordPolicy. */
export const MIN_LENGTH = 12;
export const MAX_LENGTH = 128;
export const MIN_SCORE = 3;
/** The server, too, estimates only the first 64 characters. */
const ESTIMATED_LENGTH = 64;
const PRODUCT_WORDS = ['trenddesk', 'bingx'];

export type Strength = {
  /** 0 to 4, as zxcvbn scores. */
  score: number;
  label: string;
  /** True when the length and the score meet the server's rules, as far as the browser can tell. */
  acceptable: boolean;
  /** Why it is weak, and what would help; empty for a good password. */
  advice: string[];
};

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

let estimator: Promise<ZxcvbnFactory> | null = null;

/** Loads the estimator once (a dynamic import: its dictionaries are large). */
export function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return estimator;
}

/** The username, the e-mail address and their parts, and the product's name: words an attacker tries first. */
export function personalWords(username?: string | null, email?: string | null): string[] {
  const words = new Set<string>();
  const addWithParts = (text: string | null | undefined) => {
    const lower = text?.trim().toLowerCase();
    if (!lower) return;
    words.add(lower);
    const parts = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length > 1) {
      words.add(parts.join(''));
      parts.forEach((p) => words.add(p));
    }
  };
  addWithParts(username);
  const address = email?.trim().toLowerCase();
  if (address) {
    words.add(address);
    const at = address.lastIndexOf('@');
    if (at > 0) {
      addWithParts(address.substring(0, at));
      address
        .substring(at + 1)
        .split('.')
        .slice(0, -1)
        .forEach(addWithParts);
    }
  }
  PRODUCT_WORDS.forEach((w) => words.add(w));
  return [...words].filter((w) => w.length >= 3);
}

/** Rates {@code password} with a loaded estimator. */
export function rate(zxcvbn: ZxcvbnFactory, password: string, words: string[]): Strength {
  const length = [...password].length;
  const estimated = [...password].slice(0, ESTIMATED_LENGTH).join('');
  const result = zxcvbn.check(estimated, words);
  const advice: string[] = [];
  if (length < MIN_LENGTH) advice.push(`Use at least ${MIN_LENGTH} characters.`);
  if (length > MAX_LENGTH) advice.push(`Use at most ${MAX_LENGTH} characters.`);
  if (result.score < MIN_SCORE) {
    const personal = result.sequence.some((m) => 'dictionaryName' in m && m.dictionaryName === 'userInputs');
    if (personal) advice.push('It contains your username or e-mail address (or the product’s name).');
    if (result.feedback.warning) advice.push(result.feedback.warning);
    advice.push(...result.feedback.suggestions);
    if (!advice.length) advice.push('Use a longer password, e.g. four or five uncommon words.');
  }
  return {
    score: result.score,
    label: LABELS[result.score] ?? '',
    acceptable: length >= MIN_LENGTH && length <= MAX_LENGTH && result.score >= MIN_SCORE,
    advice,
  };
}
