/**
 * Delivery side of one instance, built by application.ts: the Web API client that fails fast, and the outbox
 * worker with its deliverer (deliver-message.ts, each queued Slack message rendered and sent), the email replies
 * (email-reply.ts) and the release of messages blocked on the review channel. The worker is what listeners wake.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AppLogger } from '../logger.ts';
import type { Homes } from '../slack/home.ts';
import type { LocaleDirectory } from '../slack/locales.ts';
import type { ReviewerDirectory } from '../slack/reviewers.ts';
import type { BlockedDeliveries } from '../slack/deps.ts';
import { releaseBlockedDeliveries } from '../use-cases/blocked-deliveries.ts';
import { createDeliverer } from './deliver-message.ts';
import { createEmailReplyHandler, createSmtpTransport, recordGivenUpReply } from './email-reply.ts';
import { createOutboxWorker, type OutboxWorkerOptions } from './outbox-worker.ts';
import { CHANNEL_ERRORS, DEFAULT_RETRY_POLICY } from './retry-policy.ts';

/**
 * The worker's own client neither retries nor pauses on a 429 (which would stall every Slack call of the
 * process): it fails fast, and the outbox reschedules that one message. The directories (reviewers,
 * languages) and /readyz use it too: they cache, and fall back on failure.
 */
export function createDeliveryClient(config: Config, logger: AppLogger, fetch: WebClientOptions['fetch']): WebClient {
  return new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger,
    fetch,
  });
}

export interface DeliveryOptions {
  config: Config;
  db: Db;
  logger: AppLogger;
  clock: () => Date;
  /** From createDeliveryClient. */
  client: WebClient;
  reviewers: ReviewerDirectory;
  locales: LocaleDirectory;
  homes: Homes;
}

/** What tests shorten (ApplicationOptions carries both). */
export interface DeliveryTuning {
  /** Overrides of the worker's options: its polls, its retries. */
  worker?: Partial<OutboxWorkerOptions>;
  /** How long an SMTP server may stay silent before an email reply's attempt fails. */
  smtpTimeoutMs?: number;
}

/** The outbox worker and what rides on it (email replies, blocked deliveries), started and stopped together. */
export function createDelivery(deps: DeliveryOptions, tuning: DeliveryTuning = {}) {
  const { config, db, logger, clock, client } = deps;
  // Replies to emails leave by SMTP (SMTP_URL); without it they are off, and attempts still recorded.
  const mailTransport = config.email.smtp
    ? createSmtpTransport(config.email.smtp.url, tuning.smtpTimeoutMs)
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
      client,
      logger,
      clock,
      reviewChannelId: config.slack.reviewChannelId,
      reviewLocale: config.reviewLocale,
      locales: deps.locales,
      escalation: config.sla.escalation,
      homes: deps.homes,
      reviewers: deps.reviewers,
      refundWebhook: config.refundWebhook,
      reversalDays: config.autoApproval.reversalDays,
      emailReply,
    }),
    // An email reply given up (too old to retry) says so on its attempt and forgets the address.
    givenUp: (message, reason) =>
      message.kind === 'email_reply' ? recordGivenUpReply(db, message, reason) : Promise.resolve(),
    options: {
      ...tuning.worker,
      retry: {
        ...DEFAULT_RETRY_POLICY,
        giveUpAfterMs: config.deliveryGiveUpHours * 3_600_000,
        ...tuning.worker?.retry,
      },
    },
  });

  const blockedDeliveries: BlockedDeliveries = {
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

  return {
    worker,
    blockedDeliveries,
    start(): void {
      if (!config.outboxWorker) {
        logger.warn(
          'the outbox worker is off (OUTBOX_WORKER=off): messages queued here are delivered by another instance',
        );
        return;
      }
      if (!mailTransport) logger.info('email replies are off: SMTP_URL is not set (emails are recorded, not answered)');
      worker.start();
    },
    /** Lets the deliveries in flight finish, then closes the SMTP transport. */
    async stop(): Promise<void> {
      await worker.stop();
      mailTransport?.close();
    },
  };
}
