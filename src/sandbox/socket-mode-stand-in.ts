/**
 * Sandbox: a local stand-in for Slack's Socket Mode over a real WebSocket, and a SlackSender that sends
 * requests through it as envelopes. Used by the demo's `--socket` run and the Socket Mode tests.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackSender } from './signed-requests.ts';
import type { Responder } from './slack-api-double.ts';

/**
 * A local stand-in for Slack's Socket Mode, speaking its protocol over a real WebSocket on 127.0.0.1:
 * `apps.connections.open` (served by the Web API double through `connectionsOpen`) hands out a
 * one-use `ws://…/link/?ticket=…` URL; a connection is greeted with `hello`; Slack's requests arrive
 * as envelopes `{envelope_id, type, payload, accepts_response_payload}`; the app acknowledges each with
 * `{envelope_id, payload?}` (the payload is what an HTTP ack body would carry); `disconnect` with
 * `refresh_requested` asks the app to reconnect.
 */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SocketModeStandIn {
  /** The Web API double's answer to apps.connections.open: a fresh ticket on this stand-in. */
  connectionsOpen: Responder;
  /** How many sockets are open now. */
  connections(): number;
  /** How many times apps.connections.open was answered (each reconnect asks again). */
  opened(): number;
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Sends one envelope on the newest connection and resolves with the app's ack (rejects after 3 s, as Slack gives up). */
  send(type: EnvelopeType, payload: unknown, options?: { acceptsResponsePayload?: boolean }): Promise<SocketAck>;
  /** Slack recycling its server: `{"type":"disconnect","reason":"refresh_requested"}` on every connection. */
  requestRefresh(): void;
  /** Closes every connection without a word, as a network failure would. */
  dropConnections(): void;
  stop(): Promise<void>;
}

const ACK_DEADLINE_MS = 3_000;

export async function startSocketModeStandIn(options: { port?: number } = {}): Promise<SocketModeStandIn> {
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const pending = new Map<string, { resolve: (ack: SocketAck) => void; timer: NodeJS.Timeout }>();
  let opened = 0;

  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    // A ticket is good for one connection, like Slack's.
    verifyClient: ({ req }: { req: { url?: string } }) => {
      const ticket = new URL(req.url ?? '/', 'ws://stand-in').searchParams.get('ticket') ?? '';
      return tickets.delete(ticket);
    },
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('close', () => sockets.splice(sockets.indexOf(socket), 1));
    socket.on('message', (data) => {
      const ack = parseAck(String(data));
      const waiting = ack ? pending.get(ack.envelope_id) : undefined;
      if (!ack || !waiting) return;
      clearTimeout(waiting.timer);
      pending.delete(ack.envelope_id);
      waiting.resolve(ack);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.length,
        debug_info: { host: 'stand-in', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0STANDIN' },
      }),
    );
  });

  return {
    connectionsOpen: () => {
      opened += 1;
      const ticket = randomBytes(8).toString('hex');
      tickets.add(ticket);
      return { body: { ok: true, url: `${origin}/link/?ticket=${ticket}&app_id=A0STANDIN` } };
    },
    connections: () => sockets.length,
    opened: () => opened,
    async waitForConnections(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sockets.filter((s) => s.readyState === s.OPEN).length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} Socket Mode connection(s), have ${sockets.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    send(type, payload, sendOptions = {}) {
      const socket = sockets.at(-1);
      if (!socket) return Promise.reject(new Error('no Socket Mode connection to send on'));
      const envelopeId = randomBytes(8).toString('hex');
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`no ack for ${type} envelope within ${ACK_DEADLINE_MS} ms`));
        }, ACK_DEADLINE_MS);
        pending.set(envelopeId, { resolve, timer });
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: sendOptions.acceptsResponsePayload ?? type !== 'events_api',
            ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
          }),
        );
      });
    },
    requestRefresh() {
      for (const socket of sockets)
        socket.send(
          JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'stand-in' } }),
        );
    },
    dropConnections() {
      for (const socket of [...sockets]) socket.terminate();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const { timer } of pending.values()) clearTimeout(timer);
        for (const socket of [...sockets]) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

function parseAck(text: string): SocketAck | undefined {
  try {
    const message = JSON.parse(text) as Partial<SocketAck>;
    return typeof message.envelope_id === 'string' ? (message as SocketAck) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The demo's and tests' SlackSender over the socket: each request becomes an envelope, and the ack
 * comes back as the Response an HTTP request would have had (its payload as the JSON body).
 */
export function createSocketSender(
  socket: SocketModeStandIn,
  prepare: (payload: unknown) => unknown = (payload) => payload,
): SlackSender {
  const asResponse = (ack: SocketAck) =>
    new Response(ack.payload === undefined ? '' : JSON.stringify(ack.payload), {
      status: 200,
      headers: ack.payload === undefined ? {} : { 'content-type': 'application/json' },
    });
  return {
    slashCommand: async (fields) => asResponse(await socket.send('slash_commands', prepare(fields))),
    interaction: async (payload) => asResponse(await socket.send('interactive', prepare(payload))),
    event: async (envelope) => asResponse(await socket.send('events_api', envelope)),
    raw: () => Promise.reject(new Error('raw HTTP requests have no Socket Mode equivalent')),
  };
}
