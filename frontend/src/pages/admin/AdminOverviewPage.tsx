import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useSse, type SseMessage } from '../../api/sse';
import type { AdminOverview, OverviewUser } from '../../api/types';
import { Async, Badge, LiveIndicator, Money, StreamEndedNotice, Time } from '../../components/ui';
import { Link } from '../../lib/router';
import { toNumber } from '../../lib/format';
import { useResource } from '../../lib/useResource';
import { BulkBotActions } from './BulkBotActions';
import { EmergencyStop } from './EmergencyStop';
import { TraderSwitcher } from './TraderSwitcher';

/** Totals across traders: the server's when it sends them, else summed from the per-user cards. */
export function totals(overview: AdminOverview) {
  const traders = traderCards(overview);
  const sum = (pick: (u: OverviewUser) => string | number | null | undefined) =>
    traders.reduce((acc, u) => acc + (toNumber(pick(u)) ?? 0), 0);
  const t = overview.totals ?? {};
  return {
    traders: traders.length,
    runningBots: t.runningBots ?? traders.filter((u) => u.botStatus === 'RUNNING').length,
    pausedBots: t.pausedBots ?? traders.filter((u) => u.botStatus === 'PAUSED').length,
    openPositions: sum((u) => u.openPositions),
    tradesToday: sum((u) => u.tradesToday),
    totalEquity: t.totalEquity ?? sum((u) => u.equity),
    pnlToday: t.pnlToday ?? sum((u) => u.pnlToday),
  };
}

/** The overview lists every user; the cards are for traders. */
export function traderCards(overview: AdminOverview): OverviewUser[] {
  return (overview.users ?? []).filter((u) => !u.role || u.role.toLowerCase() === 'trader');
}

export function AdminOverviewPage() {
  const overview = useResource(() => api.overview(), 'overview');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadRef = useRef(overview.reload);
  reloadRef.current = overview.reload;
  // another admin's emergency stop or release: the card's own status follows it
  const [platformRevision, setPlatformRevision] = useState(0);
  const onMessage = useCallback((message: SseMessage) => {
    if (message.event === 'platform') setPlatformRevision((r) => r + 1);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reloadRef.current();
    }, 300);
  }, []);
  const live = useSse(api.overviewStreamUrl, onMessage);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
        {overview.data && (
          <TraderSwitcher traders={traderCards(overview.data).map((u) => ({ id: u.userId, username: u.username }))} />
        )}
        <LiveIndicator state={live.state} />
      </header>
      <StreamEndedNotice ended={live.ended} />
      <Async of={overview}>
        {(o) => {
          const t = totals(o);
          const users = traderCards(o);
          return (
            <>
              <section className="totals" aria-label="Totals">
                <Stat label="Traders" value={String(t.traders)} />
                <Stat label="Bots running" value={String(t.runningBots)} />
                <Stat label="Bots paused" value={String(t.pausedBots)} />
                <Stat label="Open positions" value={String(t.openPositions)} />
                <Stat label="Trades today" value={String(t.tradesToday)} testId="total-trades" />
                <Stat label="Equity" value={<Money value={t.totalEquity} />} />
                <Stat label="P&L today" value={<Money value={t.pnlToday} signed />} />
              </section>
              <EmergencyStop
                running={t.runningBots}
                paused={t.pausedBots}
                revision={platformRevision}
                onChanged={overview.reload}
              />
              {users.length === 0 ? (
                <p className="state state-empty">No traders yet. Create one under Users.</p>
              ) : (
                <>
                  <BulkBotActions
                    selected={users
                      .filter((u) => selected.has(u.userId))
                      .map((u) => ({ id: u.userId, username: u.username }))}
                    onDone={overview.reload}
                  />
                  <section className="user-cards" aria-label="Traders">
                    {users.map((u) => (
                      <article
                        key={u.userId}
                        className="card user-card"
                        data-testid="overview-user"
                        data-username={u.username}
                      >
                        <header className="card-header">
                          <h2>
                            <input
                              type="checkbox"
                              className="select-user"
                              aria-label={`Select ${u.username}`}
                              checked={selected.has(u.userId)}
                              onChange={(e) => toggle(u.userId, e.target.checked)}
                            />{' '}
                            <Link to={`/admin/users/${u.userId}/dashboard`}>{u.username}</Link>
                          </h2>
                          {u.active === false ? (
                            <Badge value="STOPPED" label="deactivated" />
                          ) : (
                            <Badge value={u.botStatus ?? 'STOPPED'} />
                          )}
                        </header>
                        <dl className="facts">
                          <div>
                            <dt>Equity</dt>
                            <dd>
                              <Money value={u.equity} />
                            </dd>
                          </div>
                          <div>
                            <dt>P&amp;L today</dt>
                            <dd>
                              <Money value={u.pnlToday} signed />
                            </dd>
                          </div>
                          <div>
                            <dt>Positions</dt>
                            <dd className="num">{u.openPositions ?? 0}</dd>
                          </div>
                          <div>
                            <dt>Trades today</dt>
                            <dd className="num" data-testid="user-trades">
                              {u.tradesToday ?? 0}
                            </dd>
                          </div>
                          <div>
                            <dt>BingX</dt>
                            <dd>
                              <Badge value={u.connectionStatus ?? 'DISCONNECTED'} />
                              {u.connectionHealth === 'UNHEALTHY' && <span className="negative small"> unhealthy</span>}
                            </dd>
                          </div>
                          <div className="span">
                            <dt>Updated</dt>
                            <dd>
                              <Time value={u.lastUpdate} />
                            </dd>
                          </div>
                        </dl>
                      </article>
                    ))}
                  </section>
                </>
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="stat card" data-testid={testId}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
    </div>
  );
}
