import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { curvePath } from '../dashboard/PerformanceCard';
import { BacktestPage, backtestRequest, equityPoints } from './BacktestPage';
import type { BacktestResult, Settings } from '../../api/types';

const saved: Settings = {
  maxPositions: 2,
  riskPerTradePct: 2,
  dailyLossLimitPct: 5,
  maxDrawdownPct: 15,
  leverage: 5,
  positionMode: 'HEDGE',
  adxThreshold: 25,
  timeframe: '15m',
  signalConfidence: 60,
  stopAtr: 2,
  takeProfitR: 2,
  symbols: ['BTC-USDT'],
  strategy: 'ADX_TREND',
  emaFast: 9,
  emaSlow: 21,
};

const result = (pnl: number): BacktestResult => ({
  symbol: 'ETH-USDT',
  timeframe: '5m',
  source: 'data set ETH-USDT',
  firstCandle: '2023-03-13T00:00:00Z',
  lastCandle: '2023-03-15T00:00:00Z',
  summary: {
    candles: 580,
    trades: 2,
    wins: 1,
    losses: 1,
    winRatePct: 50,
    totalPnl: pnl,
    fees: 1.2,
    initialEquity: 10000,
    finalEquity: 10000 + pnl,
    maxDrawdownPct: 0.4,
    exposurePct: 12,
  },
  trades: [
    {
      number: 1,
      side: 'LONG',
      entryTime: '2023-03-13T10:00:00Z',
      entryPrice: 1500,
      exitTime: '2023-03-13T11:00:00Z',
      exitPrice: 1520,
      quantity: 1,
      netPnl: pnl + 5,
      exitReason: 'TAKE_PROFIT',
    },
    {
      number: 2,
      side: 'SHORT',
      entryTime: '2023-03-14T10:00:00Z',
      entryPrice: 1530,
      exitTime: '2023-03-14T11:00:00Z',
      exitPrice: 1535,
      quantity: 1,
      netPnl: -5,
      exitReason: 'STOP_LOSS',
    },
  ],
});

describe('backtest page', () => {
  it('runs the saved settings with the changes on a shipped data set, and compares the run with the one before', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let n = 0;
    const calls = mockFetch({
      'GET /api/me/settings': () => json(200, saved),
      'POST /api/me/backtest': () => json(200, result(++n === 1 ? 14 : -3)),
    });
    const user = userEvent.setup();
    render(<BacktestPage />);
    const form = await screen.findByRole('form', { name: 'Backtest' });
    expect(within(form).getByLabelText('Timeframe')).toHaveValue('5m');
    expect(within(form).getByLabelText('Timeframe')).toBeDisabled();
    await user.clear(within(form).getByLabelText('ADX threshold'));
    await user.type(within(form).getByLabelText('ADX threshold'), '18');
    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    expect(await screen.findAllByTestId('backtest-trade')).toHaveLength(2);
    const body = calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body.dataset).toBe('ETH-USDT');
    expect(body.settings).toMatchObject({ adxThreshold: 18, timeframe: '5m', stopAtr: 2, symbols: ['BTC-USDT'] });
    expect(screen.getByTestId('backtest-summary')).toHaveTextContent('+14.00 USDT');
    expect(screen.getByRole('img', { name: 'Equity after each trade' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    await waitFor(() => expect(screen.getByTestId('backtest-summary')).toHaveTextContent('Previous run'));
    const summary = screen.getByTestId('backtest-summary');
    expect(summary).toHaveTextContent('−3.00 USDT');
    expect(summary).toHaveTextContent('+14.00 USDT');
  });

  it('says in words what the server refused, and cancels a run that is on its way', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let answer: (r: Response) => void = () => undefined;
    let first = true;
    mockFetch({
      'GET /api/me/settings': () => json(200, saved),
      'POST /api/me/backtest': () => {
        if (first) {
          first = false;
          return problem(422, 'settings.timeframe: the BTC-USDT data set ...', {
            errors: [{ field: 'settings.timeframe', message: 'must be one the data set has' }],
          });
        }
        return new Promise<Response>((resolve) => (answer = resolve));
      },
    });
    const user = userEvent.setup();
    render(<BacktestPage />);
    const form = await screen.findByRole('form', { name: 'Backtest' });
    await user.selectOptions(within(form).getByLabelText('Data'), 'BTC-USDT');
    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Timeframe must be one the data set has.');

    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Cancelled');
    answer(json(200, result(99)));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('backtest-summary')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run backtest' })).toBeEnabled();
  });

  it('posts your own candles with their symbol, and adds the trades to the starting equity for the curve', () => {
    const request = backtestRequest(
      saved,
      {
        timeframe: '1h',
        adxThreshold: '25',
        signalConfidence: '60',
        stopAtr: '2',
        takeProfitR: '2',
        riskPerTradePct: '1',
      },
      'csv',
      'time,open,high,low,close,volume\n',
      'SOL-USDT',
      '500',
    );
    expect(request).toMatchObject({ candles: 'time,open,high,low,close,volume\n', symbol: 'SOL-USDT', equity: 500 });
    expect(request.settings).toMatchObject({ timeframe: '1h', riskPerTradePct: 1 });
    expect(request.dataset).toBeUndefined();
    expect(equityPoints(result(14)).map((p) => p.cumulativePnl)).toEqual([10000, 10019, 10014]);
    // drawn from the starting equity, not from zero: the first point is the top-left corner of a rising run
    expect(curvePath(equityPoints(result(14)), 100, 100, null)?.path).toBe('M0.0,100.0 L50.0,0.0 L100.0,26.3');
  });
});
