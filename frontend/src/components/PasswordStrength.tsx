// A strength meter under a new-password field: how guessable the password is while it is typed,
// and what would make it better. Only a guide: the server's password policy decides.
import { useEffect, useMemo, useState } from 'react';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { loadEstimator, MIN_SCORE, personalWords, rate } from '../lib/passwordStrength';

export function PasswordStrength({
  password,
  username,
  email,
}: {
  password: string;
  username?: string | null;
  email?: string | null;
}) {
  const [estimator, setEstimator] = useState<ZxcvbnFactory | null>(null);
  const [failed, setFailed] = useState(false);
  const wanted = password.length > 0;
  useEffect(() => {
    if (!wanted || estimator) return;
    let live = true;
    loadEstimator().then(
      (loaded) => live && setEstimator(() => loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [wanted, estimator]);
  const words = useMemo(() => personalWords(username, email), [username, email]);
  const strength = useMemo(
    () => (estimator && wanted ? rate(estimator, password, words) : null),
    [estimator, wanted, password, words],
  );

  if (!wanted || failed) return null;
  if (!strength) {
    return (
      <div className="strength" aria-live="polite">
        <small className="hint">Checking strength…</small>
      </div>
    );
  }
  const tone = strength.acceptable ? 'positive' : strength.score >= MIN_SCORE - 1 ? 'warning' : 'negative';
  return (
    <div className={`strength ${tone}`} data-score={strength.score}>
      <meter
        min={0}
        max={4}
        low={MIN_SCORE - 1}
        high={MIN_SCORE}
        optimum={4}
        value={strength.score}
        aria-label="Password strength"
      />
      <small aria-live="polite">
        <span className="strength-label">Strength: {strength.label}</span>
        {strength.advice.length > 0 && <span className="strength-advice"> — {strength.advice.join(' ')}</span>}
      </small>
    </div>
  );
}
