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
/** An answer now, or later (a promise): a call that hangs until the test lets it go. */
export type Responder = (args: Record<string, unknown>) => Reply | Promise<Reply>;

/** A message the double accepted, kept per channel so conversations.history/replies can find it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Files shared by the message (files.completeUploadExternal posts one into the channel or thread). */
  files?: Array<{ id: string }>;
}

/** The pseudo-method under which calls to a response_url are recorded. */
export const RESPONSE_URL_METHOD = 'response_url';

/** Who the bot is in the double's workspace (its auth.test answer), for apps that skip their own auth.test. */
export const SANDBOX_BOT = { botId: 'BBOT', botUserId: 'UBOT', botName: 'rimborsi' } as const;

/** A file a user uploaded to Slack (a file_input's), served at its url_private_download. */
export interface PrivateFile {
  status: number;
  contentType: string;
  bytes: string;
}

export function createSlackApiDouble(
  options: {
    channelMembers?: readonly string[];
    botUserId?: string;
    fileOrigin?: string;
    /** Slack's clock: message ts are its seconds (a fixed 1700000000 when absent). */
    clock?: () => Date;
  } = {},
) {
  const calls: SlackCall[] = [];
  const messages: StoredMessage[] = [];
  let tsCounter = 0;
  const nextTs = () => {
    const seconds = options.clock ? Math.floor(options.clock().getTime() / 1000) : 1700000000;
    return `${seconds}.${String(++tsCounter).padStart(6, '0')}`;
  };
  const overrides = new Map<string, Responder>();
  const fileOrigin = options.fileOrigin ?? 'https://files.slack.com';
  const privateFiles = new Map<string, PrivateFile>();
  /** Bytes received at each upload URL, by the file id files.getUploadURLExternal gave. */
  const uploads = new Map<string, string>();
  const defaults: Record<string, (args: Record<string, unknown>) => Reply> = {
    'auth.test': () => ({
      body: {
        ok: true,
        user_id: options.botUserId ?? SANDBOX_BOT.botUserId,
        bot_id: SANDBOX_BOT.botId,
        team_id: 'T1',
        team: 'rimborsi',
        user: SANDBOX_BOT.botName,
      },
    }),
    'views.open': () => ({ body: { ok: true, view: { id: `V${String(++tsCounter).padStart(8, '0')}` } } }),
    'views.update': () => ({ body: { ok: true } }),
    'views.push': () => ({ body: { ok: true, view: { id: `V${String(++tsCounter).padStart(8, '0')}` } } }),
    'views.publish': () => ({ body: { ok: true } }),
    'chat.postMessage': (args) => {
      const stored = storeMessage(args);
      return {
        body: { ok: true, channel: stored.channel, ts: stored.ts, message: { ts: stored.ts, text: stored.text } },
      };
    },
    'conversations.history': (args) => ({
      body: {
        ok: true,
        messages: inWindow(args, (m) => m.channel === args.channel && (!m.threadTs || m.threadTs === m.ts)).reverse(),
        has_more: false,
        response_metadata: { next_cursor: '' },
      },
    }),
    'conversations.replies': (args) => ({
      body: {
        ok: true,
        messages: inWindow(args, (m) => m.channel === args.channel && (m.ts === args.ts || m.threadTs === args.ts)),
        has_more: false,
        response_metadata: { next_cursor: '' },
      },
    }),
    'chat.update': (args) => ({ body: { ok: true, channel: args.channel, ts: args.ts } }),
    'chat.postEphemeral': () => ({ body: { ok: true, message_ts: '1700000000.999999' } }),
    'conversations.open': (args) => ({ body: { ok: true, channel: { id: `D${String(args.users)}` } } }),
    'conversations.members': () => ({
      body: { ok: true, members: [...(options.channelMembers ?? [])], response_metadata: { next_cursor: '' } },
    }),
    'users.info': (args) => ({ body: { ok: true, user: { id: args.user, locale: 'it-IT' } } }),
    // The bot is in every channel it is asked about; a test overrides this to say otherwise.
    'conversations.info': (args) => ({
      body: {
        ok: true,
        channel: { id: args.channel, name: 'rimborsi-revisione', is_member: true, is_archived: false },
      },
    }),
    // The external upload flow: an upload URL for the bytes, then the file shared where asked.
    'files.getUploadURLExternal': () => {
      const fileId = `F0UP${String(++tsCounter).padStart(6, '0')}`;
      return { body: { ok: true, file_id: fileId, upload_url: `${fileOrigin}/upload/v1/${fileId}` } };
    },
    'files.completeUploadExternal': (args) => {
      const files = Array.isArray(args.files) ? (args.files as Array<{ id: string; title?: string }>) : [];
      const missing = files.find((file) => !uploads.has(file.id));
      if (missing) return { body: { ok: false, error: 'file_not_found' } };
      if (typeof args.channel_id === 'string') {
        messages.push({
          channel: args.channel_id,
          ts: nextTs(),
          ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
          files: files.map((file) => ({ id: file.id })),
        });
      }
      return { body: { ok: true, files: files.map((file) => ({ id: file.id, title: file.title ?? '' })) } };
    },
  };
  const unknownMethod: Responder = () => ({ body: { ok: false, error: 'unknown_method' } });

  function storeMessage(args: Record<string, unknown>): StoredMessage {
    const metadata = args.metadata as StoredMessage['metadata'] | undefined;
    const stored: StoredMessage = {
      channel: String(args.channel),
      ts: nextTs(),
      ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
      ...(typeof args.text === 'string' ? { text: args.text } : {}),
      ...(metadata && typeof metadata === 'object' ? { metadata } : {}),
    };
    messages.push(stored);
    return stored;
  }

  /** Slack's oldest/latest are exclusive; metadata only comes back with include_all_metadata. */
  function inWindow(args: Record<string, unknown>, where: (m: StoredMessage) => boolean) {
    const oldest = args.oldest === undefined ? -Infinity : Number(args.oldest);
    const latest = args.latest === undefined ? Infinity : Number(args.latest);
    const withMetadata = String(args.include_all_metadata) === 'true';
    return messages
      .filter((m) => where(m) && Number(m.ts) > oldest && Number(m.ts) < latest)
      .map((m) => ({
        type: 'message',
        bot_id: 'BBOT',
        ts: m.ts,
        text: m.text ?? '',
        ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
        ...(m.files ? { files: m.files } : {}),
      }));
  }

  return {
    /** Records a Web API call and returns Slack's answer to it (a hung call: a promise). */
    async handle(method: string, args: Record<string, unknown>): Promise<Reply> {
      calls.push({ method, args });
      return (overrides.get(method) ?? defaults[method] ?? unknownMethod)(args);
    },
    /** Does what Slack does with a call (a message posted is kept), whatever the override answers. */
    accept(method: string, args: Record<string, unknown>): Reply {
      return (defaults[method] ?? unknownMethod)(args) as Reply;
    },
    /** The messages Slack holds in a channel (each thread reply too), oldest first. */
    messagesIn: (channel: string) => messages.filter((m) => m.channel === channel),
    /** Records a message sent to a response_url (Slack answers those with a plain 200). */
    recordResponse(args: Record<string, unknown>): void {
      calls.push({ method: RESPONSE_URL_METHOD, args });
    },
    /** A user's file as Slack serves it to the bot token; `status` other than 200 simulates a failure. */
    addPrivateFile(name: string, bytes: string, options: { status?: number; contentType?: string } = {}): string {
      const url = `${fileOrigin}/files-pri/T1-F${String(++tsCounter).padStart(6, '0')}/download/${encodeURIComponent(name)}`;
      privateFiles.set(new URL(url).pathname, {
        status: options.status ?? 200,
        contentType: options.contentType ?? 'application/octet-stream',
        bytes,
      });
      return url;
    },
    /** Answers a GET of a private file, recorded as the pseudo-method `files.download`. */
    download(path: string, authorization: string | undefined): PrivateFile {
      calls.push({ method: 'files.download', args: { path, authorization } });
      const file = privateFiles.get(path);
      if (!file) return { status: 404, contentType: 'text/plain', bytes: 'not found' };
      // Without a bot token Slack answers its login page, not the file.
      return authorization?.startsWith('Bearer xoxb-')
        ? file
        : { status: 200, contentType: 'text/html', bytes: '<html>login</html>' };
    },
    /** Records the bytes posted to an upload URL (pseudo-method `files.upload_bytes`). */
    receiveUpload(fileId: string, bytes: string): number {
      calls.push({ method: 'files.upload_bytes', args: { fileId, length: bytes.length } });
      uploads.set(fileId, bytes);
      return 200;
    },
    uploads,
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
      messages.length = 0;
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
