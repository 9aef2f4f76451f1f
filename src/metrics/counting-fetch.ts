import type { FetchFunction } from '@slack/web-api';

export type SlackErrorListener = (method: string, error: string) => void;

// Slack's error codes are a short, known vocabulary; anything else is bucketed to keep label values few.
const LABEL_SAFE = /^[a-z][a-z0-9_]{0,59}$/;

/** What Slack said in a 200 answer, when it said `ok: false`. */
async function platformError(response: Awaited<ReturnType<FetchFunction>>): Promise<string | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json') || !('clone' in response)) return undefined;
  const body = (await (response as unknown as Response).clone().json().catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
  if (body?.ok !== false) return undefined;
  return typeof body.error === 'string' && LABEL_SAFE.test(body.error) ? body.error : 'other';
}

/**
 * The Web API clients' `fetch` (WebClient's `fetch` option): passes every call through and tells
 * `onError` about each failed one — Slack's `ok: false` code, a 429, another HTTP status, or a network
 * error — with the API method it was for. One hook for the listeners' and the outbox's clients alike.
 */
export function createCountingFetch(onError: SlackErrorListener): FetchFunction {
  return async (url, init) => {
    const href = typeof url === 'string' ? url : url.href;
    const method = /\/api\/([\w.]+)$/.exec(new URL(href).pathname)?.[1];
    // Read globalThis.fetch at call time: a proxy or a test's interceptor installed later still applies.
    const send = () => globalThis.fetch(url, init as RequestInit) as unknown as ReturnType<FetchFunction>;
    if (!method) return send();
    let response: Awaited<ReturnType<FetchFunction>>;
    try {
      response = await send();
    } catch (error) {
      onError(method, 'network_error');
      throw error;
    }
    if (response.status === 429) onError(method, 'rate_limited');
    else if (!response.ok) onError(method, `http_${response.status}`);
    else {
      const code = await platformError(response);
      if (code) onError(method, code);
    }
    return response;
  };
}
