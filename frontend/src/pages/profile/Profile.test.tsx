import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ConnectBingxModal, explainConnection, explainFailure } from './ConnectBingxModal';
import { Link, RouterProvider } from '../../lib/router';
import { SettingsEditor } from './SettingsForm';

const settings = {
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
  symbols: ['BTC-USDT'],
  strategy: 'ADX_TREND' as const,
  emaFast: 9,
  emaSlow: 21,
};

describe('connect BingX', () => {
  it('shows the security notes, hides the secret until asked, and explains the verified result', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'POST /api/me/bingx': () => json(202, { status: 'PENDING', maskedApiKey: '****WXYZ' }),
      'GET /api/me/bingx': () => json(200, { status: 'VERIFIED', maskedApiKey: '****WXYZ', accountType: 'SIMULATED' }),
    });
    const user = userEvent.setup();
    let connected: unknown;
    render(<ConnectBingxModal onClose={() => undefined} onConnected={(c) => (connected = c)} />);
    expect(screen.getByLabelText('Security notes')).toHaveTextContent('14 days');
    expect(screen.getByLabelText('Security notes')).toHaveTextContent('never shown again');
    const secret = screen.getByLabelText('Secret key');
    expect(secret).toHaveAttribute('type', 'password');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(secret).toHaveAttribute('type', 'text');
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(secret).toHaveAttribute('type', 'password');
    await user.type(screen.getByLabelText('API key'), 'AAAABBBBCCCCDDDDWXYZ');
    await user.type(secret, 'SECRETSECRETSECRETSECRET');
    await user.click(screen.getByRole('button', { name: 'Connect and verify' }));
    expect(await screen.findByTestId('connect-result', {}, { timeout: 4000 })).toHaveTextContent(
      'Connected and verified (SIMULATED account)',
    );
    expect(calls[0]?.body).toEqual({ apiKey: 'AAAABBBBCCCCDDDDWXYZ', secretKey: 'SECRETSECRETSECRETSECRET' });
    expect(connected).toMatchObject({ status: 'VERIFIED' });
  });

  it('keeps keyboard focus inside the dialog and closes on Escape', async () => {
    mockFetch({});
    const user = userEvent.setup();
    let closed = false;
    render(<ConnectBingxModal onClose={() => (closed = true)} onConnected={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Connect BingX' });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await user.tab({ shift: true });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(closed).toBe(true);
  });

  it('refuses keys that cannot be BingX keys without sending them', async () => {
    const calls = mockFetch({});
    const user = userEvent.setup();
    render(<ConnectBingxModal onClose={() => undefined} onConnected={() => undefined} />);
    await user.type(screen.getByLabelText('API key'), 'short');
    await user.click(screen.getByRole('button', { name: 'Connect and verify' }));
    expect(screen.getByText(/Paste the API key/)).toBeInTheDocument();
    expect(screen.getByText(/Paste the secret key/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("explains each BingX refusal in words, preferring the server's own explanation", () => {
    expect(explainFailure({ status: 'FAILED', failure: { code: 'IP_NOT_WHITELISTED' } })).toMatch(/whitelist/);
    expect(explainFailure({ status: 'FAILED', failure: { code: 'BAD_SIGNATURE' } })).toMatch(/does not match/);
    expect(explainFailure({ status: 'FAILED', failure: { code: 'BAD_API_KEY' } })).toMatch(
      /does not know this API key/,
    );
    expect(explainFailure({ status: 'FAILED', failure: { code: 'NO_TRADE_PERMISSION' } })).toMatch(
      /futures trading permission/,
    );
    expect(explainFailure({ status: 'FAILED', failure: { code: 'EXCHANGE_UNREACHABLE' } })).toMatch(
      /could not be reached/,
    );
    expect(
      explainFailure({
        status: 'FAILED',
        failure: { code: 'BAD_API_KEY', message: 'from the server', detail: 'code 100413' },
      }),
    ).toBe('from the server (code 100413)');
  });

  it('shows the refusal when BingX does not accept the key', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'POST /api/me/bingx': () =>
        json(200, {
          status: 'FAILED',
          failure: { code: 'IP_NOT_WHITELISTED', message: "this server's IP address is not on the key's IP whitelist" },
        }),
    });
    const user = userEvent.setup();
    render(<ConnectBingxModal onClose={() => undefined} onConnected={() => undefined} />);
    await user.type(screen.getByLabelText('API key'), 'AAAABBBBCCCCDDDDWXYZ');
    await user.type(screen.getByLabelText('Secret key'), 'SECRETSECRETSECRETSECRET');
    await user.click(screen.getByRole('button', { name: 'Connect and verify' }));
    expect(await screen.findByTestId('connect-result')).toHaveTextContent(
      "BingX refused the key: this server's IP address is not on the key's IP whitelist",
    );
  });
});

describe('BingX key hardening', () => {
  it("shows the server's egress IPs to whitelist, or says to ask the operator", () => {
    mockFetch({});
    const { unmount } = render(
      <ConnectBingxModal
        onClose={() => undefined}
        onConnected={() => undefined}
        egressIps={['203.0.113.10', '198.51.100.20']}
      />,
    );
    expect(screen.getByLabelText('Security notes')).toHaveTextContent('203.0.113.10, 198.51.100.20');
    expect(screen.getByLabelText('Security notes')).toHaveTextContent('never enable withdrawals or transfers');
    unmount();
    render(<ConnectBingxModal onClose={() => undefined} onConnected={() => undefined} egressIps={[]} />);
    expect(screen.getByLabelText('Security notes')).toHaveTextContent('Ask the operator');
  });

  it('explains a read-only key, a key that can move funds, and a refused update beside the working key', () => {
    expect(explainConnection({ status: 'VERIFIED', readOnly: true }).text).toMatch(/read-only.*cannot start/);
    expect(explainConnection({ status: 'VERIFIED', readOnly: true }).tone).toBe('warning');
    expect(explainFailure({ failure: { code: 'FUNDS_PERMISSION' } })).toMatch(/withdraw or transfer/);
    const refused = explainConnection({
      status: 'VERIFIED',
      maskedApiKey: '****OLD1',
      pendingKey: {
        maskedApiKey: '****NEW2',
        status: 'FAILED',
        failure: { code: 'BAD_API_KEY', message: 'BingX does not know this API key' },
      },
    });
    expect(refused.tone).toBe('negative');
    expect(refused.text).toContain('****NEW2');
    expect(refused.text).toContain('BingX does not know this API key');
    expect(refused.text).toContain('Your previous key ****OLD1 stays active');
    expect(
      explainConnection({ status: 'VERIFIED', pendingKey: { maskedApiKey: '****NEW2', status: 'PENDING' } }).text,
    ).toMatch(/current key stays active/);
  });

  it('waits for a pending new key while the verified one stays shown', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'POST /api/me/bingx': () =>
        json(202, {
          status: 'VERIFIED',
          maskedApiKey: '****OLD1',
          pendingKey: { maskedApiKey: '****WXYZ', status: 'PENDING' },
        }),
      'GET /api/me/bingx': () => json(200, { status: 'VERIFIED', maskedApiKey: '****WXYZ', accountType: 'SIMULATED' }),
    });
    const user = userEvent.setup();
    render(<ConnectBingxModal onClose={() => undefined} onConnected={() => undefined} />);
    await user.type(screen.getByLabelText('API key'), 'AAAABBBBCCCCDDDDWXYZ');
    await user.type(screen.getByLabelText('Secret key'), 'SECRETSECRETSECRETSECRET');
    await user.click(screen.getByRole('button', { name: 'Connect and verify' }));
    expect(await screen.findByTestId('connect-result', {}, { timeout: 4000 })).toHaveTextContent(
      'Connected and verified (SIMULATED account)',
    );
  });
});

describe('trading settings form', () => {
  it('names the field outside its range and sends nothing', async () => {
    const calls = mockFetch({});
    const user = userEvent.setup();
    render(<SettingsEditor initial={settings} onSaved={() => undefined} />);
    const leverage = screen.getByLabelText('Leverage (×)');
    await user.clear(leverage);
    await user.type(leverage, '200');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('must be between 1 and 125')).toBeInTheDocument();
    expect(leverage).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
  });

  it('asks before leaving with unsaved settings, and not once they are saved', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({ 'PUT /api/me/settings': (call) => json(200, call.body) });
    window.history.replaceState(null, '', '/profile');
    const answers: boolean[] = [];
    const confirm = vi.spyOn(window, 'confirm').mockImplementation(() => answers.shift() ?? true);
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <SettingsEditor initial={settings} onSaved={() => undefined} />
        <Link to="/dashboard">Dashboard</Link>
      </RouterProvider>,
    );
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);

    const leverage = screen.getByLabelText('Leverage (×)');
    await user.clear(leverage);
    await user.type(leverage, '7');
    expect(unload()).toBe(true);
    answers.push(false);
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    expect(confirm).toHaveBeenLastCalledWith(expect.stringContaining('not saved'));
    expect(window.location.pathname).toBe('/profile');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Settings saved/);
    expect(unload()).toBe(false);
    confirm.mockClear();
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/dashboard');
    confirm.mockRestore();
  });

  it('saves valid settings and shows the server field errors it still finds', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let attempt = 0;
    const calls = mockFetch({
      'PUT /api/me/settings': (call) => {
        attempt++;
        return attempt === 1
          ? problem(422, 'symbols: unknown', { errors: [{ field: 'symbols', message: 'DOGE-USDT is not listed' }] })
          : json(200, call.body);
      },
    });
    const user = userEvent.setup();
    let saved: unknown;
    render(<SettingsEditor initial={settings} onSaved={(s) => (saved = s)} />);
    const symbols = screen.getByLabelText('Symbols');
    await user.clear(symbols);
    await user.type(symbols, 'doge-usdt');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('DOGE-USDT is not listed')).toBeInTheDocument();
    await user.clear(symbols);
    await user.type(symbols, 'eth-usdt, btc-usdt');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(saved).toMatchObject({ symbols: ['ETH-USDT', 'BTC-USDT'] }));
    expect(calls[1]?.body).toMatchObject({ leverage: 5, timeframe: '5m', symbols: ['ETH-USDT', 'BTC-USDT'] });
  });

  it('shows the ADX settings for ADX trend and the EMA periods for EMA crossover, the shared ones for both', async () => {
    mockFetch({});
    const user = userEvent.setup();
    render(<SettingsEditor initial={settings} onSaved={() => undefined} />);
    const shared = [
      'Stop distance (× ATR)',
      'Take profit (× stop distance)',
      'Risk per trade (%)',
      'Max open positions',
      'Daily loss limit (%)',
      'Max drawdown (%)',
      'Leverage (×)',
    ];
    expect(screen.getByLabelText('Strategy')).toHaveValue('ADX_TREND');
    expect(screen.getByLabelText('ADX threshold')).toHaveValue(25);
    expect(screen.getByLabelText('Min. signal confidence')).toHaveValue(60);
    expect(screen.queryByLabelText('Fast EMA period')).toBeNull();
    expect(screen.queryByLabelText('Slow EMA period')).toBeNull();
    shared.forEach((label) => expect(screen.getByLabelText(label)).toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('Strategy'), 'EMA crossover');
    expect(screen.queryByLabelText('ADX threshold')).toBeNull();
    expect(screen.queryByLabelText('Min. signal confidence')).toBeNull();
    expect(screen.getByLabelText('Fast EMA period')).toHaveValue('9');
    expect(screen.getByLabelText('Slow EMA period')).toHaveValue('21');
    const options = (label: string) =>
      [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.value);
    expect(options('Fast EMA period')).toEqual(['9', '21', '50', '100']);
    expect(options('Slow EMA period')).toEqual(['21', '50', '100', '200']);
    shared.forEach((label) => expect(screen.getByLabelText(label)).toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('Strategy'), 'ADX trend');
    expect(screen.getByLabelText('ADX threshold')).toBeInTheDocument();
    expect(screen.queryByLabelText('Fast EMA period')).toBeNull();
  });

  it('says the fast EMA must be shorter than the slow one and sends nothing, then saves the crossover', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({ 'PUT /api/me/settings': (call) => json(200, call.body) });
    const user = userEvent.setup();
    let saved: unknown;
    render(<SettingsEditor initial={settings} onSaved={(s) => (saved = s)} />);
    await user.selectOptions(screen.getByLabelText('Strategy'), 'EMA crossover');
    await user.selectOptions(screen.getByLabelText('Fast EMA period'), '50');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('must be longer than the fast EMA (50)')).toBeInTheDocument();
    expect(screen.getByLabelText('Slow EMA period')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
    await user.selectOptions(screen.getByLabelText('Slow EMA period'), '200');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(saved).toMatchObject({ strategy: 'EMA_CROSS', emaFast: 50, emaSlow: 200 }));
    expect(calls[0]?.body).toMatchObject({
      strategy: 'EMA_CROSS',
      emaFast: 50,
      emaSlow: 200,
      adxThreshold: 25,
      stopAtr: 2,
    });
  });

  it('names a problem in a setting the picked strategy does not show', async () => {
    const calls = mockFetch({});
    const user = userEvent.setup();
    render(
      <SettingsEditor
        initial={{ ...settings, strategy: 'EMA_CROSS', emaFast: 9, emaSlow: 21, adxThreshold: 5 }}
        onSaved={() => undefined}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText(/ADX threshold must be between 10 and 50 \(a setting of ADX trend\)/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

describe('trading settings within the allowed markets', () => {
  const allowed = { symbols: ['BTC-USDT', 'SOL-USDT'], timeframes: ['5m' as const, '1h' as const] };

  it('offers only the allowed symbols and timeframes', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({ 'PUT /api/me/settings': (call) => json(200, call.body) });
    const user = userEvent.setup();
    render(<SettingsEditor initial={settings} allowed={allowed} onSaved={() => undefined} />);
    expect(screen.queryByRole('textbox', { name: 'Symbols' })).toBeNull();
    const group = within(screen.getByRole('group', { name: 'Symbols' }));
    expect(group.getAllByRole('checkbox').map((c) => c.getAttribute('value'))).toEqual(['BTC-USDT', 'SOL-USDT']);
    expect(
      within(screen.getByLabelText('Timeframe'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['5m', '1h']);
    expect(screen.queryByText(/no longer allows/)).toBeNull();
    await user.click(group.getByRole('checkbox', { name: 'SOL-USDT' }));
    await user.selectOptions(screen.getByLabelText('Timeframe'), '1h');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(calls[0]?.body).toMatchObject({ symbols: ['BTC-USDT', 'SOL-USDT'], timeframe: '1h' }));
  });

  it('keeps what the saved settings hold from before a restriction, marked, and says what that means', () => {
    render(
      <SettingsEditor
        initial={{ ...settings, symbols: ['ETH-USDT', 'BTC-USDT'], timeframe: '15m' }}
        allowed={allowed}
        onSaved={() => undefined}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'The platform no longer allows ETH-USDT, 15m. A running bot keeps trading what it trades',
    );
    expect(screen.getByRole('checkbox', { name: 'ETH-USDT (no longer allowed)' })).toBeChecked();
    expect(
      within(screen.getByLabelText('Timeframe'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['5m', '15m (no longer allowed)', '1h']);
  });
});
