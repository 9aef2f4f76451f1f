/**
 * Metrics: the instance's Prometheus registry, served by GET /metrics. Claim, decision and outbox figures
 * are read from the database at each scrape; Slack API errors and HTTP requests are counted in this process.
 */
import type { Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import { REVIEW_DECISIONS } from '../domain/claim-state.ts';
import {
  countClaimsByStatus,
  countDecisionsByDates,
  countFailedMessages,
  countPendingClaims,
  countPendingMessages,
} from '../db/metrics.repository.ts';
import { businessDaysBetween, type BusinessCalendar } from '../domain/business-days.ts';
import { romeDateOf } from '../domain/rome-calendar.ts';
import { createCountingFetch } from './counting-fetch.ts';
import { createDatabaseHistogram, DECISION_BUCKETS } from './decision-histogram.ts';

export interface MetricsDeps {
  db: Db;
  clock: () => Date;
  calendar: BusinessCalendar;
}

const KNOWN_ROUTE = /^\/(slack\/events|healthz|readyz|metrics|inbound\/email|ledger\/[a-z]+)$/;

/** `channel_not_found`, `rate_limited (retry after 3s); gave up after 1440 min` → `channel_not_found`, `rate_limited`. */
export function failureReason(lastError: string | null): string {
  const head = (lastError ?? 'unknown').split(/[;(]/, 1)[0]?.trim() ?? '';
  return /^[a-z][a-z0-9_]{0,59}$/.test(head) ? head : 'other';
}

/**
 * The Prometheus metrics of one instance. Figures that live in the database — claims, decisions,
 * the outbox — are read at each scrape (cheap indexed queries), so every instance reports the same
 * truth and a restart resets nothing. What happens in this process — Slack API errors, HTTP requests,
 * the process itself — is counted here, and summed across instances by Prometheus.
 */
export function createMetrics(deps: MetricsDeps) {
  const { db, clock, calendar } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const slackApiErrors = new Counter({
    name: 'rimborso_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and error (Slack error code, rate_limited, http_NNN, network_error).',
    labelNames: ['method', 'error'],
    registers,
  });
  const httpRequests = new Counter({
    name: 'rimborso_http_requests_total',
    help: 'HTTP requests answered by this instance, by route and status.',
    labelNames: ['route', 'status'],
    registers,
  });

  new Counter({
    name: 'rimborso_claims_submitted_total',
    help: 'Claims submitted, by the policy outcome (to_review, ineligible). Read from the database.',
    labelNames: ['outcome'],
    registers,
    async collect() {
      this.reset();
      this.inc({ outcome: 'to_review' }, 0);
      this.inc({ outcome: 'ineligible' }, 0);
      for (const { status, count } of await countClaimsByStatus(db))
        this.inc({ outcome: status === 'ineligible' ? 'ineligible' : 'to_review' }, count);
    },
  });
  new Counter({
    name: 'rimborso_decisions_total',
    help: 'Reviewers’ decisions, by decision (approved, rejected). Read from the database.',
    labelNames: ['decision'],
    registers,
    async collect() {
      this.reset();
      const counts = new Map((await countClaimsByStatus(db)).map((row) => [row.status, row.count]));
      for (const decision of REVIEW_DECISIONS) this.inc({ decision }, counts.get(decision) ?? 0);
    },
  });
  registry.registerMetric(
    createDatabaseHistogram({
      name: 'rimborso_decision_business_days',
      help: 'Business days from a claim’s submission to its decision (Rome calendar). Read from the database.',
      buckets: DECISION_BUCKETS,
      read: async () =>
        (await countDecisionsByDates(db)).map((row) => ({
          value: businessDaysBetween(row.submittedOn, row.decidedOn, calendar.isBusinessDay),
          count: row.count,
        })),
    }),
  );
  new Gauge({
    name: 'rimborso_claims_pending',
    help: 'Claims waiting for a decision.',
    registers,
    async collect() {
      this.set((await countPendingClaims(db, romeDateOf(clock()))).pending);
    },
  });
  new Gauge({
    name: 'rimborso_claims_overdue',
    help: 'Claims still waiting after their deadline (10 business days).',
    registers,
    async collect() {
      this.set((await countPendingClaims(db, romeDateOf(clock()))).overdue);
    },
  });
  new Gauge({
    name: 'rimborso_outbox_oldest_pending_seconds',
    help: 'Age of the oldest Slack message (or webhook) not yet delivered; 0 when none is waiting.',
    registers,
    async collect() {
      const oldest = Math.min(...(await countPendingMessages(db)).map((row) => row.oldest.getTime()));
      this.set(Number.isFinite(oldest) ? Math.max(0, (clock().getTime() - oldest) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'rimborso_outbox_pending',
    help: 'Messages waiting in the outbox, by kind.',
    labelNames: ['kind'],
    registers,
    async collect() {
      this.reset();
      for (const row of await countPendingMessages(db)) this.set({ kind: row.kind }, row.count);
    },
  });
  new Counter({
    name: 'rimborso_outbox_failed_total',
    help: 'Messages given up, by kind and reason. Read from the database.',
    labelNames: ['kind', 'reason'],
    registers,
    async collect() {
      this.reset();
      for (const row of await countFailedMessages(db))
        this.inc({ kind: row.kind, reason: failureReason(row.lastError) }, row.count);
    },
  });

  return {
    contentType: registry.contentType,
    /** The exposition text; reads the database (rejects when it does not answer). */
    render: () => registry.metrics(),
    slackApiError(method: string, error: string): void {
      slackApiErrors.inc({ method, error });
    },
    /** The `fetch` for every WebClient of the instance: counts the failed Slack calls. */
    slackFetch: createCountingFetch((method, error) => slackApiErrors.inc({ method, error })),
    /** Counts each answered request of this HTTP server by route and status. */
    observeHttp(server: Server): void {
      server.on('request', (req, res) => {
        const path = (req.url ?? '').split('?', 1)[0] ?? '';
        res.once('finish', () =>
          httpRequests.inc({ route: KNOWN_ROUTE.test(path) ? path : 'other', status: String(res.statusCode) }),
        );
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
