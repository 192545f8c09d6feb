import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { NotificationsCard } from './NotificationsCard';

const configured = {
  webhook: {
    enabled: true,
    url: 'https://hooks.example.com/trenddesk',
    secretMask: '****6789',
    events: ['ENTRY', 'EXIT'],
  },
  telegram: { enabled: true, chatId: '-100123', botTokenMask: '****abcd', events: ['EXIT'] },
  choosableEvents: ['ENTRY', 'EXIT', 'ORDER_REJECTED', 'RISK_STOP', 'KEY_PROBLEM', 'SECURITY'],
};

const delivered = {
  id: 'webhook:test:1',
  channel: 'WEBHOOK',
  kind: 'TEST',
  status: 'DELIVERED',
  attempts: 1,
  lastStatusCode: 200,
  summary: 'Test message from TrendDesk',
  createdAt: '2026-01-01T10:00:00Z',
};

function renderCard() {
  document.cookie = 'XSRF-TOKEN=t; path=/';
  render(<NotificationsCard />);
}

describe('the notifications card', () => {
  it('shows the channels with masked secrets and the recent deliveries', async () => {
    mockFetch({
      'GET /api/me/notifications': () => json(200, configured),
      'GET /api/me/notifications/deliveries': () =>
        json(200, [
          delivered,
          {
            ...delivered,
            id: 'telegram:event:2',
            channel: 'TELEGRAM',
            kind: 'EXIT',
            status: 'RETRYING',
            attempts: 2,
            lastError: 'HTTP 503',
            summary: 'Position closed: LONG ETH-USDT, net P&L +49.02 USDT',
          },
        ]),
    });
    renderCard();
    expect(await screen.findByLabelText('Webhook URL')).toHaveValue('https://hooks.example.com/trenddesk');
    expect(screen.getByText('Stored: ****6789. Leave empty to keep it.')).toBeInTheDocument();
    expect(screen.getByText('Stored: ****abcd. Leave empty to keep it.')).toBeInTheDocument();
    expect(screen.getByLabelText('Signing secret')).toHaveValue('');
    expect(screen.getByLabelText('Chat id')).toHaveValue('-100123');
    const table = await screen.findByRole('table', { name: 'Recent deliveries' });
    expect(within(table).getByText('Position closed: LONG ETH-USDT, net P&L +49.02 USDT')).toBeInTheDocument();
    expect(within(table).getByText('HTTP 503')).toBeInTheDocument();
    expect(within(table).getByText('RETRYING')).toBeInTheDocument();
  });

  it('saves a new webhook with chosen events and shows the generated secret once', async () => {
    const calls = mockFetch({
      'GET /api/me/notifications': () => json(200, { choosableEvents: configured.choosableEvents }),
      'GET /api/me/notifications/deliveries': () => json(200, []),
      'PUT /api/me/notifications': () =>
        json(200, {
          ...configured,
          telegram: undefined,
          webhook: { ...configured.webhook, events: ['ENTRY', 'EXIT', 'SECURITY'] },
          generatedSecret: 'tdwh_generated-secret-value',
        }),
    });
    const user = userEvent.setup();
    renderCard();
    expect(await screen.findByText('No notifications sent yet.')).toBeInTheDocument();
    await user.click(await screen.findByRole('checkbox', { name: 'Send to a webhook' }));
    await user.type(screen.getByLabelText('Webhook URL'), ' https://hooks.example.com/trenddesk ');
    await user.click(screen.getByRole('checkbox', { name: 'Suspicious activity on your account' }));
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Notification settings saved.');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({
      webhook: { enabled: true, url: 'https://hooks.example.com/trenddesk', events: ['ENTRY', 'EXIT', 'SECURITY'] },
    });
    expect(screen.getByRole('note')).toHaveTextContent('tdwh_generated-secret-value');
    expect(screen.getByText('Stored: ****6789. Leave empty to keep it.')).toBeInTheDocument();
  });

  it('marks the fields the server refuses', async () => {
    mockFetch({
      'GET /api/me/notifications': () => json(200, configured),
      'GET /api/me/notifications/deliveries': () => json(200, []),
      'PUT /api/me/notifications': () =>
        problem(422, 'webhook.url: must use https', {
          errors: [
            { field: 'webhook.url', message: 'must use https' },
            { field: 'telegram.chatId', message: 'must be a number (negative for a group) or @channelname' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderCard();
    const url = await screen.findByLabelText('Webhook URL');
    await user.clear(url);
    await user.type(url, 'http://hooks.example.com');
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Url must use https.');
    expect(screen.getByLabelText('Webhook URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Chat id')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Signing secret')).toHaveAttribute('aria-invalid', 'false');
  });

  it('sends a test and reports the outcome', async () => {
    const calls = mockFetch({
      'GET /api/me/notifications': () => json(200, configured),
      'GET /api/me/notifications/deliveries': () => json(200, []),
      'POST /api/me/notifications/webhook/test': () => json(200, delivered),
      'POST /api/me/notifications/telegram/test': () =>
        json(200, {
          ...delivered,
          id: 'telegram:test:2',
          channel: 'TELEGRAM',
          status: 'FAILED',
          lastStatusCode: 401,
          lastError: 'HTTP 401: Unauthorized',
        }),
    });
    const user = userEvent.setup();
    renderCard();
    await user.click(await screen.findByRole('button', { name: 'Send test to webhook' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Test message delivered.');
    await user.click(screen.getByRole('button', { name: 'Send test to Telegram' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Test message failed: HTTP 401: Unauthorized.');
    expect(calls.filter((c) => c.method === 'GET' && c.url.includes('deliveries')).length).toBeGreaterThan(1);
  });

  it('offers e-mail to the account address with the daily summary, saves it and sends a test', async () => {
    const calls = mockFetch({
      'GET /api/me/notifications': () =>
        json(200, {
          choosableEvents: [...configured.choosableEvents, 'DAILY_SUMMARY'],
          emailAvailable: true,
          emailAddress: 'trader@example.com',
        }),
      'GET /api/me/notifications/deliveries': () => json(200, []),
      'PUT /api/me/notifications': () =>
        json(200, {
          choosableEvents: [...configured.choosableEvents, 'DAILY_SUMMARY'],
          emailAvailable: true,
          emailAddress: 'trader@example.com',
          email: { enabled: true, events: ['EXIT', 'DAILY_SUMMARY'] },
        }),
      'POST /api/me/notifications/email/test': () => json(200, { ...delivered, id: 'email:test:3', channel: 'EMAIL' }),
    });
    const user = userEvent.setup();
    renderCard();
    await user.click(await screen.findByRole('checkbox', { name: 'Send e-mail to trader@example.com' }));
    const emailBox = screen.getByRole('group', { name: 'E-mail' });
    expect(within(emailBox).getByText(/Sent to your account address, trader@example.com/)).toBeInTheDocument();
    const choices = within(emailBox).getByRole('group', { name: 'Events sent to e-mail' });
    expect(within(choices).getByRole('checkbox', { name: /Daily summary/ })).toBeChecked();
    expect(within(choices).getByRole('checkbox', { name: 'Exits, with P&L' })).toBeChecked();
    await user.click(within(choices).getByRole('checkbox', { name: 'Exits, with P&L' }));
    await user.click(within(choices).getByRole('checkbox', { name: 'Exits, with P&L' }));
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Notification settings saved.');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      email: { enabled: true, events: ['DAILY_SUMMARY', 'EXIT'] },
    });
    await user.click(await screen.findByRole('button', { name: 'Send test e-mail' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Test message delivered.');
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/api/me/notifications/email/test'))).toBe(true);
  });

  it('explains that e-mail is unavailable when the server has no SMTP server', async () => {
    mockFetch({
      'GET /api/me/notifications': () =>
        json(200, { ...configured, emailAvailable: false, emailAddress: 'trader@example.com' }),
      'GET /api/me/notifications/deliveries': () =>
        json(200, [{ ...delivered, id: 'email:summary:1', channel: 'EMAIL', kind: 'DAILY_SUMMARY' }]),
    });
    renderCard();
    const emailBox = await screen.findByRole('group', { name: 'E-mail' });
    expect(
      within(emailBox).getByText(/E-mail is unavailable: this server has no mail \(SMTP\) server/),
    ).toBeInTheDocument();
    expect(within(emailBox).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send test e-mail' })).not.toBeInTheDocument();
    // the daily summary is a choice on the other channels too
    const webhookChoices = screen.getByRole('group', { name: 'Events sent to the webhook' });
    expect(within(webhookChoices).getByRole('checkbox', { name: /Daily summary/ })).not.toBeChecked();
    const table = await screen.findByRole('table', { name: 'Recent deliveries' });
    expect(within(table).getByText('E-mail')).toBeInTheDocument();
  });
});
