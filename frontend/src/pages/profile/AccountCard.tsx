import type { User } from '../../api/types';
import { Badge, Time } from '../../components/ui';

/** Who the user is: role, username, e-mail, trading permission, last login, member since. */
export function AccountCard({ user }: { user: User }) {
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
          <dd>
            {user.role === 'trader'
              ? user.tradingEnabled
                ? 'Granted'
                : 'Not granted (ask an admin)'
              : 'Not applicable'}
          </dd>
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
