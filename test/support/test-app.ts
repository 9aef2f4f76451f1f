import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import nock from 'nock';
import { loadConfig, type Config } from '../../src/config.ts';
import type { OutboxWorkerOptions } from '../../src/delivery/outbox-worker.ts';
import { createLogger } from '../../src/logger.ts';
import { createApplication, type Application } from '../../src/application.ts';
import { fakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';
import { RESPONSE_URL_PLACEHOLDER } from '../../src/sandbox/slack-payloads.ts';
import { SANDBOX_BOT } from '../../src/sandbox/slack-api-double.ts';
import { createSlackSender, type SlackSender } from '../../src/sandbox/signed-requests.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const REVIEW_CHANNEL = 'CREVIEW';
export const EMAIL_TOKEN = 'inbound-email-token-0123456789-abcdef';

export interface TestAppOptions {
  env?: Record<string, string>;
  channelMembers?: string[];
  now?: Date;
  database?: TestDatabase;
  worker?: Partial<OutboxWorkerOptions>;
  smtpTimeoutMs?: number;
  /** How long /readyz keeps its Slack checks' answers (default: the app's 30 s). */
  slackCheckTtlMs?: number;
  /** Prepares the fake Web API before the app starts (Socket Mode: apps.connections.open). */
  beforeStart?: (slack: FakeSlackApi) => void;
}

export interface TestApp {
  baseUrl: string;
  database: TestDatabase;
  slack: FakeSlackApi;
  send: SlackSender;
  logs: string[];
  config: Config;
  clock: { now: Date };
  application: Application;
  stop(): Promise<void>;
}

/**
 * The real Bolt app (HTTP receiver, real listeners) on a random local port, a database of its own,
 * and Slack's Web API faked with nock. Only loopback traffic may leave the process.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const database = options.database ?? (await createTestDatabase());
  // A Slack API host of this app's own, so two apps in one test file never share a fake.
  const slackOrigin = `https://slack-${randomBytes(4).toString('hex')}.test`;
  const config = loadConfig({
    NODE_ENV: 'test',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    REVIEW_CHANNEL_ID: REVIEW_CHANNEL,
    DATABASE_URL: database.url,
    INBOUND_EMAIL_TOKEN: EMAIL_TOKEN,
    MAX_CREDITS_PER_CLAIM: '50',
    LOG_LEVEL: 'info',
    SLACK_API_URL: `${slackOrigin}/api/`,
    ...options.env,
  });
  const logs: string[] = [];
  const clock = { now: options.now ?? new Date('2026-11-20T10:00:00Z') };
  const slack = fakeSlackApi({
    origin: slackOrigin,
    channelMembers: options.channelMembers ?? ['UREVIEWER1', 'UREVIEWER2', 'UPRO'],
    clock: () => clock.now,
  });
  options.beforeStart?.(slack);
  const application = createApplication({
    config,
    db: database.db,
    logger: createLogger(config.logLevel, (line) => logs.push(line)),
    clock: () => clock.now,
    clientOptions: { retryConfig: { retries: 0 } },
    worker: { pollMs: 20, ...options.worker },
    ...(options.smtpTimeoutMs ? { smtpTimeoutMs: options.smtpTimeoutMs } : {}),
    // As main.ts does after its start-up auth.test: Bolt then makes no auth.test call of its own.
    identity: SANDBOX_BOT,
    ...(options.slackCheckTtlMs !== undefined ? { slackCheckTtlMs: options.slackCheckTtlMs } : {}),
  });
  const server = (await application.start(0)) as Server;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    database,
    slack,
    send: createSlackSender(baseUrl, SIGNING_SECRET, (payload) => withResponseUrl(payload, slack.responseUrl)),
    logs,
    config,
    clock,
    application,
    async stop() {
      await application.stop();
      slack.stop();
      if (!options.database) await database.destroy();
    },
  };
}

export function withResponseUrl(payload: unknown, responseUrl: string): unknown {
  const record = payload as Record<string, unknown>;
  return record.response_url === RESPONSE_URL_PLACEHOLDER ? { ...record, response_url: responseUrl } : payload;
}

/** Waits for work Bolt does after the ack (Slack calls, audit rows), failing with the last error. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
