import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { BingxConnection } from '../../api/types';
import { Async, Badge, describeError, Money, Notice, Time, type NoticeMessage } from '../../components/ui';
import { exchangeName } from '../../lib/exchanges';
import { useResource } from '../../lib/useResource';
import { ConnectBingxModal, EgressIps, explainConnection, explainFailure } from './ConnectBingxModal';

/** The BingX connection: status and facts of the key, test / update (ConnectBingxModal) / disconnect. */
export function BingxCard() {
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
    if (
      kind === 'disconnect' &&
      !window.confirm('Disconnect BingX? The encrypted key is discarded; the bot cannot trade until you connect again.')
    ) {
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
              <dt>Exchange</dt>
              <dd data-testid="exchange">{exchangeName(c.exchange)}</dd>
            </div>
            <div>
              <dt>Account type</dt>
              <dd>{c.accountType ?? '—'}</dd>
            </div>
            <div>
              <dt>Balance</dt>
              <dd data-testid="verified-balance">
                <Money value={c.balance} currency={c.asset ?? 'USDT'} />
                {c.lastVerifiedAt && (
                  <span
                    className="muted small"
                    title="Read when the key was last verified; the dashboard shows the balance as it is now"
                  >
                    {' '}
                    as of <Time value={c.lastVerifiedAt} />
                  </span>
                )}
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
                {c.status === 'VERIFIED' && c.ipWhitelist && c.ipWhitelist.length > 0
                  ? `On the key: ${c.ipWhitelist.join(', ')}. `
                  : ''}
                {c.status === 'VERIFIED' && !c.readOnly && c.ipWhitelist && c.ipWhitelist.length === 0
                  ? 'This key has no IP whitelist: BingX deletes trade-enabled keys without one after 14 days unused. '
                  : ''}
                <EgressIps ips={c.egressIps} />
              </dd>
            </div>
          </dl>
        )}
      </Async>
      {connection.data === null && !connection.loading && (
        <p className="state state-empty">No BingX key connected yet.</p>
      )}
      <div className="button-row">
        {connection.data && connection.data.status !== 'DISCONNECTED' ? (
          <>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void act('test')}>
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" className="button" onClick={() => setModal(true)}>
              Update key
            </button>
            <button
              type="button"
              className="button danger"
              disabled={busy !== null}
              onClick={() => void act('disconnect')}
            >
              Disconnect
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => setModal(true)}
            disabled={connection.loading && !connection.error}
          >
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
