import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { AdminFeesPage } from './AdminFeesPage';
import { FeesCard } from './FeesCard';

const settlement = (period: string, fee: string, net: string, before: string, after: string) => ({
  period,
  periodStart: `${period}-01T00:00:00Z`,
  periodEnd: '2027-03-01T00:00:00Z',
  startEquity: '10000',
  endEquity: '10600',
  highWaterMarkBefore: before,
  highWaterMarkAfter: after,
  periodNetProfit: net,
  cumulativeProfit: after,
  rate: '0.2',
  fee,
  trades: 3,
  settledAt: '2027-03-01T00:01:00Z',
});

const fees = {
  userId: 'u1',
  rate: '0.2',
  settlementPeriod: 'MONTHLY',
  highWaterMark: '1000',
  periodStart: '2027-03-01T00:00:00Z',
  cumulativeProfit: '1100',
  accruedFee: '20.00000000',
  totalFees: '200.00000000',
  settlements: [
    settlement('2027-02', '0E-8', '-400', '1000', '1000'),
    settlement('2027-01', '200.00000000', '1000', '0', '1000'),
  ],
};

const overview = {
  traders: [
    {
      userId: 't1',
      username: 'alice',
      rate: '0.2',
      settlementPeriod: 'MONTHLY',
      highWaterMark: '1000',
      cumulativeProfit: '1100',
      accruedFee: '20',
      totalFees: '200',
      settlements: 2,
      lastSettled: '2027-02',
    },
  ],
  totalRevenue: '200',
  totalAccrued: '20',
};

describe('the fees card', () => {
  it('shows the rate, the mark, the accrued fee and each settlement with its statements', async () => {
    mockFetch({ 'GET /api/me/fees': () => json(200, fees) });
    render(<FeesCard />);
    const table = await screen.findByRole('table', { name: 'Fee settlements' });
    expect(screen.getByText('20.00 %')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const [, february, january] = within(table).getAllByRole('row');
    if (!february || !january) throw new Error('two settlement rows expected');
    expect(within(february).getByText('2027-02')).toBeInTheDocument();
    expect(within(january).getByText('2027-01')).toBeInTheDocument();
    expect(within(january).getByRole('link', { name: 'PDF' })).toHaveAttribute(
      'href',
      '/api/me/fees/statement?from=2027-01&format=pdf',
    );
    expect(within(february).getByRole('link', { name: 'CSV' })).toHaveAttribute(
      'href',
      '/api/me/fees/statement?from=2027-02&format=csv',
    );
    const all = screen.getByText(/All settlements/);
    expect(within(all).getByRole('link', { name: 'CSV' })).toHaveAttribute(
      'href',
      '/api/me/fees/statement?from=2027-01&to=2027-02&format=csv',
    );
  });

  it('says when nothing was settled and there is no fee', async () => {
    mockFetch({
      'GET /api/me/fees': () =>
        json(200, { ...fees, rate: '0', highWaterMark: '0', accruedFee: '0', periodStart: null, settlements: [] }),
    });
    render(<FeesCard />);
    expect(await screen.findByText('No settlement yet.')).toBeInTheDocument();
    expect(screen.getByText('No fee')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('the admin fees page', () => {
  it('shows every trader and the revenue, and sets terms with a reason', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const calls = mockFetch({
      'GET /api/admin/fees': () => json(200, overview),
      'GET /api/admin/users': () =>
        json(200, [
          { id: 't1', username: 'alice', role: 'trader' },
          { id: 'a1', username: 'root', role: 'admin' },
        ]),
      'PUT /api/admin/fees/t1': () => json(200, fees),
    });
    render(<AdminFeesPage />);
    const table = await screen.findByRole('table', { name: 'Fees per trader' });
    expect(within(table).getByText('alice')).toBeInTheDocument();
    expect(within(table).getByText('2027-02')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Set fee terms' }));
    expect(screen.getByText('Say why the terms change.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await screen.findByRole('option', { name: 'alice' });
    expect(screen.queryByRole('option', { name: 'root' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Trader'), 't1');
    await user.type(screen.getByLabelText('Rate (%)'), '12.5');
    await user.type(screen.getByLabelText('Reason'), 'new contract');
    await user.click(screen.getByRole('button', { name: 'Set fee terms' }));
    expect(await screen.findByText('Fee rate of alice set to 12.5 %.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ rate: 0.125, period: 'MONTHLY', reason: 'new contract' });
  });

  it('marks the field the server refused', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'GET /api/admin/fees': () => json(200, overview),
      'GET /api/admin/users': () => json(200, [{ id: 't1', username: 'alice', role: 'trader' }]),
      'PUT /api/admin/fees/t1': () =>
        problem(422, 'rate: must have at most 4 decimals', {
          errors: [{ field: 'rate', message: 'must have at most 4 decimals' }],
        }),
    });
    render(<AdminFeesPage />);
    await screen.findByRole('option', { name: 'alice' });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Trader'), 't1');
    await user.type(screen.getByLabelText('Rate (%)'), '12.34567');
    await user.type(screen.getByLabelText('Reason'), 'typo');
    await user.click(screen.getByRole('button', { name: 'Set fee terms' }));
    expect(await screen.findByText('must have at most 4 decimals')).toBeInTheDocument();
  });

  it('is read-only for auditors', async () => {
    mockFetch({ 'GET /api/admin/fees': () => json(200, overview) });
    render(<AdminFeesPage canEdit={false} />);
    expect(await screen.findByRole('table', { name: 'Fees per trader' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Set fee terms' })).not.toBeInTheDocument();
  });
});
