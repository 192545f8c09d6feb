import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navFor } from '../../App';
import type { ClusterProcessor, SystemView } from '../../api/types';
import { RouterProvider } from '../../lib/router';
import { json, mockFetch } from '../../test/fetchMock';
import { AdminSystemPage, owners, processorState } from './AdminSystemPage';

function processor(over: Partial<ClusterProcessor> = {}): ClusterProcessor {
  return {
    name: 'users',
    segmentCount: 2,
    claimed: 2,
    position: 40,
    lag: 0,
    replaying: false,
    error: false,
    segments: [
      { segment: 0, owner: 'node-a', ownerUp: true, position: 40, replaying: false, caughtUp: true },
      { segment: 1, owner: 'node-b', ownerUp: true, position: 41, replaying: false, caughtUp: true },
    ],
    ...over,
  };
}

const first: SystemView = {
  answeredBy: 'node-a',
  generatedAt: '2026-03-01T10:00:00Z',
  eventStoreHead: 41,
  nodes: [
    {
      id: 'node-a',
      status: 'UP',
      host: 'box-a',
      pid: 11,
      roles: ['command', 'gateway', 'query', 'saga'],
      version: '0.1.0',
      startedAt: '2026-03-01T09:00:00Z',
      secondsSinceSeen: 0,
      processorsInError: [],
    },
    {
      id: 'node-b',
      status: 'UP',
      host: 'box-b',
      pid: 12,
      roles: ['command', 'gateway', 'query', 'saga'],
      version: '0.1.0',
      startedAt: '2026-03-01T09:00:00Z',
      secondsSinceSeen: 2,
      processorsInError: [],
    },
  ],
  processors: [processor(), processor({ name: 'audit', lag: 7, position: 34 })],
  deadLetters: [],
  rateLimits: [],
  exchange: { requests: 0, meanLatencyMillis: 0, maxLatencyMillis: 0, rateLimited: 0 },
};

/** node-b was killed: down, its segment unclaimed for now; a letter parked in users. */
const second: SystemView = {
  ...first,
  generatedAt: '2026-03-01T10:00:30Z',
  nodes: [first.nodes[0]!, { ...first.nodes[1]!, status: 'DOWN', secondsSinceSeen: 31 }],
  processors: [
    processor({
      claimed: 1,
      segments: [
        { segment: 0, owner: 'node-a', ownerUp: true, position: 40, replaying: false, caughtUp: true },
        { segment: 1, ownerUp: false, position: 41, replaying: false, caughtUp: false },
      ],
    }),
  ],
  deadLetters: [{ processingGroup: 'users', sequences: 1, letters: 3, oldest: '2026-03-01T10:00:20Z' }],
  rateLimits: [
    { bucket: 'ip:market', permits: 500, lowestAvailable: 480 },
    { bucket: 'key:ORDER', permits: 10, lowestAvailable: 0 },
  ],
  exchange: {
    lastRequest: '2026-03-01T10:00:29Z',
    lastAnswer: '2026-03-01T10:00:29Z',
    requests: 120,
    meanLatencyMillis: 42.4,
    maxLatencyMillis: 310,
    rateLimited: 2,
  },
};

function sse(view: SystemView): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`event: system\ndata: ${JSON.stringify(view)}\n\n`));
      // stays open, as the server's stream does
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('admin System page', () => {
  it('shows nodes, processors with their owners and lag, and follows the live stream', async () => {
    mockFetch({
      'GET /api/admin/system': () => json(200, first),
      'GET /api/admin/system/stream': () => sse(second),
    });
    render(
      <RouterProvider>
        <AdminSystemPage />
      </RouterProvider>,
    );
    // the live view replaces the first answer: node-b is down, a dead letter appears
    const nodeB = await screen.findByText('DOWN');
    const card = nodeB.closest('[data-testid="system-node"]') as HTMLElement;
    expect(card).toHaveAttribute('data-node', 'node-b');
    expect(within(card).getByText('31 s ago')).toBeInTheDocument();
    const nodeA = document.querySelector('[data-node="node-a"]') as HTMLElement;
    expect(within(nodeA).getByText('UP')).toBeInTheDocument();
    expect(within(nodeA).getByText(/this page’s node/)).toBeInTheDocument();

    const users = document.querySelector('[data-testid="system-processor"][data-name="users"]') as HTMLElement;
    expect(within(users).getByText('node-a, unclaimed')).toBeInTheDocument();
    expect(within(users).getByText('1/2')).toBeInTheDocument();

    const letters = document.querySelector('[data-testid="system-dead-letters"][data-group="users"]') as HTMLElement;
    expect(letters).not.toBeNull();
    expect(within(letters).getByText('3')).toBeInTheDocument();
    expect(screen.queryByText('No dead letters.')).toBeNull();

    const orders = document.querySelector('[data-testid="system-rate-limit"][data-bucket="key:ORDER"]');
    expect(orders).toHaveTextContent('0/10');
    const exchange = screen.getByTestId('system-exchange');
    expect(exchange).toHaveTextContent('ANSWERING');
    expect(exchange).toHaveTextContent('42 / 310 ms');
    expect(exchange).toHaveTextContent('Rate-limited (429)2');
    expect(screen.getByRole('status')).toHaveTextContent('Live');
  });

  it('shows the first answer before any live event', async () => {
    mockFetch({
      'GET /api/admin/system': () => json(200, first),
      'GET /api/admin/system/stream': () => new Response(null, { status: 404 }),
    });
    render(
      <RouterProvider>
        <AdminSystemPage />
      </RouterProvider>,
    );
    const audit = await screen.findByText('audit');
    const row = audit.closest('tr') as HTMLElement;
    expect(within(row).getByText('BEHIND')).toBeInTheDocument();
    expect(within(row).getByText('7')).toBeInTheDocument();
    expect(screen.getByText('No dead letters.')).toBeInTheDocument();
    expect(screen.getAllByText('UP')).toHaveLength(2);
    expect(screen.getByText('No request to the exchange from this node yet.')).toBeInTheDocument();
    expect(screen.getByTestId('system-exchange')).toHaveTextContent('NO REQUEST YET');
  });

  it('names a processor state and its owners', () => {
    expect(processorState(processor()).label).toBe('CAUGHT UP');
    expect(processorState(processor({ lag: 3 })).label).toBe('BEHIND');
    expect(processorState(processor({ claimed: 0 })).label).toBe('UNCLAIMED');
    expect(processorState(processor({ replaying: true })).label).toBe('REPLAYING');
    expect(processorState(processor({ error: true, replaying: true })).label).toBe('ERROR');
    expect(
      owners(
        processor({
          segments: [0, 1, 2].map((segment) => ({ segment, owner: 'n1', position: 1 })),
        }),
      ),
    ).toBe('n1 ×3');
  });

  it('is in the navigation of admins only', () => {
    const has = (role: 'admin' | 'trader' | 'viewer' | 'auditor') =>
      navFor({ id: 'x', username: 'x', role }).some((item) => item.to === '/admin/system');
    expect(has('admin')).toBe(true);
    expect(has('trader')).toBe(false);
    expect(has('viewer')).toBe(false);
    expect(has('auditor')).toBe(false);
  });
});
