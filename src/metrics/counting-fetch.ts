/**
 * Metrics: the `fetch` given to every Slack WebClient, which reports each failed Web API call (Slack's
 * `ok: false` code, a 429, another HTTP status, a network error) by method, without delaying the response.
 * Created by metrics.ts, which counts what it reports.
 */
import type { FetchFunction } from '@slack/web-api';

export type SlackErrorListener = (method: string, error: string) => void;

// Slack's error codes are a short, known vocabulary; anything else is bucketed to keep label values few.
const LABEL_SAFE = /^[a-z][a-z0-9_]{0,59}$/;
const OK_FALSE = /"ok"\s*:\s*false/;

/** Slack's code when a 200 answer says `ok: false`; undefined otherwise. */
function platformError(text: string): string | undefined {
  // Most answers are ok (views.open echoes the whole view): only one that says `"ok": false` is parsed.
  if (!OK_FALSE.test(text)) return undefined;
  let body: { ok?: unknown; error?: unknown } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return undefined;
  }
  if (body?.ok !== false) return undefined;
  return typeof body.error === 'string' && LABEL_SAFE.test(body.error) ? body.error : 'other';
}

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/**
 * The response as it is, except that reading its text (which is how WebClient reads it) also looks for
 * `ok: false`: no second read of the body, no delay before the client gets the response.
 */
function inspectingText(response: FetchResponse, onPlatformError: (code: string) => void): FetchResponse {
  return new Proxy(response, {
    get(target, property) {
      if (property === 'text') {
        return async () => {
          const text = await target.text();
          const code = platformError(text);
          if (code) onPlatformError(code);
          return text;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The Web API clients' `fetch` (WebClient's `fetch` option): passes every call through and tells
 * `onError` about each failed one — Slack's `ok: false` code, a 429, another HTTP status, or a network
 * error — with the API method it was for. One hook for the listeners' and the outbox's clients alike.
 */
export function createCountingFetch(onError: SlackErrorListener): FetchFunction {
  // Read globalThis.fetch at call time: a proxy or a test's interceptor installed later still applies.
  const send: FetchFunction = (url, init) =>
    globalThis.fetch(url, init as RequestInit) as unknown as ReturnType<FetchFunction>;

  async function sendCounted(method: string, url: string | URL, init: Parameters<FetchFunction>[1]) {
    let response: FetchResponse;
    try {
      response = await send(url, init);
    } catch (error) {
      onError(method, 'network_error');
      throw error;
    }
    if (response.status === 429) onError(method, 'rate_limited');
    else if (!response.ok) onError(method, `http_${response.status}`);
    else return inspectingText(response, (code) => onError(method, code));
    return response;
  }

  // Not async: Bolt sends response_url messages through the same fetch, untouched and without a delay.
  return (url, init) => {
    const href = typeof url === 'string' ? url : url.href;
    const method = /\/api\/([\w.]+)$/.exec(new URL(href).pathname)?.[1];
    return method ? sendCounted(method, url, init) : send(url, init);
  };
}
