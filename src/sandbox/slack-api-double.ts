/**
 * A stand-in for Slack's Web API, shared by the integration tests (through nock) and by the demo and
 * the benchmark (through a local HTTP server): it records every call with its decoded arguments and
 * answers like Slack would. Callers override a method's answer to simulate failures.
 */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export type Answer = { status?: number; body: Record<string, unknown>; headers?: Record<string, string> };
/** An answer, or a connection that fails before any answer (a network error). */
export type Reply = Answer | { networkError: string };
export type Responder = (args: Record<string, unknown>) => Reply;

/** The pseudo-method under which calls to a response_url are recorded. */
export const RESPONSE_URL_METHOD = 'response_url';

export function createSlackApiDouble(options: { channelMembers?: readonly string[]; botUserId?: string } = {}) {
  const calls: SlackCall[] = [];
  let tsCounter = 0;
  const overrides = new Map<string, Responder>();
  const defaults: Record<string, Responder> = {
    'auth.test': () => ({ body: { ok: true, user_id: options.botUserId ?? 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'rimborsi' } }),
    'views.open': () => ({ body: { ok: true, view: { id: `V${String(++tsCounter).padStart(8, '0')}` } } }),
    'views.update': () => ({ body: { ok: true } }),
    'views.push': () => ({ body: { ok: true, view: { id: `V${String(++tsCounter).padStart(8, '0')}` } } }),
    'views.publish': () => ({ body: { ok: true } }),
    'chat.postMessage': (args) => ({
      body: { ok: true, channel: args.channel, ts: `1700000000.${String(++tsCounter).padStart(6, '0')}` },
    }),
    'chat.update': (args) => ({ body: { ok: true, channel: args.channel, ts: args.ts } }),
    'chat.postEphemeral': () => ({ body: { ok: true, message_ts: '1700000000.999999' } }),
    'conversations.open': (args) => ({ body: { ok: true, channel: { id: `D${String(args.users)}` } } }),
    'conversations.members': () => ({
      body: { ok: true, members: [...(options.channelMembers ?? [])], response_metadata: { next_cursor: '' } },
    }),
    'users.info': (args) => ({ body: { ok: true, user: { id: args.user, locale: 'it-IT' } } }),
  };
  const unknownMethod: Responder = () => ({ body: { ok: false, error: 'unknown_method' } });

  return {
    /** Records a Web API call and returns Slack's answer to it. */
    handle(method: string, args: Record<string, unknown>): Reply {
      calls.push({ method, args });
      return (overrides.get(method) ?? defaults[method] ?? unknownMethod)(args);
    },
    /** Records a message sent to a response_url (Slack answers those with a plain 200). */
    recordResponse(args: Record<string, unknown>): void {
      calls.push({ method: RESPONSE_URL_METHOD, args });
    },
    calls: (method?: string) => (method ? calls.filter((c) => c.method === method) : [...calls]),
    respond(method: string, responder: Responder) {
      overrides.set(method, responder);
    },
    /** Answers the next calls of `method` in turn, then goes back to the usual answer. */
    respondInTurn(method: string, answers: Reply[]) {
      const queue = [...answers];
      overrides.set(method, (args) => {
        const next = queue.shift();
        if (queue.length === 0) overrides.delete(method);
        return next ?? (defaults[method] ?? unknownMethod)(args);
      });
    },
    reset() {
      calls.length = 0;
      overrides.clear();
    },
  };
}

export type SlackApiDouble = ReturnType<typeof createSlackApiDouble>;

/** @slack/web-api posts form-encoded arguments, with objects (blocks, views) as JSON strings. */
export function decodeSlackArgs(body: unknown): Record<string, unknown> {
  const entries: Record<string, unknown> =
    typeof body === 'string'
      ? body.trim().startsWith('{')
        ? (JSON.parse(body) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body))
      : { ...(body as Record<string, unknown>) };
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
