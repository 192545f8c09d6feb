import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { notifySessionExpired } from './api/client';
import { json, mockFetch } from './test/fetchMock';

function loggedInAs(user: Record<string, unknown>, extra: Parameters<typeof mockFetch>[0] = {}) {
  document.cookie = 'XSRF-TOKEN=t; path=/';
  return mockFetch({ 'GET /api/me': () => json(200, user), ...extra });
}

describe('routing by role', () => {
  it('shows "not found" to a trader who types an admin address', async () => {
    window.history.replaceState(null, '', '/admin/users');
    loggedInAs({ id: 't1', username: 'bob', role: 'trader' });
    render(<App />);
    expect(await screen.findByTestId('not-found')).toBeInTheDocument();
  });

  it('shows "not found" to a trader who types another user\'s dashboard address', async () => {
    window.history.replaceState(null, '', '/users/someone-else/dashboard');
    const calls = loggedInAs({ id: 't1', username: 'bob', role: 'trader' });
    render(<App />);
    expect(await screen.findByTestId('not-found')).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/users/'))).toBe(false);
  });

  it('lets a viewer open a granted dashboard read-only, and no other', async () => {
    window.history.replaceState(null, '', '/users/granted-1/dashboard');
    loggedInAs(
      { id: 'v1', username: 'vera', role: 'viewer', grantedTraders: ['granted-1'] },
      { 'GET /api/users/granted-1/dashboard': () => json(200, { username: 'alice', bot: { status: 'RUNNING' } }) },
    );
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Dashboard (read-only)' })).toBeInTheDocument();
    expect(await screen.findByText('Read-only view.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Pause|Stop|Start/ })).not.toBeInTheDocument();
  });

  it('sends the viewer elsewhere for a dashboard not granted', async () => {
    window.history.replaceState(null, '', '/users/other/dashboard');
    loggedInAs({ id: 'v1', username: 'vera', role: 'viewer', grantedTraders: ['granted-1'] });
    render(<App />);
    expect(await screen.findByTestId('not-found')).toBeInTheDocument();
  });

  it('gives the admin the overview and the management pages in the navigation', async () => {
    window.history.replaceState(null, '', '/');
    loggedInAs(
      { id: 'a1', username: 'root', role: 'admin' },
      { 'GET /api/admin/overview': () => json(200, { users: [] }) },
    );
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Overview', 'Users', 'Connections', 'Projections', 'System', 'Audit']) {
      expect(nav).toHaveTextContent(name);
    }
  });
});

describe('session expiry', () => {
  it('returns to the login page with an explanation when the session ends', async () => {
    window.history.replaceState(null, '', '/profile');
    loggedInAs({ id: 'u1', username: 'aud', role: 'auditor' });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Profile' })).toBeInTheDocument();
    act(() => notifySessionExpired());
    expect(await screen.findByText('Your session has expired. Please log in again.')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/profile');
  });
});
