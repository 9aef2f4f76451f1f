import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { createDeliverer } from './delivery/deliver-message.ts';
import { createEmailReplyHandler, createSmtpTransport } from './delivery/email-reply.ts';
import { createOutboxWorker, type OutboxWorkerOptions } from './delivery/outbox-worker.ts';
import { createSlaSweeper } from './delivery/sla-sweeper.ts';
import { createBusinessCalendar } from './domain/italian-holidays.ts';
import type { AppLogger } from './logger.ts';
import { createSlackApp } from './slack/app.ts';
import { publishHome, renderHome } from './slack/home.ts';
import { createLocaleDirectory } from './slack/locales.ts';
import { createReviewerDirectory } from './slack/reviewers.ts';

export interface ApplicationOptions {
  config: Config;
  db: Db;
  logger: AppLogger;
  clock?: () => Date;
  /** Overrides for the listeners' Web API client (tests shorten its retries). */
  clientOptions?: WebClientOptions;
  worker?: Partial<OutboxWorkerOptions>;
}

/**
 * Everything that runs in one instance: the Bolt app (listeners), the outbox worker that delivers
 * queued Slack messages, and the SLA sweeper. Any number of instances may share one database.
 */
export function createApplication(options: ApplicationOptions) {
  const { config, db, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const calendar = createBusinessCalendar(config.sla.closedDays);

  // The worker's own client neither retries nor pauses on a 429 (which would stall every Slack call
  // of the process): it fails fast, and the outbox reschedules that one message. The directories
  // (reviewers, languages) use it too: they cache, and fall back on failure.
  const deliveryClient = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger,
  });
  const reviewers = createReviewerDirectory({
    client: deliveryClient,
    reviewChannelId: config.slack.reviewChannelId,
    allowList: config.slack.reviewerUserIds,
  });
  const locales = createLocaleDirectory({ client: deliveryClient, fallback: config.defaultLocale });
  const localeOf = (userId: string) => locales.localeOf(userId);
  const homeDeps = { db, client: deliveryClient, reviewers, localeOf, calendar, clock };
  const publishOneHome = (userId: string) => publishHome(homeDeps, userId);

  // Replies to emails leave by SMTP (SMTP_URL); without it they are off, and attempts still recorded.
  const mailTransport = config.email.smtp ? createSmtpTransport(config.email.smtp.url) : undefined;
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
      localeOf,
      escalation: config.sla.escalation,
      renderHome: (userId, readFrom) => renderHome(homeDeps, userId, readFrom),
      listReviewers: () => reviewers.listReviewers(),
      refundWebhook: config.refundWebhook,
      reversalDays: config.autoApproval.reversalDays,
      emailReply,
    }),
    options: {
      ...options.worker,
      retry: {
        backoffBaseMs: 2_000,
        backoffMaxMs: 10 * 60_000,
        giveUpAfterMs: config.deliveryGiveUpHours * 3_600_000,
        ...options.worker?.retry,
      },
    },
  });
  const sweeper = createSlaSweeper({
    db,
    clock,
    logger,
    intervalMs: config.sla.sweepIntervalSeconds * 1000,
    onQueued: () => worker.wake(),
  });
  const app: App = createSlackApp(
    {
      config,
      db,
      logger,
      clock,
      calendar,
      sla: { reminderOffsets: config.sla.reminderOffsets, notifyHour: config.sla.notifyHour },
      wakeOutbox: () => worker.wake(),
      reviewers,
      localeOf,
      publishHome: publishOneHome,
    },
    { clientOptions: { rejectRateLimitedCalls: true, ...options.clientOptions } },
  );

  return {
    app,
    worker,
    sweeper,
    /** Starts the receiver (HTTP: resolves with the server), then the worker and the sweeper. */
    async start(port: number): Promise<Server | undefined> {
      const server = (await app.start(port)) as Server | undefined;
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
