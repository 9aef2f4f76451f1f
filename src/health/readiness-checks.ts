/**
 * Health: the checks behind /readyz, one entry each — the database answers, Slack accepts the token, the bot is in
 * the review channel, no outbox message waits blocked, and (Socket Mode) the socket is connected. Built by
 * application.ts; what needs the database is passed in as a function, since health/ calls Slack and the network only.
 */
import type { WebClient } from '@slack/web-api';
import type { AppLogger } from '../logger.ts';
import { cacheCheck, createReadiness, type Readiness, type ReadinessCheck } from './readiness.ts';
import { verifyBotToken, verifyReviewChannel } from './slack-checks.ts';

/**
 * The readiness of one instance: its checks, and (Socket Mode) the socket's state they read, which the receiver
 * reports through `onSocketConnection`; each change is logged once.
 */
export function createInstanceReadiness(
  options: Omit<ReadinessCheckOptions, 'socket'> & { socketMode: boolean; logger: AppLogger },
): { readiness: Readiness; onSocketConnection: (connected: boolean) => void } {
  const socket = { connected: false };
  return {
    readiness: createReadiness(readinessChecks({ ...options, socket: options.socketMode ? socket : undefined })),
    onSocketConnection(connected) {
      if (connected !== socket.connected)
        options.logger.info(connected ? 'socket mode connected' : 'socket mode disconnected');
      socket.connected = connected;
    },
  };
}

export interface ReadinessCheckOptions {
  /** Whether the database answers a query. */
  databaseReachable: () => Promise<boolean>;
  /** The outbox messages waiting blocked, counted by cause. */
  blockedMessages: () => Promise<readonly { cause: string; count: number }[]>;
  client: WebClient;
  reviewChannelId: string;
  botName: string | undefined;
  ttlMs: number;
  socket: { connected: boolean } | undefined;
}

/** What /readyz checks; one more check is one more entry. */
export function readinessChecks(options: ReadinessCheckOptions): ReadinessCheck[] {
  const { client, ttlMs } = options;
  let botName = options.botName;
  const tokenCheck = cacheCheck(async () => {
    const result = await verifyBotToken(client);
    if (result.ok) botName = result.identity.botName;
    return result.ok ? { ok: true as const } : result;
  }, ttlMs);
  // After the token check, whose answer names the bot for "/invite @…".
  const channelCheck = cacheCheck(async () => {
    await tokenCheck();
    return verifyReviewChannel(client, options.reviewChannelId, botName ?? 'the app');
  }, ttlMs);
  return [
    {
      name: 'database',
      run: async () =>
        (await options.databaseReachable()) ? { ok: true } : { ok: false, problem: 'the database does not answer' },
    },
    { name: 'slack_token', run: tokenCheck },
    { name: 'review_channel', run: channelCheck },
    {
      // A message waiting for a person to fix its cause (npm run outbox -- list).
      name: 'no_message_blocked',
      run: async () => {
        const blocked = await options.blockedMessages();
        const total = blocked.reduce((sum, b) => sum + b.count, 0);
        return total === 0
          ? { ok: true as const }
          : {
              ok: false as const,
              problem: `${total} message(s) blocked: ${blocked.map((b) => `${b.count} ${b.cause}`).join(', ')} (npm run outbox -- list)`,
            };
      },
    },
    ...(options.socket
      ? [
          {
            name: 'socket_mode',
            run: async () =>
              options.socket?.connected
                ? { ok: true as const }
                : { ok: false as const, problem: 'the Socket Mode connection to Slack is down' },
          },
        ]
      : []),
  ];
}
