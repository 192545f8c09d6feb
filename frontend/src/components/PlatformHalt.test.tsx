import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RouterProvider } from '../lib/router';
import { json, mockFetch } from '../test/fetchMock';
import { BotControls } from '../pages/dashboard/BotControls';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { HaltBanner, MaintenanceBanner } from './PlatformHalt';

const HALTED = {
  halted: true,
  reason: 'BingX maintenance',
  flatten: false,
  since: '2026-12-01T10:00:00Z',
  maintenance: false,
};
const MAINTENANCE = {
  halted: false,
  flatten: false,
  maintenance: true,
  maintenanceReason: 'database upgrade',
  maintenanceSince: '2026-12-01T09:00:00Z',
};

describe('the platform halt as traders see it', () => {
  it('shows the banner with the reason and the time only while halted', () => {
    const { rerender } = render(<HaltBanner status={HALTED} />);
    const banner = screen.getByRole('alert', { name: 'Trading halted' });
    expect(banner).toHaveTextContent('Trading is halted by the platform: BingX maintenance — since');
    expect(banner.querySelector('time')?.getAttribute('dateTime')).toBe('2026-12-01T10:00:00Z');
    expect(banner).toHaveTextContent('Bots are paused');
    rerender(<HaltBanner status={{ ...HALTED, flatten: true }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('positions closed');
    rerender(<HaltBanner status={{ halted: false, flatten: false, maintenance: false }} />);
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<HaltBanner status={undefined} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables start and resume with the reason, and keeps pause and stop', () => {
    const { rerender } = render(
      <BotControls bot={{ status: 'STOPPED' }} userId={null} canControl onChanged={() => {}} platform={HALTED} />,
    );
    const start = screen.getByRole('button', { name: 'Start bot' });
    expect(start).toBeDisabled();
    expect(start).toHaveAttribute('title', 'Trading is halted by the platform: BingX maintenance');
    expect(screen.getByText('Trading is halted by the platform: BingX maintenance')).toBeInTheDocument();

    rerender(
      <BotControls
        bot={{ status: 'PAUSED', pauseReason: 'PLATFORM_HALT', pauseDetail: 'trading is halted' }}
        userId={null}
        canControl
        onChanged={() => {}}
        platform={HALTED}
      />,
    );
    expect(screen.getByRole('button', { name: 'Resume' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled();
    expect(screen.getByText(/emergency stop; resume once it is released/)).toBeInTheDocument();

    rerender(
      <BotControls
        bot={{ status: 'STOPPED' }}
        userId={null}
        canControl
        onChanged={() => {}}
        platform={{ halted: false, flatten: false, maintenance: false }}
      />,
    );
    expect(screen.getByRole('button', { name: 'Start bot' })).toBeEnabled();
  });

  it('shows the banner on the dashboard from GET /api/platform/status', async () => {
    mockFetch({
      'GET /api/platform/status': () => json(200, HALTED),
      'GET /api/me/dashboard': () => json(200, { bot: { status: 'STOPPED' } }),
      'GET /api/me/bot': () => json(200, { status: 'STOPPED' }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('alert', { name: 'Trading halted' })).toHaveTextContent('BingX maintenance');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start bot' })).toBeDisabled());
  });
});

describe('maintenance mode as traders see it', () => {
  it('shows the banner with the reason and the time only while on, and leaves start enabled', () => {
    const { rerender } = render(<MaintenanceBanner status={MAINTENANCE} />);
    const banner = screen.getByRole('status', { name: 'Platform maintenance' });
    expect(banner).toHaveTextContent('The platform is in maintenance: database upgrade — since');
    expect(banner.querySelector('time')?.getAttribute('dateTime')).toBe('2026-12-01T09:00:00Z');
    expect(banner).toHaveTextContent('Bots open no new positions');
    expect(banner).toHaveTextContent('exits, stop-losses and take-profits still run');
    rerender(<MaintenanceBanner status={{ ...MAINTENANCE, maintenance: false }} />);
    expect(screen.queryByRole('status', { name: 'Platform maintenance' })).toBeNull();
    rerender(<MaintenanceBanner status={undefined} />);
    expect(screen.queryByRole('status', { name: 'Platform maintenance' })).toBeNull();

    render(
      <BotControls bot={{ status: 'STOPPED' }} userId={null} canControl onChanged={() => {}} platform={MAINTENANCE} />,
    );
    expect(screen.getByRole('button', { name: 'Start bot' })).toBeEnabled();
  });

  it('shows the banner on the dashboard from GET /api/platform/status', async () => {
    mockFetch({
      'GET /api/platform/status': () => json(200, MAINTENANCE),
      'GET /api/me/dashboard': () => json(200, { bot: { status: 'STOPPED' } }),
      'GET /api/me/bot': () => json(200, { status: 'STOPPED' }),
    });
    render(
      <RouterProvider>
        <DashboardPage userId={null} canControl title="Dashboard" />
      </RouterProvider>,
    );
    expect(await screen.findByRole('status', { name: 'Platform maintenance' })).toHaveTextContent('database upgrade');
    expect(screen.queryByRole('alert', { name: 'Trading halted' })).toBeNull();
  });
});
