import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Branding, MailServer, PlatformSettings, Settings } from '../../api/types';
import { Async, describeError, Notice, Time, type NoticeMessage } from '../../components/ui';
import { DEFAULT_BRANDING, LOGO_TYPES, MAX_LOGO_BYTES, useBranding } from '../../lib/branding';
import { TIMEFRAMES } from '../../lib/settingsRules';
import { useResource } from '../../lib/useResource';
import { SettingsEditor } from '../profile/SettingsForm';

/** A server refusal's field messages by field, or none. */
function fieldErrors(e: unknown): Record<string, string> {
  return e instanceof ApiError ? Object.fromEntries(e.errors.map((x) => [x.field, x.message])) : {};
}

/**
 * The platform's settings for admins: maintenance mode, the symbols and timeframes traders may choose, the trading
 * settings new traders start with, the SMTP server of e-mail notifications and the brand (white label). Every change is recorded in the audit
 * log with who, why, before and after.
 */
export function AdminSettingsPage() {
  const settings = useResource(() => api.platformSettings(), 'platform-settings');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Platform settings</h1>
      </header>
      <p className="hint">
        Every change here is recorded in the audit log with who made it, why, and the values before and after.
      </p>
      <Async of={settings}>
        {(current) => (
          <>
            <MaintenanceCard current={current} onChanged={(v) => settings.setData(() => v)} />
            <MarketsCard current={current} onChanged={(v) => settings.setData(() => v)} />
            <DefaultsCard current={current} onChanged={(v) => settings.setData(() => v)} />
            <MailServerCard current={current} onChanged={(v) => settings.setData(() => v)} />
            <BrandingCard current={current} onChanged={(v) => settings.setData(() => v)} />
          </>
        )}
      </Async>
    </div>
  );
}

type CardProps = { current: PlatformSettings; onChanged: (v: PlatformSettings) => void };

/** The optional reason every settings change carries into the audit log. */
function ReasonField({
  id,
  label = 'Reason (optional)',
  value,
  onChange,
}: {
  id: string;
  label?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Maintenance mode: switched on with a reason every trader sees, and off again. */
function MaintenanceCard({ current, onChanged }: CardProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const on = !current.maintenance;
    if (on && !reason.trim()) {
      setError('is required: say why the platform is in maintenance');
      return;
    }
    setBusy(true);
    setError(undefined);
    setMessage(null);
    try {
      const saved = await api.setMaintenance(on, reason.trim() || undefined);
      onChanged(saved);
      setReason('');
      setMessage({ tone: 'positive', text: on ? 'Maintenance mode is on.' : 'Maintenance mode is off.' });
    } catch (e) {
      setError(fieldErrors(e).reason);
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="maintenance-title">
      <header className="card-header">
        <h2 id="maintenance-title">Maintenance mode</h2>
      </header>
      <p>
        {current.maintenance ? (
          <>
            <strong>On</strong> since <Time value={current.maintenanceSince} />: {current.maintenanceReason}
          </>
        ) : (
          <strong>Off</strong>
        )}
      </p>
      <p className="hint">
        While on, bots open no new positions (each skipped entry is in the trader&apos;s decision log with the reason);
        exits, stop-losses and take-profits still run, and bots may be started and resumed. Every trader sees the reason
        in a banner. For an emergency use the emergency stop on the overview instead.
      </p>
      <form onSubmit={submit} noValidate className="form" aria-label="Maintenance mode">
        <div className={`field ${error ? 'has-error' : ''}`}>
          <label htmlFor="maintenance-reason">
            {current.maintenance ? 'Reason for switching it off (optional)' : 'Reason (shown to every trader)'}
          </label>
          <input
            id="maintenance-reason"
            type="text"
            maxLength={500}
            value={reason}
            aria-invalid={!!error}
            aria-describedby={error ? 'maintenance-reason-error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {error && (
            <small id="maintenance-reason-error" className="field-error">
              {error}
            </small>
          )}
        </div>
        <Notice message={message} />
        <button type="submit" className={`button ${current.maintenance ? 'primary' : 'danger'}`} disabled={busy}>
          {current.maintenance ? 'Switch maintenance off' : 'Switch maintenance on'}
        </button>
      </form>
    </section>
  );
}

/** The symbols and timeframes traders may choose; none listed or ticked: every one. */
function MarketsCard({ current, onChanged }: CardProps) {
  const [symbols, setSymbols] = useState(current.allowedSymbols.join(', '));
  const [timeframes, setTimeframes] = useState<string[]>(current.allowedTimeframes);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    const list = symbols
      .split(/[\s,]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    try {
      const saved = await api.setAllowedMarkets(list, timeframes, reason.trim() || undefined);
      onChanged(saved);
      setSymbols(saved.allowedSymbols.join(', '));
      setTimeframes(saved.allowedTimeframes);
      setReason('');
      setMessage({ tone: 'positive', text: 'Allowed markets saved.' });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="markets-title">
      <header className="card-header">
        <h2 id="markets-title">Allowed symbols and timeframes</h2>
      </header>
      <p className="hint">
        Traders can choose only these. Leave the symbols empty and no timeframe ticked to allow every one. A trader
        whose settings already hold something a new restriction leaves out keeps it (a running bot keeps trading it),
        but cannot add anything else outside it, and cannot start a bot until the settings are within it. The defaults
        for new traders must stay within it: change them first.
      </p>
      <form onSubmit={submit} noValidate className="form" aria-label="Allowed markets">
        <div className={`field ${errors.symbols ? 'has-error' : ''}`}>
          <label htmlFor="allowed-symbols">Symbols</label>
          <input
            id="allowed-symbols"
            type="text"
            value={symbols}
            placeholder="every symbol"
            aria-invalid={!!errors.symbols}
            aria-describedby="allowed-symbols-help"
            onChange={(e) => setSymbols(e.target.value)}
          />
          <small id="allowed-symbols-help" className={errors.symbols ? 'field-error' : 'hint'}>
            {errors.symbols ?? 'Comma-separated, e.g. BTC-USDT, ETH-USDT; empty: every symbol'}
          </small>
        </div>
        <fieldset className={`choices ${errors.timeframes ? 'has-error' : ''}`}>
          <legend>Timeframes (none ticked: every timeframe)</legend>
          {TIMEFRAMES.map((t) => (
            <label key={t} className="check">
              <input
                type="checkbox"
                name="timeframes"
                value={t}
                checked={timeframes.includes(t)}
                onChange={(e) =>
                  setTimeframes((now) =>
                    e.target.checked
                      ? TIMEFRAMES.filter((x) => x === t || now.includes(x))
                      : now.filter((x) => x !== t),
                  )
                }
              />{' '}
              {t}
            </label>
          ))}
          {errors.timeframes && <small className="field-error">{errors.timeframes}</small>}
        </fieldset>
        <ReasonField id="markets-reason" value={reason} onChange={setReason} />
        <Notice message={message} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save allowed markets'}
        </button>
      </form>
    </section>
  );
}

/** The trading settings every user registered from now on starts with; existing users keep theirs. */
function DefaultsCard({ current, onChanged }: CardProps) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);

  async function save(settings: Settings): Promise<Settings> {
    const saved = await api.setNewTraderDefaults(settings, reason.trim() || undefined);
    onChanged(saved);
    setReason('');
    return saved.newTraderDefaults as Settings;
  }

  async function restore() {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.setNewTraderDefaults(null, reason.trim() || undefined);
      onChanged(saved);
      setReason('');
      setGeneration((g) => g + 1);
      setMessage({ tone: 'positive', text: 'New traders start with the built-in defaults again.' });
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="defaults-title">
      <header className="card-header">
        <h2 id="defaults-title">Defaults for new traders</h2>
      </header>
      <p className="hint">
        {current.builtInDefaults
          ? 'New traders start with the built-in defaults shown here.'
          : 'New traders start with these settings (set by an admin).'}{' '}
        Existing traders keep their own settings.
      </p>
      <ReasonField id="defaults-reason" label="Reason for the change (optional)" value={reason} onChange={setReason} />
      <SettingsEditor
        key={generation}
        initial={current.newTraderDefaults as Settings}
        allowed={{ symbols: current.allowedSymbols, timeframes: current.allowedTimeframes }}
        save={save}
        onSaved={() => undefined}
        savedText="Defaults saved: traders created from now on start with them."
        label="Defaults for new traders"
      />
      {!current.builtInDefaults && (
        <div className="button-row">
          <Notice message={message} />
          <button type="button" className="button" disabled={busy} onClick={() => void restore()}>
            Restore the built-in defaults
          </button>
        </div>
      )}
      {current.builtInDefaults && <Notice message={message} />}
    </section>
  );
}

/** Where the SMTP server in use comes from, in a sentence. */
function mailSource(mail: MailServer): string {
  const where = `${mail.host ?? ''}:${mail.port ?? ''}`;
  const login = mail.username ? `, logging in as ${mail.username}${mail.passwordSet ? ' with a password' : ''}` : '';
  switch (mail.source) {
    case 'SETTINGS':
      return `The server set here: ${where}${login}.`;
    case 'PROPERTIES':
      return `The operator's configuration (trenddesk.notifications.smtp.*): ${where}${login}.`;
    default:
      return 'None: traders cannot switch e-mail notifications on until a server is set here or by the operator.';
  }
}

/**
 * The SMTP server e-mail notifications go through: set here it replaces the operator's configuration, which applies
 * again when it is cleared. The password is write-only: encrypted by the server at once, never shown again.
 */
function MailServerCard({ current, onChanged }: CardProps) {
  const mail = current.mailServer;
  const own = mail.source === 'SETTINGS';
  const [host, setHost] = useState(own ? (mail.host ?? '') : '');
  const [port, setPort] = useState(own && mail.port ? String(mail.port) : '587');
  const [username, setUsername] = useState(own ? (mail.username ?? '') : '');
  const [from, setFrom] = useState(own ? (mail.from ?? '') : '');
  const [starttls, setStarttls] = useState(own ? mail.starttls !== false : true);
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<NoticeMessage>) {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      setMessage(await action());
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const portNumber = Number(port);
    if (!host.trim() || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      setErrors({
        ...(host.trim() ? {} : { 'mailServer.host': 'is required' }),
        ...(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535
          ? {}
          : { 'mailServer.port': 'must be between 1 and 65535' }),
      });
      return;
    }
    void run(async () => {
      const saved = await api.setMailServer(
        {
          host: host.trim(),
          port: portNumber,
          username: username.trim() || undefined,
          from: from.trim() || undefined,
          starttls,
          password: password || undefined,
          clearPassword: clearPassword || undefined,
        },
        reason.trim() || undefined,
      );
      onChanged(saved);
      setPassword('');
      setClearPassword(false);
      setReason('');
      return { tone: 'positive', text: 'Mail server saved: e-mail goes through it from the next message.' };
    });
  }

  function revertToOperator() {
    void run(async () => {
      const saved = await api.setMailServer(null, reason.trim() || undefined);
      onChanged(saved);
      setReason('');
      return {
        tone: 'positive',
        text:
          saved.mailServer.source === 'NONE'
            ? 'Cleared: there is no operator configuration, so e-mail notifications are not offered.'
            : "Cleared: the operator's configuration applies again.",
      };
    });
  }

  function sendTest() {
    void run(async () => {
      const result = await api.sendTestMail();
      return result.delivered
        ? { tone: 'positive', text: `Test e-mail accepted by the server for ${result.to}.` }
        : { tone: 'error', text: `The server did not accept the test e-mail for ${result.to}: ${result.error ?? ''}` };
    });
  }

  const field = (name: string) => errors[`mailServer.${name}`];
  const input = (
    id: string,
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { type?: string; placeholder?: string; help?: string; autoComplete?: string } = {},
  ) => (
    <div className={`field ${field(name) ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={extra.type ?? 'text'}
        value={value}
        placeholder={extra.placeholder}
        autoComplete={extra.autoComplete ?? 'off'}
        aria-invalid={!!field(name)}
        aria-describedby={field(name) || extra.help ? `${id}-help` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {(field(name) || extra.help) && (
        <small id={`${id}-help`} className={field(name) ? 'field-error' : 'hint'}>
          {field(name) ?? extra.help}
        </small>
      )}
    </div>
  );

  return (
    <section className="card" aria-labelledby="mail-title">
      <header className="card-header">
        <h2 id="mail-title">E-mail server (SMTP)</h2>
      </header>
      <p>
        <strong>In use:</strong> {mailSource(mail)}
        {mail.updatedAt && (
          <>
            {' '}
            Last changed here <Time value={mail.updatedAt} />.
          </>
        )}
      </p>
      <p className="hint">
        Traders&apos; e-mail notifications go through this server. Set here, it replaces the operator&apos;s
        configuration; cleared, that applies again. The password is encrypted at once and never shown again: leave it
        empty to keep the one set.
      </p>
      <form onSubmit={submit} noValidate className="form" aria-label="E-mail server">
        {input('mail-host', 'host', 'Host', host, setHost, { placeholder: 'smtp.example.com' })}
        {input('mail-port', 'port', 'Port', port, setPort, { type: 'number', help: '587 for STARTTLS, 25 plain' })}
        {input('mail-username', 'username', 'Login (optional)', username, setUsername)}
        {input('mail-password', 'password', 'Password', password, setPassword, {
          type: 'password',
          autoComplete: 'new-password',
          placeholder: own && mail.passwordSet ? 'unchanged' : 'none',
        })}
        {own && mail.passwordSet && (
          <label className="check">
            <input type="checkbox" checked={clearPassword} onChange={(e) => setClearPassword(e.target.checked)} />{' '}
            Remove the password (log in without one)
          </label>
        )}
        {input('mail-from', 'from', 'Sender address (optional)', from, setFrom, {
          placeholder: 'alerts@example.com',
          help: 'Empty: trenddesk@ followed by the host',
        })}
        <label className="check">
          <input type="checkbox" checked={starttls} onChange={(e) => setStarttls(e.target.checked)} /> Require STARTTLS
          (and check the server&apos;s certificate)
        </label>
        <ReasonField id="mail-reason" value={reason} onChange={setReason} />
        <Notice message={message} />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            Save mail server
          </button>
          {mail.source !== 'NONE' && (
            <button type="button" className="button" disabled={busy} onClick={sendTest}>
              Send a test e-mail to my address
            </button>
          )}
          {own && (
            <button type="button" className="button" disabled={busy} onClick={revertToOperator}>
              Use the operator&apos;s configuration
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** The file's bytes in base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.readAsDataURL(file);
  });
}

/**
 * The brand (white label): product name, primary colour, support e-mail, legal footer and logo, shown on the login
 * page, in the header and footer, the page title and the e-mails. The server refuses a colour the dark theme's text
 * would not be readable on, and any logo but PNG, JPEG or WebP up to 100 KiB.
 */
function BrandingCard({ current, onChanged }: CardProps) {
  const brand: Branding = { ...DEFAULT_BRANDING, ...current.branding };
  const { setBranding } = useBranding();
  const [productName, setProductName] = useState(brand.productName);
  const [primaryColor, setPrimaryColor] = useState(brand.primaryColor);
  const [supportEmail, setSupportEmail] = useState(brand.supportEmail ?? '');
  const [legalFooter, setLegalFooter] = useState(brand.legalFooter ?? '');
  const [logo, setLogo] = useState<{ base64: string; preview: string } | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<PlatformSettings>, done: string) {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const saved = await action();
      onChanged(saved);
      setBranding({ ...DEFAULT_BRANDING, ...saved.branding });
      setReason('');
      setMessage({ tone: 'positive', text: done });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!productName.trim()) {
      setErrors({ 'branding.productName': 'is required' });
      return;
    }
    if (!/^#[0-9a-fA-F]{6}$/.test(primaryColor.trim())) {
      setErrors({ 'branding.primaryColor': 'must be a colour like #4c9aff (#RRGGBB)' });
      return;
    }
    void run(
      () =>
        api.setBranding(
          {
            productName: productName.trim(),
            primaryColor: primaryColor.trim(),
            supportEmail: supportEmail.trim() || undefined,
            legalFooter: legalFooter.trim() || undefined,
          },
          reason.trim() || undefined,
        ),
      'Brand saved: everyone sees it from their next page load.',
    );
  }

  function resetBrand() {
    void run(async () => {
      const saved = await api.setBranding(null, reason.trim() || undefined);
      const b = { ...DEFAULT_BRANDING, ...saved.branding };
      setProductName(b.productName);
      setPrimaryColor(b.primaryColor);
      setSupportEmail(b.supportEmail ?? '');
      setLegalFooter(b.legalFooter ?? '');
      return saved;
    }, 'The default brand applies again.');
  }

  async function pickLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setLogo(null);
    setErrors({});
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) {
      setErrors({ logo: 'must be a PNG, JPEG or WebP image (SVG is refused: it can carry script)' });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setErrors({ logo: `is ${file.size} bytes: at most ${MAX_LOGO_BYTES} bytes (100 KiB)` });
      return;
    }
    const base64 = await readBase64(file);
    setLogo({ base64, preview: `data:${file.type};base64,${base64}` });
  }

  function uploadLogo() {
    if (!logo) return;
    void run(async () => {
      const saved = await api.setLogo(logo.base64, reason.trim() || undefined);
      setLogo(null);
      return saved;
    }, 'Logo saved.');
  }

  function removeLogo() {
    void run(() => api.setLogo(null, reason.trim() || undefined), 'Logo removed.');
  }

  const error = (name: string) => errors[name];
  const help = (id: string, name: string, text?: string) =>
    (error(name) || text) && (
      <small id={`${id}-help`} className={error(name) ? 'field-error' : 'hint'}>
        {error(name) ?? text}
      </small>
    );

  return (
    <section className="card" aria-labelledby="branding-title">
      <header className="card-header">
        <h2 id="branding-title">Branding</h2>
      </header>
      <p className="hint">
        The product name, colour, support address and legal footer shown on the login page, in the header and footer and
        in e-mails. The colour must keep the dark theme&apos;s button text readable (WCAG contrast at least 4.5).
      </p>
      <form onSubmit={submit} noValidate className="form" aria-label="Branding">
        <div className={`field ${error('branding.productName') ? 'has-error' : ''}`}>
          <label htmlFor="brand-name">Product name</label>
          <input
            id="brand-name"
            type="text"
            maxLength={40}
            value={productName}
            aria-invalid={!!error('branding.productName')}
            aria-describedby={error('branding.productName') ? 'brand-name-help' : undefined}
            onChange={(e) => setProductName(e.target.value)}
          />
          {help('brand-name', 'branding.productName')}
        </div>
        <div className={`field ${error('branding.primaryColor') ? 'has-error' : ''}`}>
          <label htmlFor="brand-color">Primary colour</label>
          <div className="button-row">
            <input
              aria-label="Pick the primary colour"
              type="color"
              value={/^#[0-9a-fA-F]{6}$/.test(primaryColor) ? primaryColor : '#4c9aff'}
              onChange={(e) => setPrimaryColor(e.target.value)}
            />
            <input
              id="brand-color"
              type="text"
              maxLength={7}
              value={primaryColor}
              aria-invalid={!!error('branding.primaryColor')}
              aria-describedby="brand-color-help"
              onChange={(e) => setPrimaryColor(e.target.value)}
            />
          </div>
          {help('brand-color', 'branding.primaryColor', '#RRGGBB, for buttons and links')}
        </div>
        <div className={`field ${error('branding.supportEmail') ? 'has-error' : ''}`}>
          <label htmlFor="brand-support">Support e-mail (optional)</label>
          <input
            id="brand-support"
            type="email"
            value={supportEmail}
            aria-invalid={!!error('branding.supportEmail')}
            aria-describedby={error('branding.supportEmail') ? 'brand-support-help' : undefined}
            onChange={(e) => setSupportEmail(e.target.value)}
          />
          {help('brand-support', 'branding.supportEmail')}
        </div>
        <div className={`field ${error('branding.legalFooter') ? 'has-error' : ''}`}>
          <label htmlFor="brand-footer">Legal footer (optional)</label>
          <textarea
            id="brand-footer"
            maxLength={500}
            rows={3}
            value={legalFooter}
            aria-invalid={!!error('branding.legalFooter')}
            aria-describedby="brand-footer-help"
            onChange={(e) => setLegalFooter(e.target.value)}
          />
          {help('brand-footer', 'branding.legalFooter', 'Plain text, at most 500 characters')}
        </div>
        <ReasonField id="brand-reason" value={reason} onChange={setReason} />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            Save brand
          </button>
          <button type="button" className="button" disabled={busy} onClick={resetBrand}>
            Use the default brand
          </button>
        </div>
        <div className={`field ${error('logo') ? 'has-error' : ''}`}>
          <label htmlFor="brand-logo">Logo</label>
          {(logo?.preview ?? brand.logoUrl) && (
            <img className="logo-preview" src={logo?.preview ?? brand.logoUrl} alt="Logo preview" />
          )}
          <input
            id="brand-logo"
            type="file"
            accept={LOGO_TYPES.join(',')}
            aria-invalid={!!error('logo')}
            aria-describedby="brand-logo-help"
            onChange={(e) => void pickLogo(e)}
          />
          {help('brand-logo', 'logo', 'PNG, JPEG or WebP, at most 100 KiB')}
        </div>
        <Notice message={message} />
        <div className="button-row">
          <button type="button" className="button" disabled={busy || !logo} onClick={uploadLogo}>
            Upload logo
          </button>
          {brand.logoUrl && (
            <button type="button" className="button" disabled={busy} onClick={removeLogo}>
              Remove logo
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
