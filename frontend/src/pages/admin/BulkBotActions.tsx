import { useState } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../components/ui';

export type BulkAction = 'start' | 'pause' | 'stop' | 'flatten';

const LABELS: Record<BulkAction, string> = {
  start: 'Start',
  pause: 'Pause',
  stop: 'Stop',
  flatten: 'Stop and flatten',
};

const DONE: Record<BulkAction, string> = {
  start: 'started',
  pause: 'paused',
  stop: 'stopped',
  flatten: 'stopped and flattened',
};

/** What the admin is asked before a bulk action on these traders' bots: who, and what follows for positions. */
export function bulkQuestion(action: BulkAction, usernames: string[]): string {
  const who = usernames.join(', ');
  switch (action) {
    case 'start':
      return `Start the bots of ${who} with their saved settings?`;
    case 'pause':
      return `Pause the bots of ${who}? They open nothing new until resumed; positions stay open at BingX with their stop-loss and take-profit.`;
    case 'stop':
      return `Stop the bots of ${who}? They make no more decisions; positions they hold stay open at BingX, protected only by their stop-loss and take-profit orders.`;
    case 'flatten':
      return `Stop the bots of ${who} and close every open position at market?`;
  }
}

/**
 * Bulk operations on the selected traders' bots, one request per trader (each recorded with the admin as
 * actor, as from the trader's own dashboard), asked first; says for each trader whether it was done.
 */
export function BulkBotActions({
  selected,
  onDone,
}: {
  selected: { id: string; username: string }[];
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ username: string; ok: boolean; text: string }[]>([]);

  async function run(action: BulkAction) {
    if (
      !window.confirm(
        bulkQuestion(
          action,
          selected.map((s) => s.username),
        ),
      )
    )
      return;
    setBusy(true);
    const results: { username: string; ok: boolean; text: string }[] = [];
    for (const trader of selected) {
      try {
        await (action === 'flatten'
          ? api.botCommand(trader.id, 'stop', true)
          : api.botCommand(trader.id, action, false));
        results.push({ username: trader.username, ok: true, text: DONE[action] });
      } catch (e) {
        results.push({ username: trader.username, ok: false, text: describeError(e) });
      }
    }
    setOutcome(results);
    setBusy(false);
    onDone();
  }

  return (
    <section className="card bulk-actions" aria-label="Bulk actions">
      <div className="button-row">
        <span className="muted small">
          {selected.length === 0
            ? 'Select traders below to act on their bots together.'
            : `${selected.length} selected:`}
        </span>
        {(Object.keys(LABELS) as BulkAction[]).map((action) => (
          <button
            key={action}
            type="button"
            className={`button small${action === 'flatten' ? ' danger' : ''}`}
            disabled={busy || selected.length === 0}
            onClick={() => void run(action)}
          >
            {LABELS[action]}
          </button>
        ))}
      </div>
      {outcome.length > 0 && (
        <ul className="bulk-outcome" role="status" aria-label="Bulk action results">
          {outcome.map((o) => (
            <li key={o.username} className={o.ok ? 'positive' : 'negative'}>
              {o.username}: {o.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
