import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { homeFor, useAuth } from '../../lib/auth';
import { BrandFooter, BrandMark, useBranding } from '../../lib/branding';
import { useRouter } from '../../lib/router';

/** Login with the server's answers explained: bad credentials, too many attempts (wait N s), deactivated. */
export function LoginPage({ reason }: { reason?: 'expired' | 'logged-out' }) {
  const { login } = useAuth();
  const { navigate, path } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { branding } = useBranding();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await login(username.trim(), password);
      const back = path !== '/' && path !== '/login' ? path : homeFor(user);
      navigate(back, { replace: true });
    } catch (e) {
      setError(loginMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="card login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title" className="brand">
          <BrandMark branding={branding} />
        </h1>
        <p className="muted">ADX trend bots on BingX perpetual futures</p>
        {reason === 'expired' && (
          <p className="notice warning" role="status">
            Your session has expired. Please log in again.
          </p>
        )}
        {reason === 'logged-out' && (
          <p className="notice" role="status">
            You are logged out.
          </p>
        )}
        <div className="field">
          <label htmlFor="login-username">Username</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            maxLength={64}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            maxLength={128}
          />
        </div>
        {error && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <BrandFooter branding={branding} />
    </main>
  );
}

export function loginMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'Invalid username or password.';
    if (e.status === 429) {
      const seconds = typeof e.body.retryAfterSeconds === 'number' ? e.body.retryAfterSeconds : undefined;
      return seconds ? `Too many attempts; try again in ${seconds} s.` : 'Too many attempts; try again later.';
    }
    if (e.status === 403) return 'This account is deactivated. Ask an admin to reactivate it.';
    if (e.status === 422 || e.status === 400) return 'Enter your username and password.';
    return e.message;
  }
  return 'Login failed; try again.';
}
