import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, api } from '../../api/client';
import type { AllowedMarkets, PlanLimits, Settings } from '../../api/types';
import { planAllows } from '../../lib/plans';
import { describeError, Field, Notice, type NoticeMessage } from '../../components/ui';
import { useLeaveGuard } from '../../lib/router';
import {
  appliesTo,
  EMA_PERIODS,
  fromForm,
  parseSymbols,
  PERIOD_FIELDS,
  POSITION_MODES,
  RANGES,
  STRATEGIES,
  STRATEGY_FIELDS,
  TIMEFRAMES,
  toForm,
  violations,
  type PeriodField,
  type SettingsForm,
} from '../../lib/settingsRules';
import { STRATEGY_NAMES } from '../../lib/strategies';

const LABELS: Record<string, string> = {
  maxPositions: 'Max open positions',
  riskPerTradePct: 'Risk per trade (%)',
  dailyLossLimitPct: 'Daily loss limit (%)',
  maxDrawdownPct: 'Max drawdown (%)',
  leverage: 'Leverage (×)',
  adxThreshold: 'ADX threshold',
  signalConfidence: 'Min. signal confidence',
  emaFast: 'Fast EMA period',
  emaSlow: 'Slow EMA period',
  stopAtr: 'Stop distance (× ATR)',
  takeProfitR: 'Take profit (× stop distance)',
};

const HINTS: Record<string, string> = {
  emaFast: 'candles',
  emaSlow: 'candles; longer than the fast EMA',
};

/** The settings every strategy uses, typed into number fields, in the form's order. */
const SHARED_NUMBERS = (Object.keys(RANGES) as (keyof typeof RANGES)[]).filter((field) =>
  Object.values(STRATEGY_FIELDS).every((own) => !own.includes(field)),
);

/** What of these settings the platform's allowed markets leave out (empty lists allow every one). */
export function outsideAllowed(settings: { symbols: string[]; timeframe: string }, allowed?: AllowedMarkets) {
  if (!allowed) return { symbols: [] as string[], timeframe: false };
  return {
    symbols: allowed.symbols.length ? settings.symbols.filter((s) => !allowed.symbols.includes(s)) : [],
    timeframe: allowed.timeframes.length > 0 && !allowed.timeframes.includes(settings.timeframe as never),
  };
}

/**
 * The trading settings form: a strategy picker, the picked strategy's own settings, the settings every
 * strategy shares; checks the API's rules before sending and shows the server's field errors. With the platform's
 * allowed markets it offers only the allowed symbols and timeframes; values the saved settings already have that a
 * later restriction leaves out stay (marked), as the server keeps them. {@code save} defaults to the trader's own
 * settings (an admin's page saves the defaults for new traders with the same form).
 */
export function SettingsEditor({
  initial,
  onSaved,
  allowed,
  save = api.updateSettings,
  savedText = 'Settings saved. A running bot uses them from its next decision.',
  label = 'Trading settings',
  plan,
}: {
  initial: Settings;
  onSaved: (s: Settings) => void;
  allowed?: AllowedMarkets;
  /** The trader's plan: choices outside it are disabled with an "Upgrade to use" hint (docs/plans.md). */
  plan?: { name: string; limits: PlanLimits };
  save?: (s: Settings) => Promise<Settings>;
  savedText?: string;
  label?: string;
}) {
  const [form, setForm] = useState<SettingsForm>(() => toForm(initial));
  const [stored, setStored] = useState<SettingsForm>(() => toForm(initial));
  const unsaved = JSON.stringify(form) !== JSON.stringify(stored);
  useLeaveGuard(unsaved ? 'Your trading settings are not saved. Leave this page and lose the changes?' : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof SettingsForm, value: string) => setForm((f) => ({ ...f, [field]: value }));

  /** A problem in a setting the picked strategy does not show, named so that it can be found. */
  function hiddenProblems(found: Record<string, string>): string {
    return Object.entries(found)
      .filter(([field]) => field in form && !appliesTo(field as keyof SettingsForm, form.strategy))
      .map(([field, text]) => {
        const owner = Object.entries(STRATEGY_FIELDS).find(([, fields]) =>
          fields.includes(field as keyof SettingsForm),
        )?.[0];
        const name = owner ? STRATEGY_NAMES[owner as keyof typeof STRATEGY_NAMES] : undefined;
        return ` ${LABELS[field] ?? field} ${text}${name ? ` (a setting of ${name})` : ''}.`;
      })
      .join('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = violations(form);
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) {
      setMessage({ tone: 'error', text: `Some values are outside their allowed range.${hiddenProblems(found)}` });
      return;
    }
    setBusy(true);
    try {
      const saved = await save(fromForm(form));
      setForm(toForm(saved));
      setStored(toForm(saved));
      onSaved(saved);
      setMessage({ tone: 'positive', text: savedText });
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? Object.fromEntries(e.errors.map((x) => [x.field, x.message])) : {};
      if (e instanceof ApiError && e.errors.length) setErrors(fieldErrors);
      setMessage({ tone: 'error', text: `${describeError(e)}${hiddenProblems(fieldErrors)}` });
    } finally {
      setBusy(false);
    }
  }

  function input(field: keyof SettingsForm): ReactNode {
    if ((PERIOD_FIELDS as readonly string[]).includes(field)) {
      return (
        <Field key={field} label={LABELS[field] ?? field} error={errors[field]} hint={HINTS[field]}>
          {(p) => (
            <select {...p} name={field} value={form[field]} onChange={(e) => set(field, e.target.value)}>
              {!EMA_PERIODS[field as PeriodField].includes(Number(form[field])) && (
                <option value={form[field]}>{form[field] || '—'}</option>
              )}
              {EMA_PERIODS[field as PeriodField].map((period) => (
                <option key={period} value={String(period)}>
                  {period}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    }
    const range = RANGES[field as keyof typeof RANGES];
    return (
      <Field key={field} label={LABELS[field] ?? field} error={errors[field]} hint={`${range.min} – ${range.max}`}>
        {(p) => (
          <input
            {...p}
            name={field}
            type="number"
            inputMode="decimal"
            min={range.min}
            max={range.max}
            step={range.step}
            value={form[field]}
            onChange={(e) => set(field, e.target.value)}
          />
        )}
      </Field>
    );
  }

  const own = STRATEGY_FIELDS[form.strategy as keyof typeof STRATEGY_FIELDS] ?? [];
  const chosen = parseSymbols(form.symbols);
  const savedSymbols = parseSymbols(stored.symbols);
  const restrictedSymbols = allowed?.symbols.length ? allowed.symbols : null;
  // the allowed symbols, and those the saved settings hold from before a restriction (they may stay)
  const symbolChoices = restrictedSymbols
    ? [...restrictedSymbols, ...savedSymbols.filter((s) => !restrictedSymbols.includes(s))]
    : [];
  const timeframeChoices = allowed?.timeframes.length
    ? TIMEFRAMES.filter((t) => allowed.timeframes.includes(t as never) || t === stored.timeframe)
    : TIMEFRAMES;
  const left = outsideAllowed({ symbols: savedSymbols, timeframe: stored.timeframe }, allowed);
  const leftOut = [...left.symbols, ...(left.timeframe ? [stored.timeframe] : [])];
  const inPlan = planAllows(plan?.limits);
  const upgrade = plan ? ` — upgrade from ${plan.name} to use` : '';
  // the plan's symbols offered as choices when the platform itself does not restrict symbols
  const planSymbols = !restrictedSymbols && plan?.limits.symbols.length ? plan.limits.symbols : null;
  const toggle = (symbol: string, on: boolean) =>
    set('symbols', (on ? [...chosen, symbol] : chosen.filter((s) => s !== symbol)).join(', '));
  return (
    <form onSubmit={submit} noValidate className="form settings-form" aria-label={label}>
      {leftOut.length > 0 && (
        <p className="notice warning" role="status">
          The platform no longer allows {leftOut.join(', ')}. A running bot keeps trading what it trades and you may
          keep {leftOut.length === 1 ? 'it' : 'them'} while saving other changes, but nothing else outside the allowed
          markets can be added, and a new bot start needs allowed symbols and timeframes only.
        </p>
      )}
      <div className="form-grid">
        <Field label="Strategy" error={errors.strategy}>
          {(p) => (
            <select {...p} name="strategy" value={form.strategy} onChange={(e) => set('strategy', e.target.value)}>
              {STRATEGIES.map((s) => (
                <option key={s} value={s} disabled={!inPlan.strategy(s) && s !== stored.strategy}>
                  {STRATEGY_NAMES[s]}
                  {inPlan.strategy(s) ? '' : upgrade}
                </option>
              ))}
            </select>
          )}
        </Field>
        {own.map(input)}
        {SHARED_NUMBERS.map(input)}
        <Field label="Position mode" error={errors.positionMode}>
          {(p) => (
            <select
              {...p}
              name="positionMode"
              value={form.positionMode}
              onChange={(e) => set('positionMode', e.target.value)}
            >
              {POSITION_MODES.map((m) => (
                <option key={m} value={m}>
                  {m === 'HEDGE' ? 'Hedge' : 'One-way'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Timeframe" error={errors.timeframe}>
          {(p) => (
            <select {...p} name="timeframe" value={form.timeframe} onChange={(e) => set('timeframe', e.target.value)}>
              {timeframeChoices.map((t) => (
                <option key={t} value={t} disabled={!inPlan.timeframe(t) && t !== stored.timeframe}>
                  {t}
                  {inPlan.timeframe(t) ? '' : upgrade}
                  {allowed?.timeframes.length && !allowed.timeframes.includes(t as never) ? ' (no longer allowed)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        {restrictedSymbols ? (
          <fieldset className={`choices ${errors.symbols ? 'has-error' : ''}`}>
            <legend>Symbols</legend>
            {symbolChoices.map((symbol) => (
              <label key={symbol} className="check">
                <input
                  type="checkbox"
                  name="symbols"
                  value={symbol}
                  checked={chosen.includes(symbol)}
                  disabled={!inPlan.symbol(symbol) && !savedSymbols.includes(symbol)}
                  onChange={(e) => toggle(symbol, e.target.checked)}
                />{' '}
                {symbol}
                {restrictedSymbols.includes(symbol) ? '' : ' (no longer allowed)'}
                {inPlan.symbol(symbol) ? '' : upgrade}
              </label>
            ))}
            {errors.symbols ? (
              <small className="field-error">{errors.symbols}</small>
            ) : (
              <small className="hint">The symbols the platform allows (1–10)</small>
            )}
          </fieldset>
        ) : planSymbols ? (
          <fieldset className={`choices ${errors.symbols ? 'has-error' : ''}`}>
            <legend>Symbols</legend>
            {[...planSymbols, ...savedSymbols.filter((s) => !planSymbols.includes(s))].map((symbol) => (
              <label key={symbol} className="check">
                <input
                  type="checkbox"
                  name="symbols"
                  value={symbol}
                  checked={chosen.includes(symbol)}
                  onChange={(e) => toggle(symbol, e.target.checked)}
                />{' '}
                {symbol}
                {planSymbols.includes(symbol) ? '' : ' (not in your plan: may stay)'}
              </label>
            ))}
            {errors.symbols ? (
              <small className="field-error">{errors.symbols}</small>
            ) : (
              <small className="hint">
                The symbols of your {plan?.name} plan (up to {plan?.limits.maxSymbolsPerBot} per bot). Upgrade to use
                other symbols.
              </small>
            )}
          </fieldset>
        ) : (
          <Field label="Symbols" error={errors.symbols} hint="Comma-separated, e.g. BTC-USDT, ETH-USDT (1–10)">
            {(p) => (
              <input {...p} name="symbols" value={form.symbols} onChange={(e) => set('symbols', e.target.value)} />
            )}
          </Field>
        )}
      </div>
      {plan && (
        <p className="hint" data-testid="plan-hint">
          Your {plan.name} plan allows leverage up to {plan.limits.maxLeverage}x and {plan.limits.maxSymbolsPerBot}{' '}
          symbol{plan.limits.maxSymbolsPerBot === 1 ? '' : 's'} per bot. Upgrade to use more.
        </p>
      )}
      <Notice message={message} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
