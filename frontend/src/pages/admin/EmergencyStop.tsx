import { useState } from 'react';
import { api } from '../../api/client';
import { HaltBanner } from '../../components/PlatformHalt';
import { describeError } from '../../components/ui';
import { useResource } from '../../lib/useResource';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What engaging the emergency stop does, said before it is done: to how many bots, and to their positions. */
export function haltConsequences(flatten: boolean, running: number, paused: number): string {
  const lines = [
    flatten
      ? `Stop every bot on the platform (${plural(running, 'running', 'running')}, ${plural(paused, 'paused', 'paused')}) ` +
        'and close every position they hold at market?'
      : `Pause every running bot on the platform (${plural(running, 'bot', 'bots')} running now)? ` +
        'They open nothing new; positions they hold stay open at BingX with their stop-loss and take-profit.',
    'Until an admin releases the stop, no trader (nor an admin for them) can start or resume a bot, and every ' +
      'trader sees the reason on their dashboard. Exits already on their way are not held back.',
    flatten
      ? 'After the release, traders start their bots again themselves.'
      : 'After the release nothing resumes by itself: traders resume their bots themselves.',
  ];
  return lines.join('\n\n');
}

/**
 * The platform's emergency stop on the admin overview: engage it with a reason and a choice of pausing every bot
 * or stopping them with their positions closed (asked first, saying what follows), and release it while engaged.
 */
export function EmergencyStop({
  running,
  paused,
  revision = 0,
  onChanged,
}: {
  running: number;
  paused: number;
  /** Changes when the platform's status changed elsewhere (the live stream's `platform` event): read it again. */
  revision?: number;
  onChanged?: () => void;
}) {
  const status = useResource(() => api.platformStatus(), `platform-status-${revision}`);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [flatten, setFlatten] = useState(false);
  const [releaseReason, setReleaseReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const halted = status.data?.halted === true;

  async function act(call: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await call();
      setAsking(false);
      setReason('');
      setReleaseReason('');
      status.reload();
      onChanged?.();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card emergency-stop" aria-label="Emergency stop">
      <header className="card-header">
        <h2>Emergency stop</h2>
      </header>
      {halted ? (
        <>
          <HaltBanner status={status.data} />
          <div className="button-row">
            <label className="inline">
              <span>Reason for the release (optional)</span>
              <input
                type="text"
                value={releaseReason}
                maxLength={500}
                onChange={(e) => setReleaseReason(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void act(() => api.releaseKillSwitch(releaseReason.trim() || undefined))}
            >
              Release the emergency stop
            </button>
          </div>
        </>
      ) : (
        <div className="button-row">
          <span className="muted small">Halts trading on the whole platform until released.</span>
          <button
            type="button"
            className="button danger"
            disabled={busy || status.data === undefined}
            onClick={() => setAsking(true)}
          >
            Emergency stop…
          </button>
        </div>
      )}
      {asking && !halted && (
        <div className="notice warning" role="alertdialog" aria-label="Confirm emergency stop">
          <fieldset>
            <legend>What happens to the bots</legend>
            <label className="inline">
              <input type="radio" name="halt-mode" checked={!flatten} onChange={() => setFlatten(false)} /> Pause all
              bots
            </label>
            <label className="inline">
              <input type="radio" name="halt-mode" checked={flatten} onChange={() => setFlatten(true)} /> Stop all bots
              and flatten (close) their positions
            </label>
          </fieldset>
          {haltConsequences(flatten, running, paused)
            .split('\n\n')
            .map((line) => (
              <p key={line}>{line}</p>
            ))}
          <label>
            <span>Reason (every trader sees it)</span>
            <textarea value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="button-row">
            <button
              type="button"
              className="button danger"
              disabled={busy || reason.trim() === ''}
              onClick={() => void act(() => api.engageKillSwitch(reason.trim(), flatten))}
            >
              {flatten ? 'Yes, stop every bot and flatten' : 'Yes, pause every bot'}
            </button>
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
