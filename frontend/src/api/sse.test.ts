import { describe, expect, it, vi } from 'vitest';
import { onSessionExpired } from './client';
import { parseSse, parseStreamEnd, SseStream, type SseMessage, type StreamEnd, type StreamState } from './sse';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(encoder.encode(c)));
      controller.close();
    },
  });
}

describe('parseSse', () => {
  it('reads named events with ids and keeps an incomplete tail', () => {
    const { messages, rest } = parseSse(
      'id: 7\nevent: trade\ndata: {"a":1}\n\n: heartbeat\n\nid: 8\nevent: alert\ndata: x',
    );
    expect(messages).toEqual([{ id: '7', event: 'trade', data: '{"a":1}' }]);
    expect(rest).toBe('id: 8\nevent: alert\ndata: x');
  });
  it('joins multi-line data, accepts CRLF and reads retry', () => {
    const { messages, retry } = parseSse('retry: 2500\r\ndata: one\r\ndata: two\r\n\r\n');
    expect(messages).toEqual([{ id: undefined, event: 'message', data: 'one\ntwo' }]);
    expect(retry).toBe(2500);
  });
});

describe('SseStream', () => {
  it('reconnects after a drop and resumes with Last-Event-ID', async () => {
    const seen: SseMessage[] = [];
    const headersSent: Record<string, string>[] = [];
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      headersSent.push({ ...(init?.headers as Record<string, string>) });
      if (headersSent.length === 1) {
        return new Response(streamOf('id: 41\nevent: trade\ndata: {}\n\n', 'id: 42\nevent: position\ndata: {}\n\n'), {
          status: 200,
        });
      }
      return new Response(streamOf('id: 43\nevent: alert\ndata: {}\n\n'), { status: 200 });
    });
    const stream: SseStream = new SseStream('/api/me/stream', {
      onMessage: (m) => {
        seen.push(m);
        if (m.event === 'alert') stream.stop();
      },
      fetchImpl: fetchImpl as unknown as typeof fetch,
      sleep: async () => undefined,
    });
    await stream.run();
    expect(headersSent[0]?.['Last-Event-ID']).toBeUndefined();
    expect(headersSent[1]?.['Last-Event-ID']).toBe('42');
    expect(seen.map((m) => m.event)).toEqual(['trade', 'position', 'alert']);
    expect(stream.resumeId).toBe('43');
  });

  it('reconnects after a reconnect event (its node shutting down) at the retry given, without passing it on', async () => {
    const seen: SseMessage[] = [];
    const headersSent: Record<string, string>[] = [];
    const delays: number[] = [];
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      headersSent.push({ ...(init?.headers as Record<string, string>) });
      if (headersSent.length === 1) {
        return new Response(
          streamOf(
            'id: 7\nevent: order\ndata: {}\n\n',
            'event: reconnect\nretry: 500\ndata: {"reason":"NODE_STOPPING"}\n\n',
          ),
          { status: 200 },
        );
      }
      return new Response(streamOf('id: 8\nevent: alert\ndata: {}\n\n'), { status: 200 });
    });
    const stream: SseStream = new SseStream('/api/me/stream', {
      onMessage: (m) => {
        seen.push(m);
        if (m.event === 'alert') stream.stop();
      },
      fetchImpl: fetchImpl as unknown as typeof fetch,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await stream.run();
    expect(seen.map((m) => m.event)).toEqual(['order', 'alert']);
    expect(delays).toEqual([500]);
    expect(headersSent[1]?.['Last-Event-ID']).toBe('7');
  });

  it('backs off after failures and stops reconnecting on 401, ending the session', async () => {
    const states: StreamState[] = [];
    const delays: number[] = [];
    const expired = vi.fn();
    const unsubscribe = onSessionExpired(expired);
    let calls = 0;
    const fetchImpl = vi.fn(async () => {
      calls++;
      if (calls <= 3) throw new TypeError('network down');
      return new Response(null, { status: 401 });
    });
    const stream = new SseStream('/api/me/stream', {
      onMessage: () => undefined,
      onState: (s) => states.push(s),
      fetchImpl: fetchImpl as unknown as typeof fetch,
      initialDelayMs: 100,
      maxDelayMs: 300,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await stream.run();
    unsubscribe();
    expect(delays).toEqual([100, 200, 300]);
    expect(states.at(-1)).toBe('denied');
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('stops on 404 (a stream that is not yours) without retrying', async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 404 }));
    const states: StreamState[] = [];
    await new SseStream('/api/users/x/stream', {
      onMessage: () => undefined,
      onState: (s) => states.push(s),
      fetchImpl: fetchImpl as unknown as typeof fetch,
    }).run();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(states).toEqual(['connecting', 'denied']);
  });

  it('stops for good on a revoked event, reporting why, without reconnecting', async () => {
    const seen: SseMessage[] = [];
    const states: StreamState[] = [];
    const ends: StreamEnd[] = [];
    const fetchImpl = vi.fn(
      async () =>
        new Response(
          streamOf(
            'id: 5\nevent: trade\ndata: {}\n\n',
            'event: revoked\ndata: {"reason":"ACCESS_REVOKED","message":"your access to this data was revoked"}\n\n',
            'id: 6\nevent: trade\ndata: {}\n\n',
          ),
          { status: 200 },
        ),
    );
    const sleep = vi.fn(async () => undefined);
    await new SseStream('/api/users/x/stream', {
      onMessage: (m) => seen.push(m),
      onState: (s) => states.push(s),
      onEnd: (e) => ends.push(e),
      fetchImpl: fetchImpl as unknown as typeof fetch,
      sleep,
    }).run();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(seen.map((m) => m.event)).toEqual(['trade']);
    expect(states).toEqual(['connecting', 'open', 'revoked']);
    expect(ends).toEqual([{ reason: 'ACCESS_REVOKED', message: 'your access to this data was revoked' }]);
  });
});

describe('parseStreamEnd', () => {
  it('falls back to a generic message for unexpected data', () => {
    expect(parseStreamEnd('not json')).toEqual({ reason: 'UNKNOWN', message: 'access to this stream ended' });
    expect(parseStreamEnd('{"reason":"LOGGED_OUT"}')).toEqual({
      reason: 'LOGGED_OUT',
      message: 'access to this stream ended',
    });
  });
});
