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
});
