import { api } from '../../api/client';
import type { User } from '../../api/types';
import { Async, Badge, Empty, Money } from '../../components/ui';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/useResource';

/** The dashboards a viewer was granted, each with its headline numbers. */
export function ViewerHomePage({ user }: { user: User }) {
  const granted = user.grantedTraders ?? [];
  return (
    <div className="page">
      <header className="page-header">
        <h1>Granted dashboards</h1>
      </header>
      {granted.length === 0 ? (
        <Empty>No dashboards have been granted to you yet. Ask an admin.</Empty>
      ) : (
        <section className="user-cards" aria-label="Granted dashboards">
          {granted.map((id) => (
            <GrantedCard key={id} userId={id} />
          ))}
        </section>
      )}
    </div>
  );
}

function GrantedCard({ userId }: { userId: string }) {
  const dashboard = useResource(() => api.dashboard(userId), `granted:${userId}`);
  const name = dashboard.data?.username ?? `Trader ${userId.substring(0, 8)}`;
  return (
    <article className="card user-card" data-testid="granted-card">
      <header className="card-header">
        <h2>
          <Link to={`/users/${userId}/dashboard`}>{name}</Link>
        </h2>
        {dashboard.data?.bot && <Badge value={dashboard.data.bot.status} />}
      </header>
      <Async of={dashboard}>
        {(d) => (
          <dl className="facts">
            <div>
              <dt>Equity</dt>
              <dd>
                <Money value={d.account?.equity} />
              </dd>
            </div>
            <div>
              <dt>P&amp;L today</dt>
              <dd>
                <Money value={d.account?.pnlToday} signed />
              </dd>
            </div>
          </dl>
        )}
      </Async>
      <Link to={`/users/${userId}/dashboard`} className="button small">
        Open dashboard
      </Link>
    </article>
  );
}
