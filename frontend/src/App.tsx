import { useEffect, useState, type ReactNode } from 'react';
import type { User } from './api/types';
import { api } from './api/client';
import { Loading } from './components/ui';
import { AuthProvider, homeFor, useAuth } from './lib/auth';
import { BrandFooter, BrandingProvider, BrandMark, useBranding } from './lib/branding';
import { Link, matchPath, RouterProvider, useRouter } from './lib/router';
import { useResource } from './lib/useResource';
import { AdminConnectionsPage } from './pages/admin/AdminConnectionsPage';
import { AdminOverviewPage } from './pages/admin/AdminOverviewPage';
import { AdminProjectionsPage } from './pages/admin/AdminProjectionsPage';
import { AdminPlansPage } from './pages/admin/AdminPlansPage';
import { AdminSettingsPage } from './pages/admin/AdminSettingsPage';
import { AdminSystemPage } from './pages/admin/AdminSystemPage';
import { AdminUsersPage } from './pages/admin/AdminUsersPage';
import { TraderSwitcher } from './pages/admin/TraderSwitcher';
import { AdminFeesPage } from './pages/fees/AdminFeesPage';
import { AuditPage } from './pages/audit/AuditPage';
import { ReplayPage } from './pages/audit/ReplayPage';
import { BacktestPage } from './pages/backtest/BacktestPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { LoginPage } from './pages/login/LoginPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { ViewerHomePage } from './pages/viewer/ViewerHomePage';

export function App() {
  return (
    <RouterProvider>
      <BrandingProvider>
        <AuthProvider>
          <Shell />
        </AuthProvider>
      </BrandingProvider>
    </RouterProvider>
  );
}

function Shell() {
  const { state } = useAuth();
  const { branding } = useBranding();
  if (state.status === 'loading') return <Loading label={`Starting ${branding.productName}…`} />;
  if (state.status === 'anonymous') return <LoginPage reason={state.reason} />;
  return (
    <Layout user={state.user}>
      <Routes user={state.user} />
    </Layout>
  );
}

interface NavItem {
  to: string;
  label: string;
}

export function navFor(user: User): NavItem[] {
  switch (user.role) {
    case 'admin':
      return [
        { to: '/admin', label: 'Overview' },
        { to: '/admin/users', label: 'Users' },
        { to: '/admin/connections', label: 'Connections' },
        { to: '/admin/projections', label: 'Projections' },
        { to: '/admin/system', label: 'System' },
        { to: '/admin/settings', label: 'Platform settings' },
        { to: '/admin/plans', label: 'Plans' },
        { to: '/admin/fees', label: 'Fees' },
        { to: '/audit', label: 'Audit' },
      ];
    case 'auditor':
      return [
        { to: '/audit', label: 'Audit log' },
        { to: '/admin/fees', label: 'Fees' },
      ];
    case 'viewer':
      return [{ to: '/viewer', label: 'Dashboards' }];
    default:
      return [
        { to: '/dashboard', label: 'Dashboard' },
        { to: '/backtest', label: 'Backtest' },
      ];
  }
}

function Layout({ user, children }: { user: User; children: ReactNode }) {
  const { logout } = useAuth();
  const { navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const { branding } = useBranding();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={homeFor(user)} className="brand">
          <BrandMark branding={branding} />
        </Link>
        <button
          type="button"
          className="button ghost menu-button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
        >
          Menu
        </button>
        <nav id="main-nav" className={`nav ${open ? 'open' : ''}`} aria-label="Main" onClick={() => setOpen(false)}>
          {navFor(user).map((item) => (
            <Link key={item.to} to={item.to}>
              {item.label}
            </Link>
          ))}
          <Link to="/profile">Profile</Link>
        </nav>
        <div className="who">
          <span className="muted" data-testid="whoami">
            {user.username} · {user.role}
          </span>
          <button
            type="button"
            className="button small"
            onClick={() => {
              void logout().then(() => navigate('/login', { replace: true }));
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <BrandFooter branding={branding} />
    </div>
  );
}

/** The page for the current path, or "not found" for paths this role has no page at (nothing is revealed). */
export function Routes({ user }: { user: User }) {
  const { path } = useRouter();
  const role = user.role;
  if (path === '/' || path === '/login') return <Redirect to={homeFor(user)} />;
  if (path === '/profile') return <ProfilePage user={user} />;
  if (path === '/dashboard' && role === 'trader') {
    return <DashboardPage userId={null} canControl title="Dashboard" defaultSymbols={user.settings?.symbols} />;
  }
  if (path === '/backtest' && role === 'trader') return <BacktestPage />;
  if (role === 'admin') {
    if (path === '/admin') return <AdminOverviewPage />;
    if (path === '/admin/users') return <AdminUsersPage me={user} />;
    if (path === '/admin/connections') return <AdminConnectionsPage />;
    if (path === '/admin/projections') return <AdminProjectionsPage />;
    if (path === '/admin/system') return <AdminSystemPage />;
    if (path === '/admin/settings') return <AdminSettingsPage />;
    if (path === '/admin/plans') return <AdminPlansPage />;
    if (path === '/admin/fees') return <AdminFeesPage />;
    const drill = matchPath('/admin/users/:id/dashboard', path) ?? matchPath('/users/:id/dashboard', path);
    if (drill?.id)
      return (
        <DashboardPage
          key={drill.id}
          userId={drill.id}
          canControl
          title="Trader dashboard (admin view)"
          switcher={<AdminTraderSwitcher current={drill.id} />}
        />
      );
  }
  if (role === 'viewer') {
    if (path === '/viewer') return <ViewerHomePage user={user} />;
    const granted = matchPath('/users/:id/dashboard', path);
    if (granted?.id && (user.grantedTraders ?? []).includes(granted.id)) {
      return <DashboardPage key={granted.id} userId={granted.id} canControl={false} title="Dashboard (read-only)" />;
    }
  }
  if (role === 'auditor' && path === '/admin/fees') return <AdminFeesPage canEdit={false} />;
  if ((role === 'auditor' || role === 'admin') && path === '/audit') return <AuditPage />;
  if ((role === 'auditor' || role === 'admin') && path === '/audit/replay') return <ReplayPage />;
  return <NotFound home={homeFor(user)} />;
}

/** The traders an admin can switch to from a trader's dashboard. */
function AdminTraderSwitcher({ current }: { current: string }) {
  const users = useResource(() => api.users(), 'admin-users');
  return <TraderSwitcher traders={(users.data ?? []).filter((u) => u.role === 'trader')} current={current} />;
}

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return <Loading />;
}

function NotFound({ home }: { home: string }) {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p className="muted" data-testid="not-found">
        There is nothing here for you.
      </p>
      <Link to={home} className="button">
        Go to your start page
      </Link>
    </div>
  );
}
