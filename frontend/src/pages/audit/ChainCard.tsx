import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { AuditVerification } from '../../api/types';
import { Async, describeError, Time } from '../../components/ui';
import { useResource } from '../../lib/useResource';

/** What a verification found, in one sentence. */
export function verdict(v: AuditVerification): string {
  const against =
    (v.checkpointsChecked ?? 0) > 0
      ? ` Checked against ${v.checkpointsChecked} signed checkpoint${v.checkpointsChecked === 1 ? '' : 's'}, the newest at row ${v.latestCheckpointSeq}.`
      : ' No signed checkpoint yet: rows cut off the end would not show.';
  const retired =
    (v.unverifiableCheckpoints ?? 0) > 0
      ? ` ${v.unverifiableCheckpoints} signed with a retired master key were not checked.`
      : '';
  if (v.intact) return `Intact: ${v.rowsChecked} rows checked, every link matches.${against}${retired}`;
  const event = v.firstBrokenEventId ? ` (event ${v.firstBrokenEventId})` : '';
  return `Broken at row ${v.firstBrokenSeq}${event}: ${v.reason}. ${v.rowsChecked} rows checked.${retired}`;
}

/**
 * The hash chain: its verification against the signed checkpoints, the newest checkpoints with the public key
 * that signs them (to keep a copy outside TrendDesk), signing one now, and checking the chain against a
 * checkpoint the auditor holds.
 */
export function ChainCard() {
  const verification = useResource(() => api.auditVerify(), 'verify');
  const checkpoints = useResource(() => api.auditCheckpoints(), 'checkpoints');
  const [held, setHeld] = useState({ seq: '', hash: '' });
  const [heldResult, setHeldResult] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signNow() {
    setBusy(true);
    setError(null);
    try {
      await api.signAuditCheckpoint();
      checkpoints.reload();
      verification.reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function checkHeld(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setHeldResult(null);
    try {
      setHeldResult(await api.auditVerify({ seq: held.seq.trim(), hash: held.hash.trim() }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="chain-title">
      <header className="card-header">
        <h2 id="chain-title">Hash chain</h2>
        <button type="button" className="button small" onClick={verification.reload}>
          Verify again
        </button>
      </header>
      <Async of={verification}>
        {(v) => (
          <p
            className={v.intact ? 'notice positive' : 'notice error'}
            role={v.intact ? undefined : 'alert'}
            data-testid="chain-status"
          >
            {verdict(v)}
          </p>
        )}
      </Async>
      <h3>Signed checkpoints</h3>
      <Async of={checkpoints}>
        {(c) => (
          <div data-testid="checkpoints">
            <p className="small">
              Signed with Ed25519 key <code>{c.keyId}</code>, public key <code className="wrap">{c.publicKey}</code>.
              Keep a copy of the key and of a recent checkpoint outside TrendDesk: checked against it, the chain shows
              rows cut off its end.
            </p>
            {(c.checkpoints ?? []).length === 0 ? (
              <p className="muted">No checkpoint yet.</p>
            ) : (
              <ul className="checkpoint-list">
                {(c.checkpoints ?? []).map((p) => (
                  <li key={p.seq} data-testid="checkpoint">
                    Row {p.seq}, hash <code className="wrap">{p.headHash}</code>, signed <Time value={p.signedAt} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Async>
      <button type="button" className="button small" onClick={signNow} disabled={busy}>
        Sign a checkpoint now
      </button>
      <form className="filters" onSubmit={checkHeld} aria-label="Check against a checkpoint you hold">
        <label>
          Row (seq)
          <input
            inputMode="numeric"
            value={held.seq}
            onChange={(e) => setHeld({ ...held, seq: e.target.value })}
            required
          />
        </label>
        <label>
          Hash
          <input value={held.hash} onChange={(e) => setHeld({ ...held, hash: e.target.value })} required />
        </label>
        <button type="submit" className="button small" disabled={busy}>
          Check against it
        </button>
      </form>
      {heldResult && (
        <p className={heldResult.intact ? 'notice positive' : 'notice error'} data-testid="held-status">
          {verdict(heldResult)}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
