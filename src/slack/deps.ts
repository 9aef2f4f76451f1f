/**
 * Slack: AppDeps, the one bag of dependencies every listener receives, built once in application.ts. Only
 * types, and the small helper that narrows it for the review decisions.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import type { SlaConfig } from '../domain/sla.ts';
import type { Readiness } from '../health/readiness.ts';
import type { AppLogger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { DecisionDeps } from '../use-cases/decide-claim.ts';
import type { Homes } from './home.ts';
import type { LocaleDirectory } from './locales.ts';
import type { ReviewerDirectory } from './reviewers.ts';

/** What every listener may use: built once in src/application.ts and passed down. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: AppLogger;
  clock: () => Date;
  calendar: BusinessCalendar;
  sla: SlaConfig;
  /**
   * The outbox worker (src/delivery/outbox-worker.ts, built with its deliverer by createDelivery in
   * src/delivery/delivery.ts): `wake()` asks it to deliver now rather than at its next poll. slack/ may not
   * import delivery/, hence the shape here.
   */
  outbox: { wake(): void };
  reviewers: ReviewerDirectory;
  /** Each person's language, from their Slack locale (cached; the default when unknown or slow). */
  locales: LocaleDirectory;
  /** Each person's App Home. */
  homes: Homes;
  /** The checks behind GET /readyz. */
  readiness: Readiness;
  /** Prometheus metrics: GET /metrics, and the counters of what fails in this process. */
  metrics: Metrics;
  /** Messages waiting blocked for a cause a person must fix (createDelivery in src/delivery/delivery.ts). */
  blockedDeliveries: BlockedDeliveries;
}

/** What the review buttons' use cases read: the database, and who reviews. */
export function decisionDepsOf(deps: AppDeps): DecisionDeps {
  return { db: deps.db, isReviewer: (userId) => deps.reviewers.isReviewer(userId) };
}

export interface BlockedDeliveries {
  /** The bot is in the review channel now: releases what waited for it; returns how many. */
  releaseForChannel(): Promise<number>;
}
