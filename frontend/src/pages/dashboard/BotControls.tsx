import { useState } from 'react';
import { api } from '../../api/client';
import type { BotLike, BotStatus, PlatformStatus } from '../../api/types';
import { haltSentence } from '../../components/PlatformHalt';
import { Badge, describeError, Time } from '../../components/ui';
import { describeStrategy } from '../../lib/strategies';

type Action = 'start' | 'pause' | 'resume' | 'stop' | 'flatten';

/** Which buttons a bot in this state offers. */
export function actionsFor(status: string | undefined): Action[] {
  switch (status) {
    case 'RUNNING':
      return ['pause', 'stop', 'flatten'];
    case 'PAUSED':
      return ['resume', 'stop', 'flatten'];
    default:
      return ['start'];
  }
}

/** The settings a bot runs with, in one line: strategy, symbols, timeframe, risk, limits, leverage and mode. */
export function describeSettings(settings: BotLike['settings']): string | null {
  if (!settings) return null;
  const adx = (settings.strategy ?? 'ADX_TREND') === 'ADX_TREND';
  const parts = [
    describeStrategy(settings),
    (settings.symbols ?? []).join(', '),
    settings.timeframe,
    settings.riskPerTradePct !== undefined ? `risk ${settings.riskPerTradePct} % per trade` : undefined,
    settings.maxPositions !== undefined ? `max ${settings.maxPositions} positions` : undefined,
    settings.dailyLossLimitPct !== undefined ? `daily loss limit ${settings.dailyLossLimitPct} %` : undefined,
    settings.maxDrawdownPct !== undefined ? `max drawdown ${settings.maxDrawdownPct} %` : undefined,
    settings.leverage !== undefined ? `leverage ${settings.leverage}×` : undefined,
    settings.positionMode,
    adx && settings.adxThreshold !== undefined ? `ADX ≥ ${settings.adxThreshold}` : undefined,
    adx && settings.signalConfidence !== undefined ? `confidence ≥ ${settings.signalConfidence}` : undefined,
    settings.stopAtr !== undefined ? `stop ${settings.stopAtr} ATR` : undefined,
    settings.takeProfitR !== undefined ? `target ${settings.takeProfitR} R` : undefined,
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(' · ');
}

const LABELS: Record<Action, string> = {
  start: 'Start bot',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  flatten: 'Stop and flatten',
};

/** Why a paused bot is paused, in words; the platform's own pauses say what lifts them. */
const PAUSE_REASONS: Record<string, string> = {
  TRADER: 'paused by hand; resume when you are ready',
  REJECTED_REPEATEDLY: 'BingX rejected the same order 3 times in a row; resume after checking why',
  CREDENTIALS: 'your BingX key stopped working; the bot resumes by itself when a key verifies',
  PLATFORM_HALT: 'an admin engaged the platform’s emergency stop; resume once it is released',
};

/** Start and resume are what a halt forbids; pausing and stopping stay possible. */
const HALTED_ACTIONS: ReadonlySet<Action> = new Set<Action>(['start', 'resume']);

/** What stopping means for the positions the bot holds, said before it is done. */
export function stopConsequence(openPositions: number): string {
  if (openPositions <= 0) return 'Stop the bot? It makes no more decisions; it holds no position now.';
  const held = openPositions === 1 ? 'The position it holds stays' : `The ${openPositions} positions it holds stay`;
  const their = openPositions === 1 ? 'its' : 'their';
  return (
    `Stop the bot? It makes no more decisions. ${held} open at BingX, protected only by ${their} ` +
    'stop-loss and take-profit orders; “Stop and flatten” closes them.'
  );
}

/** Bot status with start, pause, resume, stop and "stop and flatten" (closes every position first). */
export function BotControls({
  bot,
  userId,
  canControl,
  onChanged,
  platform,
}: {
  bot: BotLike | undefined;
  userId: string | null;
  canControl: boolean;
  onChanged: (bot: BotStatus | undefined) => void;
  /** the platform's kill switch: while halted, start and resume are disabled with its reason */
  platform?: PlatformStatus;
}) {
  const halted = platform?.halted ? platform : undefined;
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  // stop and "stop and flatten" are asked first: what follows is said before, not found out after
  const [confirming, setConfirming] = useState<'stop' | 'flatten' | null>(null);
  const status = bot?.status ?? 'STOPPED';

  async function run(action: Action, confirmed = false) {
    if ((action === 'flatten' || action === 'stop') && !confirmed) {
      setConfirming(action);
      return;
    }
    setConfirming(null);
    setBusy(action);
    setError(null);
    try {
      const result =
        action === 'flatten' ? await api.botCommand(userId, 'stop', true) : await api.botCommand(userId, action, false);
      onChanged(result ?? (await api.bot(userId).catch(() => undefined)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card bot-card" aria-labelledby="bot-title">
      <header className="card-header">
        <h2 id="bot-title">Bot</h2>
        <Badge value={status} />
      </header>
      <dl className="facts">
        <div>
          <dt>Started</dt>
          <dd>
            <Time value={bot?.startedAt} />
          </dd>
        </div>
        <div>
          <dt>Open positions</dt>
          <dd className="num">{bot?.openPositions ?? 0}</dd>
        </div>
        {status !== 'STOPPED' && bot?.settings && (
          <div>
            <dt title="a settings change reaches the running bot from its next candle">Runs with</dt>
            <dd className="runs-with">{describeSettings(bot.settings)}</dd>
          </div>
        )}
        {status === 'PAUSED' && bot?.pauseReason && (
          <div>
            <dt>Paused because</dt>
            <dd className="pause-reason">
              {PAUSE_REASONS[bot.pauseReason] ?? bot.pauseReason}
              {bot.pauseDetail ? ` (${bot.pauseDetail})` : ''}
            </dd>
          </div>
        )}
        {status === 'STOPPED' && bot?.stopReason && (
          <div>
            <dt>Stopped because</dt>
            <dd>
              {bot.stopReason}
              {bot.stopDetail ? `: ${bot.stopDetail}` : ''}
            </dd>
          </div>
        )}
      </dl>
      {canControl ? (
        <div className="button-row" role="group" aria-label="Bot controls">
          {actionsFor(status).map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${action === 'start' || action === 'resume' ? 'primary' : action === 'flatten' ? 'danger' : ''}`}
              disabled={busy !== null || (halted !== undefined && HALTED_ACTIONS.has(action))}
              title={halted && HALTED_ACTIONS.has(action) ? haltSentence(halted) : undefined}
              onClick={() => void run(action)}
            >
              {busy === action ? '…' : LABELS[action]}
            </button>
          ))}
          {halted && actionsFor(status).some((action) => HALTED_ACTIONS.has(action)) && (
            <span className="muted small halted-note">{haltSentence(halted)}</span>
          )}
        </div>
      ) : (
        <p className="muted">Read-only view.</p>
      )}
      {confirming === 'flatten' && (
        <div className="notice warning" role="alertdialog" aria-label="Confirm stop and flatten">
          <p>Stop the bot and close every open position at market?</p>
          <div className="button-row">
            <button type="button" className="button danger" onClick={() => void run('flatten', true)}>
              Yes, stop and flatten
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {confirming === 'stop' && (
        <div className="notice warning" role="alertdialog" aria-label="Confirm stop">
          <p>{stopConsequence(bot?.openPositions ?? 0)}</p>
          <div className="button-row">
            <button type="button" className="button danger" onClick={() => void run('stop', true)}>
              Yes, stop
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
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
