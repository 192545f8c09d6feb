import type { User } from '../../api/types';
import { FeesCard } from '../fees/FeesCard';
import { AccountCard } from './AccountCard';
import { BingxCard } from './BingxCard';
import { EmailCard } from './EmailCard';
import { NotificationsCard } from './NotificationsCard';
import { PasswordCard } from './PasswordCard';
import { PlanCard } from './PlanCard';
import { SettingsCard } from './SettingsCard';

export function ProfilePage({ user }: { user: User }) {
  const isTrader = user.role === 'trader';
  return (
    <div className="page profile">
      <header className="page-header">
        <h1>Profile</h1>
      </header>
      <div className="grid two">
        <AccountCard user={user} />
        <EmailCard user={user} />
        <PasswordCard user={user} />
      </div>
      {isTrader && <PlanCard />}
      {isTrader && <BingxCard />}
      {isTrader && <SettingsCard />}
      {isTrader && <NotificationsCard />}
      {isTrader && <FeesCard />}
    </div>
  );
}
