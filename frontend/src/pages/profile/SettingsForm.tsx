import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Settings } from '../../api/types';
import { describeError, Field, Notice, type NoticeMessage } from '../../components/ui';
import { fromForm, POSITION_MODES, RANGES, TIMEFRAMES, toForm, violations, type SettingsForm } from '../../lib/settingsRules';

const LABELS: Record<string, string> = {
  maxPositions: 'Max open positions',
  riskPerTradePct: 'Risk per trade (%)',
  dailyLossLimitPct: 'Daily loss limit (%)',
  maxDrawdownPct: 'Max drawdown (%)',
  leverage: 'Leverage (×)',
  adxThreshold: 'ADX threshold',
  signalConfidence: 'Min. signal confidence',
  stopAtr: 'Stop distance (× ATR)',
  takeProfitR: 'Take profit (× stop distance)',
};

/** The trading settings form: checks the API's rules before sending, shows the server's field errors. */
export function SettingsEditor({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const [form, setForm] = useState<SettingsForm>(() => toForm(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof SettingsForm, value: string) => setForm((f) => ({ ...f, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = violations(form);
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) {
      setMessage({ tone: 'error', text: 'Some values are outside their allowed range.' });
      return;
    }
    setBusy(true);
    try {
      const saved = await api.updateSettings(fromForm(form));
      setForm(toForm(saved));
      onSaved(saved);
      setMessage({ tone: 'positive', text: 'Settings saved. A running bot uses them from its next decision.' });
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form settings-form" aria-label="Trading settings">
      <div className="form-grid">
        {Object.entries(RANGES).map(([field, range]) => (
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
                value={(form as Record<string, string>)[field]}
                onChange={(e) => set(field as keyof SettingsForm, e.target.value)}
              />
            )}
          </Field>
        ))}
        <Field label="Position mode" error={errors.positionMode}>
          {(p) => (
            <select {...p} name="positionMode" value={form.positionMode} onChange={(e) => set('positionMode', e.target.value)}>
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
              {TIMEFRAMES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Symbols" error={errors.symbols} hint="Comma-separated, e.g. BTC-USDT, ETH-USDT (1–10)">
          {(p) => <input {...p} name="symbols" value={form.symbols} onChange={(e) => set('symbols', e.target.value)} />}
        </Field>
      </div>
      <Notice message={message} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
