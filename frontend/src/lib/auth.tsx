// Who is logged in. Loads /api/me once, offers login and logout, and turns any 401 from an
// authenticated call into "your session has expired" on the login page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionExpired } from '../api/client';
import type { User } from '../api/types';

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason?: 'expired' | 'logged-out' }
  | { status: 'authenticated'; user: User };

interface AuthValue {
  state: AuthState;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children, initial }: { children: ReactNode; initial?: AuthState }) {
  const [state, setState] = useState<AuthState>(initial ?? { status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const user = await api.me();
      setState({ status: 'authenticated', user });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ status: 'anonymous' });
      else setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    if (!initial) void refresh();
  }, [initial, refresh]);

  useEffect(
    () =>
      onSessionExpired(() =>
        setState((current) =>
          current.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : current,
        ),
      ),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const user = await api.login({ username, password });
    setState({ status: 'authenticated', user });
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'anonymous', reason: 'logged-out' });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The logged-in user; only inside pages that render when authenticated. */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('no user');
  return state.user;
}

/** The page a person lands on after login, by role. */
export function homeFor(user: User): string {
  switch (user.role) {
    case 'admin':
      return '/admin';
    case 'auditor':
      return '/audit';
    case 'viewer':
      return '/viewer';
    default:
      return '/dashboard';
  }
}
