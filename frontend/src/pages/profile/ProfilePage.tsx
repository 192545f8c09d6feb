import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { BingxConnection, Settings, User } from '../../api/types';
import { Async, Badge, describeError, ErrorBox, Field, Loading, Money, Time, Notice, type NoticeMessage } from '../../components/ui';
import { PasswordStrength } from '../../components/PasswordStrength';
import { useAuth } from '../../lib/auth';
import { fromForm, POSITION_MODES, RANGES, TIMEFRAMES, toForm, violations, type SettingsForm } from '../../lib/settingsRules';
import { useResource } from '../../lib/useResource';
import { ConnectBingxModal, EgressIps, explainConnection, explainFailure } from './ConnectBingxModal';

export function ProfilePage({ user }: { user: User }) {
  const isTrader = user.role === 'trader';
  return (
    <div className="page profile">
      <header className="page-header">
        <h1>Profile</h1>
      </header>
      <div className="grid two">
        <AccountInfo user={user} />
        <PasswordForm user={user} />
      </div>
      {isTrader && <BingxCard />}
      {isTrader && <SettingsCard />}
    </div>
  );
}

function AccountInfo({ user }: { user: User }) {
  return (
    <section className="card" aria-labelledby="info-title">
      <header className="card-header">
        <h2 id="info-title">Account</h2>
        <Badge value={user.role?.toUpperCase()} label={user.role} />
      </header>
      <dl className="facts">
        <div>
          <dt>Username</dt>
          <dd>{user.username}</dd>
        </div>
        <div>
          <dt>E-mail</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Trading permission</dt>
          <dd>{user.role === 'trader' ? (user.tradingEnabled ? 'Granted' : 'Not granted (ask an admin)') : 'Not applicable'}</dd>
        </div>
        <div>
          <dt>Last login</dt>
          <dd>
            <Time value={user.lastLoginAt} /> {user.lastLoginIp ? `from ${user.lastLoginIp}` : ''}
          </dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>
            <Time value={user.createdAt} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function PasswordForm({ user }: { user: User }) {
  const { logout } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = 'Enter your current password.';
    if (next.length < 12) found.newPassword = 'Use at least 12 characters.';
    if (next !== repeat) found.repeat = 'The two new passwords differ.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setMessage(null);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ tone: 'positive', text: 'Password changed.' });
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      if (e instanceof ApiError && e.status === 401) await logout();
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <header className="card-header">
        <h2 id="password-title">Change password</h2>
      </header>
      <form onSubmit={submit} noValidate className="form">
        <Field label="Current password" error={errors.currentPassword}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label="New password" error={errors.newPassword} hint="At least 12 characters, hard to guess: several uncommon words work well.">
          {(p) => <input {...p} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <PasswordStrength password={next} username={user.username} email={user.email} />
        <Field label="Repeat new password" error={errors.repeat}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        <Notice message={message} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

function BingxCard() {
  const connection = useResource<BingxConnection | null>(
    () =>
      api.bingx().catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    'bingx',
  );
  const [modal, setModal] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<NoticeMessage | null>(null);

  async function act(kind: 'test' | 'disconnect') {
    if (kind === 'disconnect' && !window.confirm('Disconnect BingX? The encrypted key is discarded; the bot cannot trade until you connect again.')) {
      return;
    }
    setBusy(kind);
    setMessage(null);
    try {
      if (kind === 'test') {
        const result = await api.testBingx();
        connection.setData(() => result);
        const explained = explainConnection(result);
        setMessage({ tone: explained.tone, text: explained.text });
      } else {
        await api.disconnectBingx();
        connection.reload();
        setMessage({ tone: 'neutral', text: 'Disconnected.' });
      }
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="bingx-title">
      <header className="card-header">
        <h2 id="bingx-title">BingX connection</h2>
        {connection.data && <Badge value={connection.data.status} />}
      </header>
      <Async of={{ ...connection, data: connection.data ?? undefined }}>
        {(c) => (
          <dl className="facts">
            <div>
              <dt>API key</dt>
              <dd className="mono">{c.maskedApiKey ?? '—'}</dd>
            </div>
            <div>
              <dt>Account type</dt>
              <dd>{c.accountType ?? '—'}</dd>
            </div>
            <div>
              <dt>Balance</dt>
              <dd>
                <Money value={c.balance} currency={c.asset ?? 'USDT'} />
              </dd>
            </div>
            <div>
              <dt>Leverage</dt>
              <dd>{c.leverage ? `${c.leverage}×` : '—'}</dd>
            </div>
            <div>
              <dt>Position mode</dt>
              <dd>{c.positionMode ?? '—'}</dd>
            </div>
            <div>
              <dt>Last verified</dt>
              <dd>
                <Time value={c.lastVerifiedAt} />
              </dd>
            </div>
            {c.health?.status === 'UNHEALTHY' && (
              <div className="span">
                <dt>Health check</dt>
                <dd>{c.health.message ?? 'BingX refused the key at the last check.'}</dd>
              </div>
            )}
            {c.status === 'FAILED' && (
              <div className="span">
                <dt>Problem</dt>
                <dd>{explainConnection(c).text}</dd>
              </div>
            )}
            {c.status === 'VERIFIED' && c.readOnly && (
              <div className="span">
                <dt>Permissions</dt>
                <dd data-testid="read-only">{explainConnection({ ...c, pendingKey: undefined }).text}</dd>
              </div>
            )}
            {c.pendingKey && (
              <div className="span">
                <dt>New key {c.pendingKey.maskedApiKey}</dt>
                <dd data-testid="pending-key">
                  {c.pendingKey.status === 'FAILED'
                    ? `Refused: ${explainFailure({ failure: c.pendingKey.failure })} The key above stays active.`
                    : 'Being checked with BingX; the key above stays active until the new one is verified.'}
                </dd>
              </div>
            )}
            <div className="span">
              <dt>IP whitelist</dt>
              <dd data-testid="ip-whitelist">
                {c.status === 'VERIFIED' && c.ipWhitelist && c.ipWhitelist.length > 0 ? `On the key: ${c.ipWhitelist.join(', ')}. ` : ''}
                {c.status === 'VERIFIED' && !c.readOnly && c.ipWhitelist && c.ipWhitelist.length === 0
                  ? 'This key has no IP whitelist: BingX deletes trade-enabled keys without one after 14 days unused. '
                  : ''}
                <EgressIps ips={c.egressIps} />
              </dd>
            </div>
          </dl>
        )}
      </Async>
      {connection.data === null && !connection.loading && <p className="state state-empty">No BingX key connected yet.</p>}
      <div className="button-row">
        {connection.data && connection.data.status !== 'DISCONNECTED' ? (
          <>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void act('test')}>
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" className="button" onClick={() => setModal(true)}>
              Update key
            </button>
            <button type="button" className="button danger" disabled={busy !== null} onClick={() => void act('disconnect')}>
              Disconnect
            </button>
          </>
        ) : (
          <button type="button" className="button primary" onClick={() => setModal(true)} disabled={connection.loading && !connection.error}>
            Connect BingX
          </button>
        )}
      </div>
      <Notice message={message} />
      {modal && (
        <ConnectBingxModal
          onClose={() => setModal(false)}
          onConnected={(c) => connection.setData(() => c)}
          egressIps={connection.data?.egressIps}
        />
      )}
    </section>
  );
}

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

function SettingsCard() {
  const settings = useResource<Settings>(() => api.settings(), 'settings');
  return (
    <section className="card" aria-labelledby="settings-title">
      <header className="card-header">
        <h2 id="settings-title">Trading settings</h2>
      </header>
      {settings.data ? (
        <SettingsEditor initial={settings.data} onSaved={(s) => settings.setData(() => s)} />
      ) : settings.error ? (
        <ErrorBox error={settings.error} onRetry={settings.reload} />
      ) : (
        <Loading />
      )}
    </section>
  );
}

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
