import nock from 'nock';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

type Answer = { status?: number; body: Record<string, unknown>; headers?: Record<string, string> };
/** An answer, or a connection that fails before any answer (a network error). */
type Responder = (args: Record<string, unknown>) => Answer | { networkError: string };

/**
 * Slack's Web API faked at the HTTP boundary: every call to <origin>/api/<method> is recorded
 * with its decoded arguments and answered like Slack would. Tests override a method's answer to
 * simulate failures, and read `calls(method)` to assert what the app sent.
 */
export function fakeSlackApi(options: { origin: string; channelMembers?: string[] }) {
  const calls: SlackCall[] = [];
  let tsCounter = 0;
  const overrides = new Map<string, Responder>();
  const defaults: Record<string, Responder> = {
    'auth.test': () => ({ body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'rimborsi' } }),
    'views.open': () => ({ body: { ok: true, view: { id: 'VOPENED' } } }),
    'views.update': () => ({ body: { ok: true } }),
    'chat.postMessage': (args) => ({
      body: { ok: true, channel: args.channel, ts: `1700000000.${String(++tsCounter).padStart(6, '0')}` },
    }),
    'chat.update': (args) => ({ body: { ok: true, channel: args.channel, ts: args.ts } }),
    'chat.postEphemeral': () => ({ body: { ok: true, message_ts: '1700000000.999999' } }),
    'conversations.open': (args) => ({ body: { ok: true, channel: { id: `D${String(args.users)}` } } }),
    'conversations.members': () => ({
      body: { ok: true, members: options.channelMembers ?? [], response_metadata: { next_cursor: '' } },
    }),
  };

  const interceptor = nock(options.origin).persist().post(/^\/api\/[\w.]+$/);
  // The error-first callback form: the only way nock lets a reply fail as a network error.
  interceptor.reply(function (uri, body, callback) {
    const method = uri.replace(/^\/api\//, '');
    const args = decodeArgs(body);
    calls.push({ method, args });
    const unknown: Responder = () => ({ body: { ok: false, error: 'unknown_method' } });
    const answer = (overrides.get(method) ?? defaults[method] ?? unknown)(args);
    if ('networkError' in answer) {
      callback(Object.assign(new Error(`simulated ${answer.networkError}`), { code: answer.networkError }), [0, '']);
      return;
    }
    callback(null, [answer.status ?? 200, answer.body, { 'content-type': 'application/json', ...answer.headers }]);
  });

  // A click's or command's response_url: recorded as the pseudo-method 'response_url'.
  const respondInterceptor = nock(options.origin).persist().post(/^\/respond\//);
  respondInterceptor.reply(function (_uri, body) {
    calls.push({ method: 'response_url', args: typeof body === 'string' ? JSON.parse(body) : (body as Record<string, unknown>) });
    return [200, 'ok'];
  });

  return {
    responseUrl: `${options.origin}/respond/T1/1/abc`,
    calls: (method?: string) => (method ? calls.filter((c) => c.method === method) : [...calls]),
    respond(method: string, responder: Responder) {
      overrides.set(method, responder);
    },
    /** Answers the next calls of `method` in turn, then goes back to the usual answer. */
    respondInTurn(method: string, answers: Array<ReturnType<Responder>>) {
      const queue = [...answers];
      overrides.set(method, (args) => {
        const next = queue.shift();
        if (queue.length === 0) overrides.delete(method);
        return next ?? (defaults[method] ?? (() => ({ body: { ok: true } })))(args);
      });
    },
    reset() {
      calls.length = 0;
      overrides.clear();
    },
    stop() {
      nock.removeInterceptor(interceptor);
      nock.removeInterceptor(respondInterceptor);
    },
  };
}

export type FakeSlackApi = ReturnType<typeof fakeSlackApi>;

/** @slack/web-api posts form-encoded arguments, with objects (blocks, views) as JSON strings. */
function decodeArgs(body: unknown): Record<string, unknown> {
  const entries: Record<string, unknown> =
    typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(entries)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        entries[key] = JSON.parse(value);
      } catch {
        // Not JSON after all: keep the string as Slack would receive it.
      }
    }
  }
  return entries;
}
