import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App';
import { json, mockFetch, problem } from '../../test/fetchMock';

function anonymous(login: () => Response) {
  document.cookie = 'XSRF-TOKEN=t; path=/';
  return mockFetch({
    'GET /api/me': () => problem(401, 'log in first'),
    'POST /api/auth/login': login,
  });
}

async function logIn() {
  const user = userEvent.setup();
  render(<App />);
  await user.type(await screen.findByLabelText('Username'), 'alice');
  await user.type(screen.getByLabelText('Password'), 'wrong-password');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login', () => {
  it('asks to wait the given seconds on 429 (too many attempts)', async () => {
    anonymous(() => problem(429, 'too many failed logins; try again later (in 42 s)', { retryAfterSeconds: 42 }));
    await logIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts; try again in 42 s.');
  });

  it('says invalid credentials on 401 and deactivated on 403', async () => {
    anonymous(() => problem(401, 'invalid username or password'));
    await logIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid username or password.');
  });

  it('tells a deactivated person so', async () => {
    anonymous(() => problem(403, 'this account is deactivated'));
    await logIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('deactivated');
  });

  it('lands a trader on the dashboard after logging in', async () => {
    const trader = { id: 't1', username: 'alice', role: 'trader', settings: { symbols: ['BTC-USDT'] } };
    anonymous(() => json(200, trader));
    await logIn();
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/dashboard');
    expect(screen.getByTestId('whoami')).toHaveTextContent('alice · trader');
  });

  it('refuses to send an empty form', async () => {
    const calls = anonymous(() => json(200, {}));
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter your username and password.');
    expect(calls.filter((c) => c.url === '/api/auth/login')).toHaveLength(0);
  });

  it('shows the brand from /api/branding before login: name, logo, title, colour and footer', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'GET /api/me': () => problem(401, 'log in first'),
      'GET /api/branding': () =>
        json(200, {
          productName: 'Acme Trading',
          primaryColor: '#7fd1ae',
          supportEmail: 'help@acme.example',
          legalFooter: 'Acme Ltd., registered in Exampleland',
          logoUrl: '/api/branding/logo?v=abc',
        }),
    });
    render(<App />);
    const title = await screen.findByRole('heading', { name: 'Acme Trading' });
    expect(title.querySelector('img')).toHaveAttribute('src', '/api/branding/logo?v=abc');
    await waitFor(() => expect(document.title).toBe('Acme Trading'));
    expect(document.documentElement.style.getPropertyValue('--primary')).toBe('#7fd1ae');
    const footer = screen.getByTestId('brand-footer');
    expect(footer).toHaveTextContent('Acme Ltd., registered in Exampleland');
    expect(within(footer).getByRole('link', { name: 'help@acme.example' })).toHaveAttribute(
      'href',
      'mailto:help@acme.example',
    );
  });
});
