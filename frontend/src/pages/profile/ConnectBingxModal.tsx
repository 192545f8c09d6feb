import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { BingxConnection } from '../../api/types';
import { describeError, Modal } from '../../components/ui';

const KEY_PATTERN = /^[\x21-\x7e]{16,128}$/;

/** What a verification result means for the person, in words. */
export function explainConnection(connection: BingxConnection): {
  tone: 'positive' | 'warning' | 'negative';
  text: string;
} {
  const pending = connection.pendingKey;
  if (connection.status === 'VERIFIED' && pending?.status === 'FAILED') {
    return {
      tone: 'negative',
      text: `BingX refused your new key ${pending.maskedApiKey ?? ''}: ${explainFailure({ failure: pending.failure })} Your previous key ${connection.maskedApiKey ?? ''} stays active and the bot keeps trading with it.`,
    };
  }
  if (connection.status === 'VERIFIED' && pending?.status === 'PENDING') {
    return {
      tone: 'warning',
      text: `TrendDesk is checking your new key ${pending.maskedApiKey ?? ''} with BingX. Your current key stays active until the new one is verified.`,
    };
  }
  switch (connection.status) {
    case 'VERIFIED':
      if (connection.readOnly) {
        return {
          tone: 'warning',
          text: 'Connected and verified, but read-only: the key may read your account but not trade perpetual futures, so the bot cannot start. Enable Perpetual Futures trading for the key on BingX, then press “Test connection”.',
        };
      }
      return {
        tone: 'positive',
        text: `Connected and verified${connection.accountType ? ` (${connection.accountType} account)` : ''}. The bot can trade with this key.`,
      };
    case 'PENDING':
      return { tone: 'warning', text: 'Saved. TrendDesk is checking the key with BingX; this takes a few seconds.' };
    case 'FAILED':
      return { tone: 'negative', text: `BingX refused the key: ${explainFailure(connection)}` };
    default:
      return { tone: 'warning', text: 'No BingX key is connected.' };
  }
}

/** The server explains each failure itself (failure.message); a failure code without one is put in words here. */
export function explainFailure(connection: Partial<BingxConnection>): string {
  const failure = connection.failure;
  if (failure?.message) return failure.detail ? `${failure.message} (${failure.detail})` : failure.message;
  switch (failure?.code) {
    case 'BAD_API_KEY':
      return 'BingX does not know this API key (code 100413). Copy it again from the API management page.';
    case 'BAD_SIGNATURE':
      return 'the secret key does not match the API key (code 100001). Paste the secret again.';
    case 'IP_NOT_WHITELISTED':
      return "this server's IP address is not on the key's whitelist (code 100419). Add it in BingX's API settings.";
    case 'FUNDS_PERMISSION':
      return 'the key may withdraw or transfer funds. TrendDesk refuses such keys: create one with only read and Perpetual Futures trading permissions.';
    case 'NO_TRADE_PERMISSION':
      return 'the key has no perpetual futures trading permission (code 100004). Enable it for the key.';
    case 'EXCHANGE_UNREACHABLE':
      return 'BingX could not be reached. Try again in a few minutes.';
    default:
      return failure?.detail ?? 'unknown reason.';
  }
}

/** The server's egress IP addresses to whitelist on the key, or where to get them. */
export function EgressIps({ ips }: { ips?: string[] }) {
  if (!ips || ips.length === 0) {
    return (
      <span data-testid="egress-ips">
        Ask the operator of this TrendDesk for the server&apos;s IP address to whitelist.
      </span>
    );
  }
  return (
    <span data-testid="egress-ips">
      Whitelist {ips.length === 1 ? 'this IP address' : 'these IP addresses'}:{' '}
      {ips.map((ip, i) => (
        <span key={ip}>
          {i > 0 && ', '}
          <code>{ip}</code>
        </span>
      ))}
    </span>
  );
}

/** Connect a BingX API key: security notes, step-by-step guide, show/hide secret, connect and verify. */
export function ConnectBingxModal({
  onClose,
  onConnected,
  egressIps,
}: {
  onClose: () => void;
  onConnected: (c: BingxConnection) => void;
  egressIps?: string[];
}) {
  const [apiKey, setApiKey] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<BingxConnection | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!KEY_PATTERN.test(apiKey.trim())) found.apiKey = 'Paste the API key: 16 to 128 visible characters, no spaces.';
    if (!KEY_PATTERN.test(secretKey.trim()))
      found.secretKey = 'Paste the secret key: 16 to 128 visible characters, no spaces.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      let connection = await api.connectBingx({ apiKey: apiKey.trim(), secretKey: secretKey.trim() });
      // 200 carries the verification result; 202 means BingX is slow and the result follows
      // a new key replacing a verified one is checked beside it (pendingKey) while the old key stays active
      for (
        let i = 0;
        i < 30 && (connection?.status === 'PENDING' || connection?.pendingKey?.status === 'PENDING');
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        connection = await api.bingx();
      }
      setSecretKey('');
      setResult(connection);
      onConnected(connection);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      }
      setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const explained = result ? explainConnection(result) : null;
  return (
    <Modal title="Connect BingX" onClose={onClose}>
      <div className="modal-body">
        <section className="security-notes" aria-label="Security notes">
          <h3>Before you start</h3>
          <ul>
            <li>
              Your key and secret are encrypted with a key of your own before they are stored, and are never shown again
              — not to you, not to an admin.
            </li>
            <li>
              Enable <strong>Perpetual Futures trading</strong> permission for the key; never enable withdrawals or
              transfers: TrendDesk refuses keys that can move funds. A key without trading permission connects read-only
              and cannot run the bot.
            </li>
            <li>
              Whitelist the server&apos;s IP address on the key. <EgressIps ips={egressIps} />
            </li>
            <li>BingX deletes trade-enabled keys without an IP whitelist after 14 days unused.</li>
            <li>
              Updating a working key: the new key is checked first, and your current key stays active until the new one
              is verified.
            </li>
          </ul>
        </section>
        <details className="guide">
          <summary>Step-by-step guide</summary>
          <ol>
            <li>Log in at BingX and open Account → API Management.</li>
            <li>Create an API key and label it “TrendDesk”; confirm with your 2FA code.</li>
            <li>Edit its permissions: tick “Perpetual Futures” trading; leave withdrawals and transfers off.</li>
            <li>
              Add the server IP address to the key&apos;s IP whitelist. <EgressIps ips={egressIps} />
            </li>
            <li>Copy the API key and the secret key (the secret is shown only once) into the form below.</li>
            <li>Press “Connect and verify”: TrendDesk reads your balance to check the key.</li>
          </ol>
        </details>
        {explained ? (
          <div className={`notice ${explained.tone}`} role="status" data-testid="connect-result">
            <p>{explained.text}</p>
            <button type="button" className="button primary" onClick={onClose}>
              Done
            </button>
          </div>
        ) : (
          <form onSubmit={submit} noValidate className="form">
            <div className={`field ${errors.apiKey ? 'has-error' : ''}`}>
              <label htmlFor="bingx-api-key">API key</label>
              <input
                id="bingx-api-key"
                name="apiKey"
                autoComplete="off"
                spellCheck={false}
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
                aria-invalid={!!errors.apiKey}
                aria-describedby={errors.apiKey ? 'bingx-api-key-error' : undefined}
              />
              {errors.apiKey && (
                <small id="bingx-api-key-error" className="field-error">
                  {errors.apiKey}
                </small>
              )}
            </div>
            <div className={`field ${errors.secretKey ? 'has-error' : ''}`}>
              <label htmlFor="bingx-secret">Secret key</label>
              <div className="input-with-button">
                <input
                  id="bingx-secret"
                  name="secretKey"
                  type={showSecret ? 'text' : 'password'}
                  autoComplete="off"
                  spellCheck={false}
                  value={secretKey}
                  onChange={(e) => setSecretKey(e.target.value)}
                  aria-invalid={!!errors.secretKey}
                  aria-describedby={errors.secretKey ? 'bingx-secret-error' : undefined}
                />
                <button
                  type="button"
                  className="button small"
                  aria-pressed={showSecret}
                  onClick={() => setShowSecret((s) => !s)}
                >
                  {showSecret ? 'Hide' : 'Show'}
                </button>
              </div>
              {errors.secretKey && (
                <small id="bingx-secret-error" className="field-error">
                  {errors.secretKey}
                </small>
              )}
            </div>
            {failure && (
              <p className="notice error" role="alert">
                {failure}
              </p>
            )}
            <div className="button-row">
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? 'Verifying…' : 'Connect and verify'}
              </button>
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </div>
    </Modal>
  );
}
