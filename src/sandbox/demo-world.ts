/**
 * Sandbox: the world `npm run demo` plays in. It starts the real app on a fresh embedded PostgreSQL with a
 * local Slack stand-in (optionally Socket Mode) and a local SMTP sink, and names the demo's people and channel.
 * No network, no credentials; the clock is the demo's to move.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplication, type Application } from '../application.ts';
import { loadConfig } from '../config.ts';
import { createDb, migrateToLatest, type Db } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { createLogger } from '../logger.ts';
import { RESPONSE_URL_PLACEHOLDER } from './slack-payloads.ts';
import { createSlackSender, type SlackSender } from './signed-requests.ts';
import { SANDBOX_BOT } from './slack-api-double.ts';
import { startSlackStandIn, type SlackStandIn } from './slack-stand-in.ts';
import { createSocketSender, startSocketModeStandIn } from './socket-mode-stand-in.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export const REVIEW_CHANNEL = 'CRIMBORSI';
export const PEOPLE = {
  paola: 'UPAOLA', // a professional
  giulia: 'UGIULIA', // reviewer
  marco: 'UMARCO', // reviewer
  luca: 'ULUCA', // works elsewhere in the company, not a reviewer
  sara: 'USARA', // a professional whose charges the marketplace reports
} as const;
export const NAMES: Record<string, string> = {
  UPAOLA: 'Paola (professionista)',
  UGIULIA: 'Giulia (revisione)',
  UMARCO: 'Marco (revisione)',
  ULUCA: 'Luca',
  USARA: 'Sara (professionista)',
  [REVIEW_CHANNEL]: '#rimborsi-revisione',
};

export const SUPPORT_EMAIL = 'rimborsi@prontopro.example';

export interface DemoWorld {
  db: Db;
  slack: SlackStandIn;
  /** A local SMTP server: the replies to emails land here. */
  smtp: SmtpSink;
  baseUrl: string;
  inboundEmailToken: string;
  send: SlackSender;
  application: Application;
  clock: { now: Date };
  stop(): Promise<void>;
}

/**
 * The real app in HTTP mode (or Socket Mode, against the Socket Mode stand-in), on a fresh embedded
 * PostgreSQL, talking to a local Slack stand-in and a local SMTP server: no network, no credentials.
 * The clock is the demo's, so it can be moved forward for the reminders.
 */
export async function startDemoWorld(options: { socketMode?: boolean } = {}): Promise<DemoWorld> {
  const signingSecret = randomBytes(16).toString('hex');
  const pg = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `rimborso-demo-${randomBytes(4).toString('hex')}`),
    persistent: false,
  });
  const stopAll: Array<() => Promise<void>> = [() => pg.stop()];
  try {
    const slack = await startSlackStandIn({ channelMembers: [PEOPLE.giulia, PEOPLE.marco] });
    stopAll.unshift(() => slack.stop());
    const socket = options.socketMode ? await startSocketModeStandIn() : undefined;
    if (socket) {
      stopAll.push(() => socket.stop());
      slack.respond('apps.connections.open', socket.connectionsOpen);
    }
    const smtp = await startSmtpSink();
    stopAll.unshift(() => smtp.stop());
    const inboundEmailToken = randomBytes(16).toString('hex');
    const config = loadConfig({
      ...(socket ? { SLACK_APP_TOKEN: 'xapp-1-A0STANDIN-1-demo' } : {}),
      NODE_ENV: 'development',
      SLACK_BOT_TOKEN: 'xoxb-demo-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      REVIEW_CHANNEL_ID: REVIEW_CHANNEL,
      DATABASE_URL: pg.url,
      INBOUND_EMAIL_TOKEN: inboundEmailToken,
      SMTP_URL: smtp.url,
      EMAIL_FROM: `Supporto ProntoPro <${SUPPORT_EMAIL}>`,
      LOG_LEVEL: 'error',
      // A platform error the ledger proves is refunded at once (and can be reversed by a reviewer).
      AUTO_APPROVE: 'later_interaction',
    });
    const db = createDb(pg.url);
    stopAll.unshift(() => db.destroy());
    await migrateToLatest(db);
    const clock = { now: new Date() };
    const application = createApplication({
      config,
      db,
      logger: createLogger('error', (line) => process.stderr.write(`${line}\n`)),
      clock: () => clock.now,
      worker: { pollMs: 50 },
      identity: SANDBOX_BOT,
    });
    const server = (await application.start(0)) as Server;
    stopAll.unshift(() => application.stop());
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const withResponseUrl = (payload: unknown) => {
      const record = payload as Record<string, unknown>;
      return record.response_url === RESPONSE_URL_PLACEHOLDER
        ? { ...record, response_url: slack.responseUrl }
        : payload;
    };
    const send = socket
      ? createSocketSender(socket, withResponseUrl)
      : createSlackSender(baseUrl, signingSecret, withResponseUrl);
    return { db, slack, smtp, baseUrl, inboundEmailToken, send, application, clock, stop: () => runAll(stopAll) };
  } catch (error) {
    await runAll(stopAll);
    throw error;
  }
}

async function runAll(steps: Array<() => Promise<void>>): Promise<void> {
  for (const step of steps) await step().catch(() => undefined);
}

export class DemoStepFailed extends Error {
  override name = 'DemoStepFailed';
}

/** Waits (bounded) for something the app does after its ack; fails the demo step when it never comes. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new DemoStepFailed(`did not happen within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
