import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Delivery, NotificationKind, NotificationSettings, NotificationsRequest } from '../../api/types';
import { Async, Badge, describeError, Empty, Field, Notice, Time, type NoticeMessage } from '../../components/ui';
import { useResource } from '../../lib/useResource';

/** What each event choice means, in the order the card lists them. */
export const EVENT_LABELS: ReadonlyArray<[NotificationKind, string]> = [
  ['ENTRY', 'Entries (position opened)'],
  ['EXIT', 'Exits, with P&L'],
  ['ORDER_REJECTED', 'Order rejections'],
  ['RISK_STOP', 'Bot paused or stopped by a limit'],
  ['KEY_PROBLEM', 'BingX key problems'],
  ['SECURITY', 'Suspicious activity on your account'],
  ['DAILY_SUMMARY', "Daily summary (yesterday's trades, equity, open positions, bot status; after midnight UTC)"],
];

const DELIVERY_TONES: Record<string, string> = {
  DELIVERED: 'VERIFIED',
  RETRYING: 'PENDING',
  PENDING: 'PENDING',
  FAILED: 'FAILED',
  CANCELLED: 'STOPPED',
};

interface WebhookForm {
  on: boolean;
  enabled: boolean;
  url: string;
  secret: string;
  generateSecret: boolean;
  events: NotificationKind[];
}

interface TelegramForm {
  on: boolean;
  enabled: boolean;
  botToken: string;
  chatId: string;
  events: NotificationKind[];
}

interface EmailForm {
  on: boolean;
  enabled: boolean;
  events: NotificationKind[];
}

const CHANNEL_NAMES: Record<string, string> = { WEBHOOK: 'Webhook', TELEGRAM: 'Telegram', EMAIL: 'E-mail' };

function formsOf(s: NotificationSettings): { webhook: WebhookForm; telegram: TelegramForm; email: EmailForm } {
  return {
    webhook: {
      on: !!s.webhook,
      enabled: s.webhook?.enabled ?? true,
      url: s.webhook?.url ?? '',
      secret: '',
      generateSecret: false,
      events: (s.webhook?.events ?? ['ENTRY', 'EXIT']).filter((e) => e !== 'TEST'),
    },
    telegram: {
      on: !!s.telegram,
      enabled: s.telegram?.enabled ?? true,
      botToken: '',
      chatId: s.telegram?.chatId ?? '',
      events: (s.telegram?.events ?? ['ENTRY', 'EXIT']).filter((e) => e !== 'TEST'),
    },
    email: {
      on: !!s.email,
      enabled: s.email?.enabled ?? true,
      events: (s.email?.events ?? ['EXIT', 'DAILY_SUMMARY']).filter((e) => e !== 'TEST'),
    },
  };
}

/** Explains a delivery's outcome in a sentence: what the test button reports. */
export function explainDelivery(d: Delivery): NoticeMessage {
  switch (d.status) {
    case 'DELIVERED':
      return { tone: 'positive', text: 'Test message delivered.' };
    case 'FAILED':
      return { tone: 'error', text: `Test message failed: ${d.lastError ?? 'no answer'}.` };
    case 'RETRYING':
      return {
        tone: 'warning',
        text: `Test message not delivered yet (${d.lastError ?? 'no answer'}); it is tried again.`,
      };
    default:
      return { tone: 'warning', text: 'Test message queued; it has not been tried yet.' };
  }
}

function EventChoices({
  name,
  chosen,
  onChange,
}: {
  name: string;
  chosen: NotificationKind[];
  onChange: (events: NotificationKind[]) => void;
}) {
  return (
    <fieldset className="choices">
      <legend>Events sent to {name}</legend>
      {EVENT_LABELS.map(([kind, label]) => (
        <label key={kind} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(kind)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, kind] : chosen.filter((existing) => existing !== kind))
            }
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Notification channels (traders): a webhook signed with HMAC-SHA256, Telegram and e-mail to the account's
 * address (offered as unavailable when the server has no SMTP server), the events each gets,
 * "Send test" through the ordinary delivery path, and the recent deliveries. Secrets are never shown,
 * only their mask; a generated webhook secret is shown once, right after it was made.
 */
export function NotificationsCard() {
  const settings = useResource(() => api.notifications(), 'notifications');
  const deliveries = useResource(() => api.deliveries(20), 'deliveries');
  const [webhook, setWebhook] = useState<WebhookForm | null>(null);
  const [telegram, setTelegram] = useState<TelegramForm | null>(null);
  const [email, setEmail] = useState<EmailForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeMessage | null>(null);
  const [generated, setGenerated] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data && webhook === null) {
      const forms = formsOf(settings.data);
      setWebhook(forms.webhook);
      setTelegram(forms.telegram);
      setEmail(forms.email);
    }
  }, [settings.data, webhook]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!webhook || !telegram || !email) return;
    const body: NotificationsRequest = {};
    if (webhook.on) {
      body.webhook = {
        enabled: webhook.enabled,
        url: webhook.url.trim(),
        events: webhook.events,
        ...(webhook.secret ? { secret: webhook.secret } : {}),
        ...(webhook.generateSecret ? { generateSecret: true } : {}),
      };
    }
    if (telegram.on) {
      body.telegram = {
        enabled: telegram.enabled,
        chatId: telegram.chatId.trim(),
        events: telegram.events,
        ...(telegram.botToken ? { botToken: telegram.botToken.trim() } : {}),
      };
    }
    if (email.on) {
      body.email = { enabled: email.enabled, events: email.events };
    }
    setBusy('save');
    setMessage(null);
    setErrors({});
    try {
      const saved = await api.updateNotifications(body);
      settings.setData(() => saved);
      const forms = formsOf(saved);
      setWebhook(forms.webhook);
      setTelegram(forms.telegram);
      setEmail(forms.email);
      setGenerated(saved.generatedSecret ?? null);
      setMessage({ tone: 'positive', text: 'Notification settings saved.' });
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/\[\d+\]$/, ''), x.message])));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(null);
    }
  }

  async function test(channel: 'webhook' | 'telegram' | 'email') {
    setBusy(channel);
    setMessage(null);
    try {
      const delivery = await api.testNotification(channel);
      setMessage(explainDelivery(delivery));
      deliveries.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="notifications-title">
      <header className="card-header">
        <h2 id="notifications-title">Notifications</h2>
      </header>
      <Async of={settings}>
        {(current) =>
          webhook &&
          telegram &&
          email && (
            <form onSubmit={save} noValidate className="form">
              <fieldset>
                <legend>Webhook</legend>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={webhook.on}
                    onChange={(e) => setWebhook({ ...webhook, on: e.target.checked })}
                  />{' '}
                  Send to a webhook
                </label>
                {webhook.on && (
                  <>
                    <Field label="Webhook URL" error={errors['webhook.url']} hint="An https address that accepts POST.">
                      {(p) => (
                        <input
                          {...p}
                          type="url"
                          value={webhook.url}
                          onChange={(e) => setWebhook({ ...webhook, url: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field
                      label="Signing secret"
                      error={errors['webhook.secret']}
                      hint={
                        current.webhook?.secretMask
                          ? `Stored: ${current.webhook.secretMask}. Leave empty to keep it.`
                          : 'Leave empty to have one generated.'
                      }
                    >
                      {(p) => (
                        <input
                          {...p}
                          type="password"
                          autoComplete="off"
                          value={webhook.secret}
                          onChange={(e) => setWebhook({ ...webhook, secret: e.target.value })}
                        />
                      )}
                    </Field>
                    {current.webhook && (
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={webhook.generateSecret}
                          onChange={(e) => setWebhook({ ...webhook, generateSecret: e.target.checked })}
                        />{' '}
                        Generate a new secret
                      </label>
                    )}
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={webhook.enabled}
                        onChange={(e) => setWebhook({ ...webhook, enabled: e.target.checked })}
                      />{' '}
                      Webhook on
                    </label>
                    <EventChoices
                      name="the webhook"
                      chosen={webhook.events}
                      onChange={(events) => setWebhook({ ...webhook, events })}
                    />
                    {errors['webhook.events'] && <p className="field-error">{errors['webhook.events']}</p>}
                  </>
                )}
              </fieldset>
              <fieldset>
                <legend>Telegram</legend>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={telegram.on}
                    onChange={(e) => setTelegram({ ...telegram, on: e.target.checked })}
                  />{' '}
                  Send to Telegram
                </label>
                {telegram.on && (
                  <>
                    <Field
                      label="Bot token"
                      error={errors['telegram.botToken']}
                      hint={
                        current.telegram?.botTokenMask
                          ? `Stored: ${current.telegram.botTokenMask}. Leave empty to keep it.`
                          : 'From @BotFather, e.g. 123456:ABC…'
                      }
                    >
                      {(p) => (
                        <input
                          {...p}
                          type="password"
                          autoComplete="off"
                          value={telegram.botToken}
                          onChange={(e) => setTelegram({ ...telegram, botToken: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field
                      label="Chat id"
                      error={errors['telegram.chatId']}
                      hint="A number (negative for a group) or @channelname."
                    >
                      {(p) => (
                        <input
                          {...p}
                          value={telegram.chatId}
                          onChange={(e) => setTelegram({ ...telegram, chatId: e.target.value })}
                        />
                      )}
                    </Field>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={telegram.enabled}
                        onChange={(e) => setTelegram({ ...telegram, enabled: e.target.checked })}
                      />{' '}
                      Telegram on
                    </label>
                    <EventChoices
                      name="Telegram"
                      chosen={telegram.events}
                      onChange={(events) => setTelegram({ ...telegram, events })}
                    />
                  </>
                )}
              </fieldset>
              <fieldset>
                <legend>E-mail</legend>
                {current.emailAvailable ? (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={email.on}
                      onChange={(e) => setEmail({ ...email, on: e.target.checked })}
                    />{' '}
                    Send e-mail to {current.emailAddress ?? 'your account address'}
                  </label>
                ) : (
                  <p className="hint">
                    E-mail is unavailable: this server has no mail (SMTP) server configured. Ask the operator to set one
                    up.
                  </p>
                )}
                {email.on && (
                  <>
                    <p className="hint">
                      Sent to your account address, {current.emailAddress ?? 'not set'}; change it above and e-mail
                      follows.
                    </p>
                    {current.emailAvailable && (
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={email.enabled}
                          onChange={(e) => setEmail({ ...email, enabled: e.target.checked })}
                        />{' '}
                        E-mail on
                      </label>
                    )}
                    {errors['email.enabled'] && <p className="field-error">{errors['email.enabled']}</p>}
                    <EventChoices
                      name="e-mail"
                      chosen={email.events}
                      onChange={(events) => setEmail({ ...email, events })}
                    />
                    {errors['email.events'] && <p className="field-error">{errors['email.events']}</p>}
                  </>
                )}
              </fieldset>
              {generated && (
                <p className="notice warning" role="note">
                  Your new webhook secret (shown only now; keep it to verify signatures): <code>{generated}</code>
                </p>
              )}
              <Notice message={message} />
              <div className="actions">
                <button type="submit" className="button primary" disabled={busy !== null}>
                  {busy === 'save' ? 'Saving…' : 'Save notifications'}
                </button>
                {current.webhook && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() => void test('webhook')}
                  >
                    {busy === 'webhook' ? 'Sending…' : 'Send test to webhook'}
                  </button>
                )}
                {current.telegram && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() => void test('telegram')}
                  >
                    {busy === 'telegram' ? 'Sending…' : 'Send test to Telegram'}
                  </button>
                )}
                {current.email && (
                  <button type="button" className="button" disabled={busy !== null} onClick={() => void test('email')}>
                    {busy === 'email' ? 'Sending…' : 'Send test e-mail'}
                  </button>
                )}
              </div>
            </form>
          )
        }
      </Async>
      <h3>Recent deliveries</h3>
      <Async of={deliveries}>
        {(list) =>
          list.length === 0 ? (
            <Empty>No notifications sent yet.</Empty>
          ) : (
            <table className="table" aria-label="Recent deliveries">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Channel</th>
                  <th>What</th>
                  <th>Status</th>
                  <th>Attempts</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Time value={d.createdAt} />
                    </td>
                    <td>{CHANNEL_NAMES[d.channel] ?? d.channel}</td>
                    <td>{d.summary ?? d.kind}</td>
                    <td>
                      <Badge value={DELIVERY_TONES[d.status] ?? d.status} label={d.status} />
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </section>
  );
}
