import { vi } from 'vitest';

export interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  });
}

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { status, detail, ...extra }, 'application/problem+json');
}

/**
 * Replaces fetch with a router over "METHOD /path" keys (the query string is ignored for matching).
 * Unmatched requests answer 404. Returns the recorded calls.
 */
export function mockFetch(routes: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = { method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers };
    calls.push(call);
    const path = url.split('?')[0];
    const handler = routes[`${method} ${path}`];
    if (!handler) return problem(404, `no mock for ${method} ${path}`);
    return handler(call);
  };
  vi.stubGlobal('fetch', vi.fn(impl));
  return calls;
}
