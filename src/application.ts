/**
 * Composition root of one instance: from a `Config` and a `Db`, builds the delivery Web API client, the directories,
 * the outbox worker, the SLA sweeper (with the weekly report and retention jobs) and the readiness checks, and wires
 * them into the Bolt app. Called by main.ts (and the sandbox demo); any number of instances may share one database.
 */
import type { Server } from 'node:http';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.ts';
import { isDatabaseReachable, type Db } from './db/database.ts';
import { createDeliverer } from './delivery/deliver-message.ts';
import { createEmailReplyHandler, createSmtpTransport } from './delivery/email-reply.ts';
import { createOutboxWorker, type OutboxWorkerOptions } from './delivery/outbox-worker.ts';
import { createSlaSweeper } from './delivery/sla-sweeper.ts';
import { CHANNEL_ERRORS, DEFAULT_RETRY_POLICY } from './delivery/retry-policy.ts';
import { releaseBlockedDeliveries } from './use-cases/blocked-deliveries.ts';
import { countBlockedMessagesByCause } from './db/outbox.repository.ts';
import { cacheCheck, createReadiness, type ReadinessCheck } from './health/readiness.ts';
import { verifyBotToken, verifyReviewChannel } from './health/slack-checks.ts';
import { createBusinessCalendar } from './domain/italian-holidays.ts';
import type { AppLogger } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { buildCustomRoutes } from './http/routes.ts';
import { createSlackApp } from './slack/app.ts';
import type { AppDeps } from './slack/deps.ts';
import { createHomes } from './slack/home.ts';
import { createLocaleDirectory } from './slack/locales.ts';
import { createReviewerDirectory } from './slack/reviewers.ts';
import { enqueueDueWeeklyReport } from './use-cases/enqueue-weekly-report.ts';
import { runDailyRetention } from './use-cases/redact-personal-data.ts';

export interface ApplicationOptions {
  config: Config;
  db: Db;
  logger: AppLogger;
  clock?: () => Date;
  /** Overrides for the listeners' Web API client (tests shorten its retries). */
  clientOptions?: WebClientOptions;
  worker?: Partial<OutboxWorkerOptions>;
  /** How long an SMTP server may stay silent before an email reply's attempt fails (tests shorten it). */
  smtpTimeoutMs?: number;
  /** The bot's identity from the start-up checks (main.ts); without it Bolt makes its own auth.test. */
  identity?: { botId: string; botUserId: string; botName: string };
  /** How long /readyz keeps the answers of its Slack checks. Default 30 s. */
  slackCheckTtlMs?: number;
}

/**
 * Everything that runs in one instance: the Bolt app (listeners), the outbox worker that delivers
 * queued Slack messages, and the SLA sweeper. Any number of instances may share one database.
 */
export function createApplication(options: ApplicationOptions) {
  const { config, db, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const calendar = createBusinessCalendar(config.sla.closedDays);
  const metrics = createMetrics({ db, clock, calendar });

  // The worker's own client neither retries nor pauses on a 429 (which would stall every Slack call
  // of the process): it fails fast, and the outbox reschedules that one message. The directories
  // (reviewers, languages) use it too: they cache, and fall back on failure.
  const deliveryClient = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger,
    fetch: metrics.slackFetch,
  });
  const reviewers = createReviewerDirectory({
    client: deliveryClient,
    reviewChannelId: config.slack.reviewChannelId,
    allowList: config.slack.reviewerUserIds,
  });
  const locales = createLocaleDirectory({ client: deliveryClient, fallback: config.defaultLocale });
  const homes = createHomes({ db, client: deliveryClient, reviewers, locales, calendar, clock });

  // Replies to emails leave by SMTP (SMTP_URL); without it they are off, and attempts still recorded.
  const mailTransport = config.email.smtp
    ? createSmtpTransport(config.email.smtp.url, options.smtpTimeoutMs)
    : undefined;
  const emailReply = createEmailReplyHandler({
    db,
    logger,
    mail: mailTransport && config.email.smtp ? { transport: mailTransport, from: config.email.smtp.from } : undefined,
  });

  const worker = createOutboxWorker({
    db,
    logger,
    clock,
    deliver: createDeliverer({
      db,
      client: deliveryClient,
      logger,
      clock,
      reviewChannelId: config.slack.reviewChannelId,
      reviewLocale: config.reviewLocale,
      locales,
      escalation: config.sla.escalation,
      homes,
      reviewers,
      refundWebhook: config.refundWebhook,
      reversalDays: config.autoApproval.reversalDays,
      emailReply,
    }),
    options: {
      ...options.worker,
      retry: {
        ...DEFAULT_RETRY_POLICY,
        giveUpAfterMs: config.deliveryGiveUpHours * 3_600_000,
        ...options.worker?.retry,
      },
    },
  });
  const blockedDeliveries = {
    async releaseForChannel(): Promise<number> {
      const released = await releaseBlockedDeliveries(db, {
        now: clock(),
        trigger: 'bot_joined_channel',
        causes: CHANNEL_ERRORS,
      });
      if (released > 0) worker.resume();
      return released;
    },
  };
  const sweeper = createSlaSweeper({
    db,
    clock,
    logger,
    intervalMs: config.sla.sweepIntervalSeconds * 1000,
    onQueued: () => worker.wake(),
    jobs: [
      () => enqueueDueWeeklyReport({ db, clock, calendar, notifyHour: config.sla.notifyHour }),
      () => runDailyRetention({ db, clock, retentionMonths: config.retentionMonths }),
    ],
  });
  const socket = { connected: false };
  const readiness = createReadiness(
    readinessChecks({
      db,
      client: deliveryClient,
      reviewChannelId: config.slack.reviewChannelId,
      botName: options.identity?.botName,
      ttlMs: options.slackCheckTtlMs ?? 30_000,
      socket: config.slack.appToken ? socket : undefined,
    }),
  );
  const deps: AppDeps = {
    config,
    db,
    logger,
    clock,
    calendar,
    sla: { reminderOffsets: config.sla.reminderOffsets, notifyHour: config.sla.notifyHour },
    outbox: worker,
    reviewers,
    locales,
    homes,
    blockedDeliveries,
    readiness,
    metrics,
  };
  const { app, socketHttpServer } = createSlackApp(deps, {
    customRoutes: buildCustomRoutes(deps),
    clientOptions: { rejectRateLimitedCalls: true, fetch: metrics.slackFetch, ...options.clientOptions },
    ...(options.identity ? { identity: { botId: options.identity.botId, botUserId: options.identity.botUserId } } : {}),
    onSocketConnection: (connected) => {
      if (connected !== socket.connected) logger.info(connected ? 'socket mode connected' : 'socket mode disconnected');
      socket.connected = connected;
    },
  });

  return {
    app,
    worker,
    sweeper,
    readiness,
    metrics,
    /**
     * Starts the receiver, then the worker and the sweeper; resolves with the HTTP server. Socket Mode:
     * once the socket is connected (it rejects when Slack refuses the app token).
     */
    async start(port: number): Promise<Server | undefined> {
      let server: Server | undefined;
      if (socketHttpServer) {
        const listening = new Promise<void>((resolve, reject) => {
          socketHttpServer.once('listening', resolve);
          socketHttpServer.once('error', reject);
        });
        const connected = app.start(port);
        await listening;
        await connected;
        server = socketHttpServer;
      } else {
        server = (await app.start(port)) as Server | undefined;
      }
      if (server) metrics.observeHttp(server);
      if (!mailTransport) logger.info('email replies are off: SMTP_URL is not set (emails are recorded, not answered)');
      worker.start();
      sweeper.start();
      return server;
    },
    async stop(): Promise<void> {
      await app.stop();
      await sweeper.stop();
      await worker.stop();
      mailTransport?.close();
    },
  };
}

export type Application = ReturnType<typeof createApplication>;

/** What /readyz checks; one more check is one more entry. */
function readinessChecks(options: {
  db: Db;
  client: WebClient;
  reviewChannelId: string;
  botName: string | undefined;
  ttlMs: number;
  socket: { connected: boolean } | undefined;
}): ReadinessCheck[] {
  const { db, client, ttlMs } = options;
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
        (await isDatabaseReachable(db)) ? { ok: true } : { ok: false, problem: 'the database does not answer' },
    },
    { name: 'slack_token', run: tokenCheck },
    { name: 'review_channel', run: channelCheck },
    {
      // A message waiting for a person to fix its cause (npm run outbox -- list).
      name: 'no_message_blocked',
      run: async () => {
        const blocked = await countBlockedMessagesByCause(db);
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
