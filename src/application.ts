/**
 * Composition root of one instance: from a `Config` and a `Db`, builds the metrics, the delivery Web API client,
 * the directories (reviewers, languages, Homes), the delivery side (outbox worker: src/delivery/delivery.ts), the
 * SLA sweeper with its jobs, the readiness checks, and the Bolt app with every listener; then starts and stops them
 * in order. Called by main.ts (and the sandbox demo); any number of instances may share one database.
 */
import type { Server } from 'node:http';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config.ts';
import { isDatabaseReachable, type Db } from './db/database.ts';
import { countBlockedMessagesByCause } from './db/outbox.repository.ts';
import { createDelivery, createDeliveryClient } from './delivery/delivery.ts';
import type { OutboxWorkerOptions } from './delivery/outbox-worker.ts';
import { createSweeperWithJobs } from './delivery/sla-sweeper.ts';
import { createBusinessCalendar } from './domain/italian-holidays.ts';
import { createInstanceReadiness } from './health/readiness-checks.ts';
import { buildCustomRoutes } from './http/routes.ts';
import type { AppLogger } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { createSlackApp, startSlackApp } from './slack/app.ts';
import type { AppDeps } from './slack/deps.ts';
import { createHomes } from './slack/home.ts';
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

  const client = createDeliveryClient(config, logger, metrics.slackFetch);
  const { reviewChannelId } = config.slack;
  const reviewers = createReviewerDirectory({ client, reviewChannelId, allowList: config.slack.reviewerUserIds });
  const locales = createLocaleDirectory({ client, fallback: config.defaultLocale });
  const homes = createHomes({ db, client, reviewers, locales, calendar, clock });
  // The worker's and the SMTP transport's overrides (tests shorten them) are read from the options.
  const delivery = createDelivery({ config, db, logger, clock, client, reviewers, locales, homes }, options);
  const { worker } = delivery;
  const sweeper = createSweeperWithJobs({ config, db, clock, logger, calendar, onQueued: () => worker.wake() });

  const { readiness, onSocketConnection } = createInstanceReadiness({
    databaseReachable: () => isDatabaseReachable(db),
    blockedMessages: () => countBlockedMessagesByCause(db),
    client,
    reviewChannelId,
    botName: options.identity?.botName,
    ttlMs: options.slackCheckTtlMs ?? 30_000,
    socketMode: Boolean(config.slack.appToken),
    logger,
  });
  const sla = { reminderOffsets: config.sla.reminderOffsets, notifyHour: config.sla.notifyHour };
  const deps: AppDeps = {
    config,
    db,
    logger,
    clock,
    calendar,
    sla,
    outbox: worker,
    reviewers,
    locales,
    homes,
    blockedDeliveries: delivery.blockedDeliveries,
    readiness,
    metrics,
  };
  const slack = createSlackApp(deps, {
    customRoutes: buildCustomRoutes(deps),
    clientOptions: { rejectRateLimitedCalls: true, fetch: metrics.slackFetch, ...options.clientOptions },
    ...(options.identity ? { identity: { botId: options.identity.botId, botUserId: options.identity.botUserId } } : {}),
    onSocketConnection,
  });

  return {
    app: slack.app,
    worker,
    sweeper,
    readiness,
    metrics,
    /** Starts the receiver (Socket Mode: once connected), then the worker and the sweeper; resolves with the HTTP server. */
    async start(port: number): Promise<Server | undefined> {
      const server = await startSlackApp(slack, port);
      if (server) metrics.observeHttp(server);
      delivery.start();
      sweeper.start();
      return server;
    },
    /** The receiver first (no new work comes in), then the sweeper, then the worker's deliveries in flight and SMTP. */
    async stop(): Promise<void> {
      await slack.app.stop();
      await sweeper.stop();
      await delivery.stop();
    },
  };
}

export type Application = ReturnType<typeof createApplication>;
