import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { navFor } from '../../App';
import type { PlatformSettings } from '../../api/types';
import { RouterProvider } from '../../lib/router';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { AdminSettingsPage } from './AdminSettingsPage';

const DEFAULTS = {
  maxPositions: 2,
  riskPerTradePct: 2,
  dailyLossLimitPct: 5,
  maxDrawdownPct: 15,
  leverage: 5,
  positionMode: 'HEDGE' as const,
  adxThreshold: 25,
  timeframe: '5m' as const,
  signalConfidence: 60,
  stopAtr: 2,
  takeProfitR: 2,
  symbols: ['BTC-USDT', 'ETH-USDT'],
  strategy: 'ADX_TREND' as const,
  emaFast: 9,
  emaSlow: 21,
};

const INITIAL: PlatformSettings = {
  newTraderDefaults: DEFAULTS,
  builtInDefaults: true,
  allowedSymbols: [],
  allowedTimeframes: [],
  maintenance: false,
  mailServer: { source: 'PROPERTIES', host: 'mail.operator.test', port: 25, passwordSet: false, starttls: false },
  branding: { productName: 'TrendDesk', primaryColor: '#4c9aff' },
};

function renderPage() {
  return render(
    <RouterProvider>
      <AdminSettingsPage />
    </RouterProvider>,
  );
}

describe('platform settings page', () => {
  it('is in the admin menu only', () => {
    const has = (role: 'admin' | 'trader' | 'viewer' | 'auditor') =>
      navFor({ id: 'x', username: 'x', role }).some((item) => item.to === '/admin/settings');
    expect(has('admin')).toBe(true);
    expect(has('trader')).toBe(false);
    expect(has('viewer')).toBe(false);
    expect(has('auditor')).toBe(false);
  });

  it('switches maintenance on only with a reason, shows it, and off again', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'GET /api/admin/platform/settings': () => json(200, INITIAL),
      'PUT /api/admin/platform/settings/maintenance': (call) => {
        const body = call.body as { on: boolean; reason?: string };
        return json(200, {
          ...INITIAL,
          maintenance: body.on,
          maintenanceReason: body.on ? body.reason : undefined,
          maintenanceSince: body.on ? '2026-12-01T10:00:00Z' : undefined,
        });
      },
    });
    const user = userEvent.setup();
    renderPage();
    const card = within(await screen.findByRole('form', { name: 'Maintenance mode' }));
    await user.click(card.getByRole('button', { name: 'Switch maintenance on' }));
    expect(card.getByText(/is required: say why/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await user.type(card.getByLabelText('Reason (shown to every trader)'), 'database upgrade');
    await user.click(card.getByRole('button', { name: 'Switch maintenance on' }));
    expect(await screen.findByText('Maintenance mode is on.')).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({ on: true, reason: 'database upgrade' });
    expect(screen.getByText(/: database upgrade/)).toBeInTheDocument();

    await user.click(card.getByRole('button', { name: 'Switch maintenance off' }));
    expect(await screen.findByText('Maintenance mode is off.')).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({ on: false });
  });

  it('saves the allowed markets and marks the field the server refuses', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let attempt = 0;
    const calls = mockFetch({
      'GET /api/admin/platform/settings': () => json(200, INITIAL),
      'PUT /api/admin/platform/settings/markets': (call) => {
        attempt++;
        const body = call.body as { symbols: string[]; timeframes: string[] };
        return attempt === 1
          ? problem(422, 'symbols: would exclude', {
              errors: [{ field: 'symbols', message: 'would exclude the built-in defaults for new traders' }],
            })
          : json(200, { ...INITIAL, allowedSymbols: body.symbols, allowedTimeframes: body.timeframes });
      },
    });
    const user = userEvent.setup();
    renderPage();
    const form = within(await screen.findByRole('form', { name: 'Allowed markets' }));
    await user.type(form.getByLabelText('Symbols'), 'btc-usdt');
    await user.click(form.getByRole('checkbox', { name: '1h' }));
    await user.click(form.getByRole('checkbox', { name: '5m' }));
    await user.click(form.getByRole('button', { name: 'Save allowed markets' }));
    expect(await form.findByText('would exclude the built-in defaults for new traders')).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({ symbols: ['BTC-USDT'], timeframes: ['5m', '1h'] });

    await user.clear(form.getByLabelText('Symbols'));
    await user.type(form.getByLabelText('Symbols'), 'BTC-USDT, ETH-USDT');
    await user.type(form.getByLabelText('Reason (optional)'), 'liquidity');
    await user.click(form.getByRole('button', { name: 'Save allowed markets' }));
    expect(await screen.findByText('Allowed markets saved.')).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({
      symbols: ['BTC-USDT', 'ETH-USDT'],
      timeframes: ['5m', '1h'],
      reason: 'liquidity',
    });
  });

  it('saves the defaults for new traders with the settings form, offering only the allowed markets', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const restricted = {
      ...INITIAL,
      allowedSymbols: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'],
      allowedTimeframes: ['5m', '1h'],
    };
    const calls = mockFetch({
      'GET /api/admin/platform/settings': () => json(200, restricted),
      'PUT /api/admin/platform/settings/defaults': (call) => {
        const body = call.body as { defaults?: typeof DEFAULTS };
        return json(
          200,
          body.defaults ? { ...restricted, newTraderDefaults: body.defaults, builtInDefaults: false } : restricted,
        );
      },
    });
    const user = userEvent.setup();
    renderPage();
    const form = within(await screen.findByRole('form', { name: 'Defaults for new traders' }));
    expect(form.getAllByRole('option').map((o) => o.textContent)).toEqual(expect.arrayContaining(['5m', '1h']));
    expect(
      within(form.getByLabelText('Timeframe'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['5m', '1h']);
    await user.click(form.getByRole('checkbox', { name: 'SOL-USDT' }));
    await user.click(form.getByRole('checkbox', { name: 'ETH-USDT' }));
    await user.type(screen.getByLabelText('Reason for the change (optional)'), 'add SOL');
    await user.click(form.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Defaults saved/)).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({ defaults: { symbols: ['BTC-USDT', 'SOL-USDT'] }, reason: 'add SOL' });

    await user.click(await screen.findByRole('button', { name: 'Restore the built-in defaults' }));
    await waitFor(() => expect(calls.at(-1)?.body).toEqual({}));
    expect(await screen.findByText('New traders start with the built-in defaults again.')).toBeInTheDocument();
  });

  it('sets the mail server with a write-only password, sends a test e-mail and goes back to the operator', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let testAttempt = 0;
    const calls = mockFetch({
      'GET /api/admin/platform/settings': () => json(200, INITIAL),
      'PUT /api/admin/platform/settings/mail': (call) => {
        const body = call.body as { mailServer?: Record<string, unknown> };
        if (!body.mailServer) {
          return json(200, INITIAL);
        }
        if (body.mailServer.from === 'nobody') {
          return problem(422, 'mailServer.from: bad', {
            errors: [{ field: 'mailServer.from', message: 'must be an e-mail address like alerts@example.com' }],
          });
        }
        return json(200, {
          ...INITIAL,
          mailServer: {
            source: 'SETTINGS',
            host: body.mailServer.host,
            port: body.mailServer.port,
            username: body.mailServer.username,
            from: body.mailServer.from,
            starttls: body.mailServer.starttls,
            passwordSet: true,
            updatedAt: '2026-12-01T10:00:00Z',
          },
        });
      },
      'POST /api/admin/platform/settings/mail/test': () =>
        ++testAttempt === 1
          ? json(200, { delivered: true, to: 'admin@example.com' })
          : json(200, { delivered: false, to: 'admin@example.com', error: '535 authentication failed' }),
    });
    const user = userEvent.setup();
    renderPage();
    const form = within(await screen.findByRole('form', { name: 'E-mail server' }));
    expect(
      screen.getByText(/The operator's configuration \(trenddesk.notifications.smtp.\*\): mail.operator.test:25/),
    ).toBeInTheDocument();
    expect(form.queryByRole('button', { name: "Use the operator's configuration" })).toBeNull();

    await user.click(form.getByRole('button', { name: 'Save mail server' }));
    expect(form.getByText('is required')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await user.type(form.getByLabelText('Host'), 'smtp.desk.test');
    await user.type(form.getByLabelText('Login (optional)'), 'desk');
    await user.type(form.getByLabelText('Password'), 'app pass word');
    await user.type(form.getByLabelText('Sender address (optional)'), 'nobody');
    await user.click(form.getByRole('button', { name: 'Save mail server' }));
    expect(await form.findByText('must be an e-mail address like alerts@example.com')).toBeInTheDocument();

    await user.clear(form.getByLabelText('Sender address (optional)'));
    await user.type(form.getByLabelText('Sender address (optional)'), 'alerts@desk.test');
    await user.type(form.getByLabelText('Reason (optional)'), 'own relay');
    await user.click(form.getByRole('button', { name: 'Save mail server' }));
    expect(await screen.findByText(/Mail server saved/)).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({
      mailServer: {
        host: 'smtp.desk.test',
        port: 587,
        username: 'desk',
        from: 'alerts@desk.test',
        starttls: true,
        password: 'app pass word',
      },
      reason: 'own relay',
    });
    expect(
      screen.getByText(/The server set here: smtp.desk.test:587, logging in as desk with a password/),
    ).toBeVisible();
    expect(form.getByLabelText('Password')).toHaveValue('');
    expect(form.getByLabelText('Password')).toHaveAttribute('placeholder', 'unchanged');

    await user.click(form.getByRole('button', { name: 'Send a test e-mail to my address' }));
    expect(await screen.findByText('Test e-mail accepted by the server for admin@example.com.')).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Send a test e-mail to my address' }));
    expect(await screen.findByText(/did not accept the test e-mail .*535 authentication failed/)).toBeInTheDocument();

    await user.click(form.getByRole('checkbox', { name: /Remove the password/ }));
    await user.click(form.getByRole('button', { name: 'Save mail server' }));
    await waitFor(() =>
      expect(calls.at(-1)?.body).toMatchObject({ mailServer: { host: 'smtp.desk.test', clearPassword: true } }),
    );
    expect((calls.at(-1)?.body as { mailServer: object }).mailServer).not.toHaveProperty('password');

    await user.click(await form.findByRole('button', { name: "Use the operator's configuration" }));
    expect(await screen.findByText("Cleared: the operator's configuration applies again.")).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({});
  });

  it('sends the brand, marks the field the server refuses, uploads a checked logo and removes it', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let current: PlatformSettings = INITIAL;
    const calls = mockFetch({
      'GET /api/admin/platform/settings': () => json(200, current),
      'PUT /api/admin/platform/settings/branding': (call) => {
        const body = call.body as { branding?: { primaryColor: string } };
        if (body.branding?.primaryColor === '#1a2b6d') {
          return problem(422, 'invalid input', {
            errors: [{ field: 'branding.primaryColor', message: 'is too dark to read: contrast ratio of 2.10' }],
          });
        }
        current = { ...current, branding: { ...current.branding, ...body.branding } as PlatformSettings['branding'] };
        return json(200, current);
      },
      'PUT /api/admin/platform/settings/logo': (call) => {
        const body = call.body as { logo?: string };
        current = {
          ...current,
          branding: { ...current.branding, logoUrl: body.logo ? '/api/branding/logo?v=abc' : undefined },
        } as PlatformSettings;
        return json(200, current);
      },
    });
    const user = userEvent.setup();
    renderPage();
    const card = within((await screen.findByRole('heading', { name: 'Branding' })).closest('section')!);
    await user.clear(card.getByLabelText('Product name'));
    await user.type(card.getByLabelText('Product name'), 'Acme Trading');
    await user.clear(card.getByLabelText('Primary colour'));
    await user.type(card.getByLabelText('Primary colour'), '#1a2b6d');
    await user.type(card.getByLabelText('Support e-mail (optional)'), 'help@acme.example');
    await user.type(card.getByLabelText('Legal footer (optional)'), 'Acme Ltd.');
    await user.click(card.getByRole('button', { name: 'Save brand' }));
    expect(await card.findByText('is too dark to read: contrast ratio of 2.10')).toBeInTheDocument();
    expect(card.getByLabelText('Primary colour')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(card.getByLabelText('Primary colour'));
    await user.type(card.getByLabelText('Primary colour'), '#7fd1ae');
    await user.type(card.getByLabelText('Reason (optional)'), 'rebrand');
    await user.click(card.getByRole('button', { name: 'Save brand' }));
    expect(await card.findByText(/Brand saved/)).toBeInTheDocument();
    const saves = calls.filter((c) => c.url === '/api/admin/platform/settings/branding');
    expect(saves.at(-1)?.body).toEqual({
      branding: {
        productName: 'Acme Trading',
        primaryColor: '#7fd1ae',
        supportEmail: 'help@acme.example',
        legalFooter: 'Acme Ltd.',
      },
      reason: 'rebrand',
    });

    // an SVG is refused here already; a PNG is sent in base64
    const input = card.getByLabelText('Logo');
    await userEvent
      .setup({ applyAccept: false })
      .upload(input, new File(['<svg></svg>'], 'logo.svg', { type: 'image/svg+xml' }));
    expect(await card.findByText(/must be a PNG, JPEG or WebP image/)).toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Upload logo' })).toBeDisabled();
    await user.upload(input, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'logo.png', { type: 'image/png' }));
    expect(await card.findByAltText('Logo preview')).toBeInTheDocument();
    await user.click(card.getByRole('button', { name: 'Upload logo' }));
    expect(await card.findByText('Logo saved.')).toBeInTheDocument();
    const uploads = calls.filter((c) => c.url === '/api/admin/platform/settings/logo');
    expect(uploads[0]?.body).toEqual({ logo: 'iVBORw==' });
    await user.click(card.getByRole('button', { name: 'Remove logo' }));
    expect(await card.findByText('Logo removed.')).toBeInTheDocument();
    expect(calls.filter((c) => c.url === '/api/admin/platform/settings/logo')[1]?.body).toEqual({});
  });
});
