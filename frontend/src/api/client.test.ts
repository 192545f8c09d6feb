import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, fieldLabel, onSessionExpired } from './client';
import { json, mockFetch, problem } from '../test/fetchMock';
import { REJECTION_MESSAGES } from '../lib/rejections';

describe('api client', () => {
  it('sends the XSRF-TOKEN cookie as X-XSRF-TOKEN on state-changing requests, fetching it first when missing', async () => {
    const calls = mockFetch({
      'GET /api/auth/csrf': () => {
        document.cookie = 'XSRF-TOKEN=abc123; path=/';
        return json(200, { token: 'abc123' });
      },
      'PUT /api/me/password': () => new Response(null, { status: 204 }),
    });
    await api.changePassword('old', 'new password 123');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/auth/csrf', 'PUT /api/me/password']);
    expect(calls[1]?.headers['X-XSRF-TOKEN']).toBe('abc123');
    expect(calls[1]?.body).toEqual({ currentPassword: 'old', newPassword: 'new password 123' });
  });

  it('changes the e-mail address with PUT /api/me/email and answers the profile', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'PUT /api/me/email': () => json(200, { id: 'u1', username: 'carol', email: 'carol.new@example.org' }),
    });
    const me = await api.changeEmail('carol.new@example.org', 'carol-secret-pw');
    expect(me.email).toBe('carol.new@example.org');
    expect(calls[0]?.body).toEqual({ email: 'carol.new@example.org', currentPassword: 'carol-secret-pw' });
  });

  it('turns problem+json into ApiError with field errors', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'PUT /api/me/settings': () =>
        problem(422, 'leverage: must be between 1 and 125', {
          errors: [{ field: 'leverage', message: 'must be between 1 and 125' }],
        }),
    });
    const error = await api.updateSettings({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldMessage('leverage')).toBe('must be between 1 and 125');
    expect((error as ApiError).message).toBe('Leverage must be between 1 and 125.');
  });

  it('words field errors in plain language, never as a field name and a colon', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'PUT /api/me/password': () =>
        problem(
          422,
          'currentPassword: is not your current password; newPassword: must differ from the current password',
          {
            errors: [
              { field: 'currentPassword', message: 'is not your current password' },
              { field: 'newPassword', message: 'must differ from the current password' },
            ],
          },
        ),
    });
    const error = (await api.changePassword('old', 'new password 123').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(
      'Current password is not your current password. New password must differ from the current password.',
    );
    expect(error.message).not.toContain('currentPassword');
    expect(fieldLabel('settings.maxOpenPositions')).toBe('Max open positions');
    expect(fieldLabel('symbols[0]')).toBe('Symbols');
    expect(fieldLabel('risk_per_trade')).toBe('Risk per trade');
  });

  it("words a coded refusal with the dashboard's message for the code and keeps the server's detail", async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const detail = 'leverage cannot change from 5 to 10 while the bot holds positions or waits for an entry (BTC-USDT)';
    mockFetch({
      'PUT /api/me/settings': () => problem(409, detail, { code: 'POSITION_OPEN_LEVERAGE_CHANGE' }),
      'POST /api/me/bot/start': () => problem(409, 'a newer refusal', { code: 'SOMETHING_NEWER' }),
      'DELETE /api/me/bingx': () => problem(409, 'an uncoded conflict'),
    });
    const coded = (await api.updateSettings({} as never).catch((e: unknown) => e)) as ApiError;
    expect(coded.status).toBe(409);
    expect(coded.code).toBe('POSITION_OPEN_LEVERAGE_CHANGE');
    expect(coded.message).toBe(REJECTION_MESSAGES.POSITION_OPEN_LEVERAGE_CHANGE);
    expect(coded.detail).toBe(detail);
    // a code this dashboard does not know yet, or none: the server's sentence
    const unknown = (await api.botCommand(null, 'start').catch((e: unknown) => e)) as ApiError;
    expect(unknown.code).toBe('SOMETHING_NEWER');
    expect(unknown.message).toBe('a newer refusal');
    const plain = (await api.disconnectBingx().catch((e: unknown) => e)) as ApiError;
    expect(plain.code).toBeUndefined();
    expect(plain.message).toBe('an uncoded conflict');
  });

  it('reports an expired session on 401 from an authenticated call, but not from login', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const expired = vi.fn();
    const off = onSessionExpired(expired);
    mockFetch({
      'GET /api/me/positions': () => problem(401, 'log in first'),
      'POST /api/auth/login': () => problem(401, 'invalid username or password'),
    });
    await expect(api.login({ username: 'a', password: 'b' })).rejects.toBeInstanceOf(ApiError);
    expect(expired).not.toHaveBeenCalled();
    await expect(api.positions(null)).rejects.toBeInstanceOf(ApiError);
    expect(expired).toHaveBeenCalledTimes(1);
    off();
  });

  it("reads someone else's data under /api/users/{id} and commands their bot under /api/admin/users/{id}/bot", async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'GET /api/users/u-1/trades': () => json(200, { trades: [], nextCursor: null }),
      'POST /api/admin/users/u-1/bot/stop': () => json(200, { status: 'STOPPED' }),
    });
    await api.trades('u-1', { symbol: 'BTC-USDT', limit: 10 });
    await api.botCommand('u-1', 'stop', true);
    expect(calls[0]?.url).toBe('/api/users/u-1/trades?symbol=BTC-USDT&limit=10');
    expect(calls[1]?.body).toEqual({ flatten: true });
  });
});
