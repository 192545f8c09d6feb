import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { AdminPlansPage } from '../admin/AdminPlansPage';
import { PlanCard } from './PlanCard';
import { SettingsEditor } from './SettingsForm';

const FREE_LIMITS = {
  symbols: ['BTC-USDT'],
  maxSymbolsPerBot: 1,
  timeframes: ['5m', '15m'],
  strategies: ['ADX_TREND'],
  liveFunds: false,
  maxLeverage: 3,
  backtestsPerDay: 3,
  notificationChannels: ['EMAIL'],
};
const free = {
  planId: 'free',
  name: 'Free',
  monthlyPrice: 0,
  currency: 'USD',
  limits: FREE_LIMITS,
  retired: false,
  defaultPlan: true,
  shipped: true,
};
const basic = {
  ...free,
  planId: 'basic',
  name: 'Basic',
  monthlyPrice: 19,
  defaultPlan: false,
  limits: { ...FREE_LIMITS, symbols: [], maxSymbolsPerBot: 3, timeframes: [], strategies: [], maxLeverage: 10 },
};

const settings = {
  maxPositions: 1,
  riskPerTradePct: 2,
  dailyLossLimitPct: 5,
  maxDrawdownPct: 15,
  leverage: 3,
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

describe('the plan card', () => {
  it('shows the plan, its limits and a past-due subscription with its effect', async () => {
    mockFetch({
      'GET /api/me/plan': () =>
        json(200, {
          userId: 'u1',
          plan: basic,
          assigned: true,
          status: 'PAST_DUE',
          mayEnter: false,
          periodStart: '2026-11-07T10:00:00Z',
          periodEnd: '2026-12-07T10:00:00Z',
          now: '2026-12-07T11:00:00Z',
        }),
    });
    render(<PlanCard />);
    expect(await screen.findByText('Basic')).toBeInTheDocument();
    expect(screen.getByText('PAST_DUE')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/no new positions/);
    expect(screen.getByText('Leverage 1x–10x')).toBeInTheDocument();
    expect(screen.getByText('Up to 3 symbols per bot')).toBeInTheDocument();
    expect(screen.getByText(/paid through/)).toHaveTextContent('nothing yet');
  });
});

describe('the settings form on a plan', () => {
  it('disables what the plan does not allow with an upgrade hint and offers the plan symbols', () => {
    render(
      <SettingsEditor
        initial={settings}
        onSaved={() => undefined}
        plan={{ name: 'Free', limits: FREE_LIMITS as never }}
      />,
    );
    const timeframe = screen.getByRole('combobox', { name: 'Timeframe' });
    const hourly = within(timeframe).getByRole('option', { name: /^1h/ });
    expect(hourly).toBeDisabled();
    expect(hourly).toHaveTextContent('upgrade from Free to use');
    expect(within(timeframe).getByRole('option', { name: '15m' })).toBeEnabled();
    const strategy = screen.getByRole('combobox', { name: 'Strategy' });
    const others = within(strategy)
      .getAllByRole('option')
      .filter((o) => !(o as HTMLOptionElement).value.startsWith('ADX'));
    others.forEach((o) => expect(o).toBeDisabled());
    expect(screen.getByRole('checkbox', { name: 'BTC-USDT' })).toBeChecked();
    expect(screen.getByTestId('plan-hint')).toHaveTextContent('leverage up to 3x');
  });

  it('shows no plan hints without a plan', () => {
    render(<SettingsEditor initial={settings} onSaved={() => undefined} />);
    expect(screen.queryByTestId('plan-hint')).toBeNull();
    expect(
      within(screen.getByRole('combobox', { name: 'Timeframe' })).getByRole('option', { name: '1h' }),
    ).toBeEnabled();
  });
});

describe('the admin plans page', () => {
  it('lists the plans, assigns a plan to a trader and records a payment with the trader’s history', async () => {
    const user = userEvent.setup();
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let assigned = false;
    const current = () => ({
      current: {
        userId: 't1',
        plan: assigned ? basic : free,
        assigned,
        status: assigned ? 'PAST_DUE' : 'ACTIVE',
        mayEnter: !assigned,
        now: '2026-12-07T11:00:00Z',
      },
      history: assigned
        ? [
            {
              at: '2026-12-07T11:00:00Z',
              kind: 'ASSIGNED',
              summary: 'from the default plan to Basic',
              reason: 'upgrade',
            },
          ]
        : [],
    });
    const calls = mockFetch({
      'GET /api/admin/plans': () => json(200, [free, basic]),
      'GET /api/admin/users': () =>
        json(200, [
          { id: 't1', username: 'tina', role: 'trader' },
          { id: 'v1', username: 'vic', role: 'viewer' },
        ]),
      'GET /api/admin/users/t1/plan': () => json(200, current()),
      'PUT /api/admin/users/t1/plan': () => {
        assigned = true;
        return json(200, current().current);
      },
      'POST /api/admin/users/t1/plan/payments': () => json(200, current().current),
    });
    render(<AdminPlansPage />);
    expect(await screen.findByRole('region', { name: 'Plan Free' })).toHaveTextContent('Demo funds only');
    expect(screen.getByRole('region', { name: 'Plan Basic' })).toHaveTextContent('Any symbol the platform allows');
    const trader = screen.getByRole('combobox', { name: 'Trader' });
    await within(trader).findByRole('option', { name: 'tina' });
    expect(within(trader).queryByRole('option', { name: 'vic' })).toBeNull();
    await user.selectOptions(trader, 't1');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Plan' }), 'basic');
    await user.type(screen.getByRole('textbox', { name: 'Reason for the change' }), 'upgrade');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText(/from the default plan to Basic/)).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Amount (USD)' }), '19');
    await user.type(screen.getByRole('textbox', { name: 'Reference' }), 'INV-1');
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText('Payment recorded.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT' && c.url.endsWith('/t1/plan'))?.body).toEqual({
      planId: 'basic',
      reason: 'upgrade',
    });
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/payments'))?.body).toEqual({
      amount: 19,
      reference: 'INV-1',
    });
  });
});
