import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RouterProvider } from '../../lib/router';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { AdminOverviewPage } from './AdminOverviewPage';
import { EmergencyStop, haltConsequences } from './EmergencyStop';

const RUNNING = { halted: false, flatten: false };
const HALTED = { halted: true, reason: 'exchange incident', flatten: true, since: '2026-12-01T10:00:00Z' };

describe('the emergency stop on the admin overview', () => {
  it('says what follows for the bots and their positions before it is engaged', () => {
    const pause = haltConsequences(false, 3, 1);
    expect(pause).toContain('Pause every running bot on the platform (3 bots running now)');
    expect(pause).toContain('positions they hold stay open');
    expect(pause).toContain('no trader (nor an admin for them) can start or resume a bot');
    expect(pause).toContain('nothing resumes by itself');
    const flatten = haltConsequences(true, 1, 2);
    expect(flatten).toContain('Stop every bot on the platform (1 running, 2 paused)');
    expect(flatten).toContain('close every position they hold at market');
  });

  it('asks first, needs a reason, sends the flatten choice and then offers the release', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let halted = false;
    const calls = mockFetch({
      'GET /api/platform/status': () => json(200, halted ? HALTED : RUNNING),
      'POST /api/admin/platform/halt': () => {
        halted = true;
        return json(200, HALTED);
      },
    });
    const user = userEvent.setup();
    render(<EmergencyStop running={2} paused={0} />);
    await user.click(await screen.findByRole('button', { name: 'Emergency stop…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Confirm emergency stop' });
    expect(dialog).toHaveTextContent('Pause every running bot on the platform (2 bots running now)');
    const confirm = within(dialog).getByRole('button', { name: 'Yes, pause every bot' });
    expect(confirm).toBeDisabled(); // no reason yet
    await user.click(within(dialog).getByLabelText(/flatten \(close\) their positions/));
    expect(dialog).toHaveTextContent('close every position they hold at market');
    await user.type(within(dialog).getByLabelText('Reason (every trader sees it)'), '  exchange incident ');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, stop every bot and flatten' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'exchange incident', flatten: true });
    expect(await screen.findByRole('button', { name: 'Release the emergency stop' })).toBeInTheDocument();
    expect(screen.getByRole('alert', { name: 'Trading halted' })).toHaveTextContent('exchange incident');
  });

  it('sends nothing when cancelled, and releases with an optional reason', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let halted = true;
    const calls = mockFetch({
      'GET /api/platform/status': () => json(200, halted ? HALTED : RUNNING),
      'POST /api/admin/platform/release': () => {
        halted = false;
        return json(200, RUNNING);
      },
    });
    const user = userEvent.setup();
    render(<EmergencyStop running={0} paused={0} />);
    await user.type(await screen.findByLabelText('Reason for the release (optional)'), 'back to normal');
    await user.click(screen.getByRole('button', { name: 'Release the emergency stop' }));
    expect(await screen.findByRole('button', { name: 'Emergency stop…' })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'back to normal' });

    await user.click(screen.getByRole('button', { name: 'Emergency stop…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('shows a refusal in words', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockFetch({
      'GET /api/platform/status': () => json(200, RUNNING),
      'POST /api/admin/platform/halt': () =>
        problem(409, 'the kill switch is already engaged', { code: 'KILL_SWITCH_ALREADY_ENGAGED' }),
    });
    const user = userEvent.setup();
    render(<EmergencyStop running={1} paused={0} />);
    await user.click(await screen.findByRole('button', { name: 'Emergency stop…' }));
    await user.type(screen.getByLabelText('Reason (every trader sees it)'), 'why');
    await user.click(screen.getByRole('button', { name: 'Yes, pause every bot' }));
    expect(await screen.findByText('The emergency stop is engaged already.')).toBeInTheDocument();
  });
  it("follows another admin's emergency stop on the overview's live stream", async () => {
    let statusReads = 0;
    let firstRead!: () => void;
    const read = new Promise<void>((resolve) => (firstRead = resolve));
    mockFetch({
      'GET /api/admin/overview': () => json(200, { users: [{ userId: 't1', username: 'alice', role: 'trader' }] }),
      // the stream says the platform changed only after the card read it the first time
      'GET /api/admin/overview/stream': () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              await read;
              controller.enqueue(new TextEncoder().encode('event: platform\ndata: {}\n\n'));
            },
          }),
          { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
        ),
      'GET /api/platform/status': () => {
        statusReads++;
        if (statusReads === 1) {
          firstRead();
          return json(200, RUNNING);
        }
        return json(200, HALTED);
      },
    });
    render(
      <RouterProvider>
        <AdminOverviewPage />
      </RouterProvider>,
    );
    expect(await screen.findByRole('alert', { name: 'Trading halted' })).toHaveTextContent('exchange incident');
    expect(statusReads).toBeGreaterThan(1);
  });
});
