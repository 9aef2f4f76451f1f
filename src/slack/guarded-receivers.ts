/**
 * Slack: Bolt's HTTP and Socket Mode receivers with a guard in front, which refuses a body or envelope that
 * is not a Slack payload this app handles before Bolt or the SDK reads it (payload-guard.ts holds the rules).
 * Used by app.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  SocketModeReceiver,
  type HTTPReceiverOptions,
  type SocketModeReceiverOptions,
} from '@slack/bolt';
import type { AppLogger } from '../logger.ts';
import { SUBSCRIBED_EVENT_TYPES, findPayloadProblem, parseLikeBolt } from './payload-guard.ts';

const SLACK_ENDPOINT = '/slack/events';

/**
 * Bolt's HTTP receiver, with a guard in front of /slack/events: the body is verified (as Bolt does:
 * 401 unsigned, 413 too large), parsed as Bolt would, and a body that is not a Slack payload this app
 * handles is answered 400 before Bolt reads a property of it. Bolt then verifies and parses again
 * (the body stays buffered on the request), so its own behaviour is unchanged for real payloads.
 */
export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor(options: HTTPReceiverOptions & { signingSecret: string; logger: AppLogger }) {
    super(options);
    const { signingSecret, logger } = options;
    const boltListener = this.requestListener;
    this.requestListener = (req, res) => {
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://local').pathname !== SLACK_ENDPOINT) {
        boltListener(req, res);
        return;
      }
      screenRequest(req, res, signingSecret, logger).then(
        (pass) => pass && boltListener(req, res),
        (error: unknown) => {
          // The guard's own failure: reported like any unknown error, never swallowed.
          logger.error('the Slack request guard failed', {}, error);
          if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        },
      );
    };
  }
}

async function screenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  signingSecret: string,
  logger: AppLogger,
): Promise<boolean> {
  let buffered;
  try {
    buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ enabled: true, signingSecret }, req);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    logger.warn(tooLarge ? 'Slack request body too large' : 'Slack request not verified', {});
    HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 401);
    return false;
  }
  const parsed = parseLikeBolt(buffered.rawBody.toString(), req.headers['content-type']);
  const problem = parsed.ok ? findPayloadProblem(parsed.body) : parsed.problem;
  if (problem === undefined) return true;
  logger.warn('signed Slack request refused: not a payload this app handles', { problem });
  HTTPModuleFunctions.buildNoBodyResponse(res, 400);
  return false;
}

const ENVELOPE_TYPES = new Set(['events_api', 'interactive', 'slash_commands']);

/** Why a Socket Mode message must not reach the client's dispatcher, or undefined when it may. */
export function findEnvelopeProblem(envelope: unknown): string | undefined {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return 'not an object';
  const { type, envelope_id: envelopeId, payload } = envelope as Record<string, unknown>;
  if (type === 'hello' || type === 'disconnect') return undefined;
  if (typeof envelopeId !== 'string' || envelopeId === '') return 'no envelope id';
  if (typeof type !== 'string' || !ENVELOPE_TYPES.has(type)) return 'unhandled envelope type';
  const problem = findPayloadProblem(payload);
  if (problem) return problem;
  // The client emits each event under its own type name ('error' would throw): only subscribed ones.
  const eventType = type === 'events_api' ? (payload as { event: { type: string } }).event.type : undefined;
  if (eventType !== undefined && !(SUBSCRIBED_EVENT_TYPES as string[]).includes(eventType))
    return 'unsubscribed event type';
  return undefined;
}

/**
 * Bolt's Socket Mode receiver, with the same guard on every WebSocket message: the SDK's client reads
 * `event.payload.event.type` of any JSON it receives, in an async handler nobody awaits, so a bad
 * envelope would crash the process. A refused envelope is acknowledged (Slack does not resend it) and
 * dropped with a warning.
 */
export class GuardedSocketModeReceiver extends SocketModeReceiver {
  constructor(options: SocketModeReceiverOptions & { logger: AppLogger }) {
    super(options);
    const { logger } = options;
    const client = this.client;
    const dispatchers = client.listeners('ws_message') as ((data: unknown, isBinary: boolean) => unknown)[];
    client.removeAllListeners('ws_message');
    client.on('ws_message', (data: unknown, isBinary: boolean) => {
      const text =
        typeof data === 'string' ? data : isBinary ? undefined : new TextDecoder().decode(data as ArrayBuffer);
      const envelope = text === undefined ? undefined : safeJson(text);
      const problem = envelope === undefined ? undefined : findEnvelopeProblem(envelope);
      if (problem === undefined) {
        for (const dispatch of dispatchers) {
          Promise.resolve(dispatch.call(client, data, isBinary)).catch((error: unknown) =>
            logger.error('a Socket Mode message failed', {}, error),
          );
        }
        return;
      }
      logger.warn('Socket Mode envelope refused: not a payload this app handles', { problem });
      const envelopeId = (envelope as { envelope_id?: unknown } | null)?.envelope_id;
      if (typeof envelopeId === 'string' && envelopeId !== '') {
        // The SDK's own ack goes through this method; TypeScript marks it private.
        (client as unknown as { send(id: string, body: object): Promise<void> })
          .send(envelopeId, {})
          .catch((error: unknown) => logger.warn('could not acknowledge a refused envelope', { error: String(error) }));
      }
    });
  }
}

/** Undefined for text that is not JSON: the SDK ignores such messages itself. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
