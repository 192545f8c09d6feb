import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../api/types';
import { OrdersTable } from './OrdersTable';
import { PositionsTable } from './Tables';

const rejected: Order = {
  clientOrderId: 'td-close-1',
  symbol: 'ETH-USDT',
  intent: 'CLOSE',
  direction: 'LONG',
  quantity: 0.5,
  status: 'REJECTED',
  rejectCode: 80014,
  rejectMessage: 'BingX refused the order as invalid (code 80014: No position to close)',
  updatedAt: '2026-03-01T10:05:01Z',
};
const filled: Order = {
  clientOrderId: 'td-open-1',
  symbol: 'ETH-USDT',
  intent: 'OPEN',
  direction: 'LONG',
  quantity: 0.5,
  status: 'FILLED',
  exchangeOrderId: '1001',
  fillPrice: 2000,
  updatedAt: '2026-03-01T10:00:01Z',
};

describe('orders table', () => {
  it("shows a rejected order with the exchange's code and message", () => {
    render(<OrdersTable orders={[rejected, filled]} />);
    const table = screen.getByRole('region', { name: 'Orders' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(first!).getByText('REJECTED')).toBeTruthy();
    expect(
      within(first!).getByText('code 80014: BingX refused the order as invalid (code 80014: No position to close)'),
    ).toBeTruthy();
    expect(within(second!).getByText('FILLED')).toBeTruthy();
    expect(within(second!).getByText('order 1001')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toBe('1 order was rejected by BingX.');
  });

  it('says so when there are no orders', () => {
    render(<OrdersTable orders={[]} />);
    expect(screen.getByText('No orders yet.')).toBeTruthy();
  });
});

describe('positions table', () => {
  it('marks a position the bot did not open as external and not managed by the bot', () => {
    render(
      <PositionsTable
        positions={[
          {
            symbol: 'ETH-USDT',
            side: 'LONG',
            quantity: 0.5,
            entryPrice: 2000,
            openedAt: '2026-03-01T10:00:01Z',
            external: false,
          },
          {
            symbol: 'BTC-USDT',
            side: 'SHORT',
            quantity: 0.1,
            entryPrice: 60000,
            openedAt: '2026-03-01T09:00:00Z',
            external: true,
          },
        ]}
      />,
    );
    const [, own, external] = within(screen.getByRole('region', { name: 'Open positions' })).getAllByRole('row');
    expect(within(own!).queryByText(/external/)).toBeNull();
    expect(within(external!).getByText('external — not managed by the bot')).toBeTruthy();
  });
});
