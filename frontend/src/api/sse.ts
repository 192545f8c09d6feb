// Server-sent events over fetch, so that a reconnect can send Last-Event-ID itself (EventSource cannot
// set headers when we reconnect it by hand) and a 401 can end the session instead of retrying forever.
import { useEffect, useRef, useState } from 'react';
import { notifySessionExpired } from './client';

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/** Splits a text buffer into complete SSE messages; what follows the last blank line stays in rest. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string; retry?: number } {
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages: SseMessage[] = [];
  let retry: number | undefined;
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue; // comment (heartbeat)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.substring(0, colon);
      let value = colon < 0 ? '' : line.substring(colon + 1);
      if (value.startsWith(' ')) value = value.substring(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id' && !value.includes('\u0000')) id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    if (data.length > 0) messages.push({ id, event, data: data.join('\n') });
    else if (id !== undefined) messages.push({ id, event: '', data: '' }); // id-only: moves the resume point
  }
  return { messages, rest, retry };
}

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'denied' | 'revoked';

/**
 * The server's last word on a stream whose access ended (logout, expired session, password change,
 * deactivation, role change, revoked grant): event `revoked`, data `{"reason": "...", "message": "..."}`.
 * The stream is not reconnected after it.
 */
export interface StreamEnd {
  reason: string;
  message: string;
}

/** Reads a `revoked` event's data; tolerates data that is not the expected JSON. */
export function parseStreamEnd(data: string): StreamEnd {
  try {
    const parsed = JSON.parse(data) as Partial<StreamEnd>;
    return {
      reason: typeof parsed.reason === 'string' ? parsed.reason : 'UNKNOWN',
      message: typeof parsed.message === 'string' ? parsed.message : 'access to this stream ended',
    };
  } catch {
    return { reason: 'UNKNOWN', message: 'access to this stream ended' };
  }
}

export interface StreamOptions {
  onMessage: (message: SseMessage) => void;
  onState?: (state: StreamState) => void;
  /** called once when the server ends the stream for good (event `revoked`); no reconnect follows */
  onEnd?: (end: StreamEnd) => void;
  /** first wait before reconnecting, doubled after each failure up to maxDelayMs */
  initialDelayMs?: number;
  maxDelayMs?: number;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Keeps one SSE stream open until stop() is called: reconnects with backoff after any drop and
 * resumes with Last-Event-ID (the id of the last message received), on whichever node it reaches
 * (ADR 0017); a `reconnect` event (its node is shutting down) is not passed on, the reconnect follows. A 401 ends the session; a 403
 * or 404 stops (the stream is not ours to read); so does a `revoked` event (our access ended).
 */
export class SseStream {
  private readonly controller = new AbortController();
  private lastEventId: string | undefined;

  constructor(
    private readonly url: string,
    private readonly options: StreamOptions,
  ) {}

  get resumeId(): string | undefined {
    return this.lastEventId;
  }

  stop(): void {
    this.controller.abort();
    this.options.onState?.('closed');
  }

  async run(): Promise<void> {
    const fetchImpl = this.options.fetchImpl ?? fetch;
    const sleep = this.options.sleep ?? defaultSleep;
    const initial = this.options.initialDelayMs ?? 1000;
    const max = this.options.maxDelayMs ?? 15000;
    let delay = initial;
    const signal = this.controller.signal;
    this.options.onState?.('connecting');
    while (!signal.aborted) {
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
        const response = await fetchImpl(this.url, { headers, credentials: 'same-origin', signal });
        if (response.status === 401) {
          notifySessionExpired();
          this.options.onState?.('denied');
          return;
        }
        if (response.status === 403 || response.status === 404) {
          this.options.onState?.('denied');
          return;
        }
        if (response.ok && response.body) {
          this.options.onState?.('open');
          delay = initial;
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            const parsed = parseSse(buffer);
            buffer = parsed.rest;
            if (parsed.retry !== undefined) delay = parsed.retry;
            for (const message of parsed.messages) {
              if (signal.aborted) return;
              if (message.event === 'revoked') {
                this.controller.abort();
                this.options.onState?.('revoked');
                this.options.onEnd?.(parseStreamEnd(message.data));
                return;
              }
              // the node is shutting down: the server ends the stream next; reconnect (the balancer picks a
              // node that is up) after the event's retry, resuming with Last-Event-ID. Nothing on the page changed.
              if (message.event === 'reconnect') continue;
              if (message.id !== undefined) this.lastEventId = message.id;
              if (message.event) this.options.onMessage(message);
            }
          }
        }
      } catch (e) {
        if (signal.aborted) return;
        if (!(e instanceof Error)) throw e;
      }
      if (signal.aborted) return;
      this.options.onState?.('reconnecting');
      await sleep(delay, signal);
      delay = Math.min(delay * 2, max);
    }
  }
}

export interface LiveStream {
  state: StreamState;
  /** set when the server ended the stream because our access ended */
  ended?: StreamEnd;
}

/**
 * The one SSE hook of the dashboard: subscribes while mounted (url null: not at all), calls onMessage
 * for every named event, and reports the connection state for the live indicator, and why the
 * server ended the stream when it did (then it stays ended).
 */
export function useSse(url: string | null, onMessage: (message: SseMessage) => void): LiveStream {
  const [state, setState] = useState<StreamState>('connecting');
  const [ended, setEnded] = useState<StreamEnd | undefined>(undefined);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    setEnded(undefined);
    if (!url) {
      setState('closed');
      return undefined;
    }
    let ending = false;
    const stream = new SseStream(url, {
      onMessage: (m) => handler.current(m),
      onState: (s) => {
        // stop() after a revoked event must not turn "access ended" into "closed"
        if (!ending) setState(s);
      },
      onEnd: (end) => {
        ending = true;
        setEnded(end);
      },
    });
    void stream.run();
    return () => stream.stop();
  }, [url]);
  return { state, ended };
}
