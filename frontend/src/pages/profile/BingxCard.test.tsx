import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { BingxCard } from './BingxCard';

describe('the connection card', () => {
  it('shows the exchange the key belongs to', async () => {
    mockFetch({
      'GET /api/me/bingx': () =>
        json(200, { status: 'VERIFIED', maskedApiKey: '****WXYZ', accountType: 'SIMULATED', exchange: 'BINGX' }),
    });
    render(<BingxCard />);
    expect(await screen.findByTestId('exchange')).toHaveTextContent('BingX');
    expect(screen.getByText('****WXYZ')).toBeInTheDocument();
  });

  it('says as of when the balance on the card was read', async () => {
    mockFetch({
      'GET /api/me/bingx': () =>
        json(200, {
          status: 'VERIFIED',
          maskedApiKey: '****WXYZ',
          exchange: 'BINGX',
          balance: 2500,
          asset: 'USDT',
          lastVerifiedAt: '2026-03-01T10:00:00Z',
        }),
    });
    render(<BingxCard />);
    const balance = await screen.findByTestId('verified-balance');
    expect(balance).toHaveTextContent('2,500');
    expect(balance).toHaveTextContent('as of');
    expect(balance.querySelector('time')).toHaveAttribute('datetime', '2026-03-01T10:00:00Z');
  });
});
