import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { buildRefundStateValues, buildSlashCommand, buildViewSubmission } from '../src/sandbox/slack-payloads.ts';
import { buildRefundModal } from '../src/slack/views/refund-modal.ts';
import { formBody, runLevel, type LevelResult } from './load.ts';
import { cpuMs, postgresCpuMs, rssMb, startApp, startBareBolt, type Child } from './processes.ts';
import type { SqlCounter } from './sql-counter.ts';

/** The HTTP side: /rimborso against bare Bolt level by level, then submissions, the burst and the outbox's pace. */
export const LEVELS = [
  { users: 1, requests: 300 },
  { users: 10, requests: 2_000 },
  { users: 100, requests: 4_000 },
];
const SUBMISSION_LEVELS = [
  { users: 1, requests: 200 },
  { users: 10, requests: 1_000 },
  { users: 100, requests: 2_000 },
];

export interface SlashRow {
  users: number;
  bare: LevelResult;
  ours: LevelResult;
  bareCpuMs: number;
  oursCpuMs: number;
}
export interface SubmissionRow extends LevelResult {
  appCpuMs: number;
  pgCpuMs: number;
  roundTrips: number;
  pendingAfter: number;
}
export interface HttpResult {
  slash: SlashRow[];
  rss: { bareStart: number; barePeak: number; oursStart: number; oursPeakSlash: number; oursPeakAll: number };
  submissions: SubmissionRow[];
  burst: {
    claims: number;
    seconds: number;
    posted: number;
    maxInOneSecond: number;
    retried: number;
    dmSeconds: number;
  };
  /** CPU milliseconds per delivered DM of each process: the app, the Slack stand-in, PostgreSQL. */
  deliveries: { messages: number; perSecond: number; appCpuMs: number; standInCpuMs: number; pgCpuMs: number };
}

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const slashBody = (i: number) => formBody(buildSlashCommand({ user_id: `UPRO${i % 100}`, trigger_id: `t-${i}` }));
let submitted = 0;
function submissionBody(user: string): string {
  const n = submitted++;
  const values = buildRefundStateValues({
    clientFirstName: `Cliente${n}`,
    answeredOn: daysAgo(2),
    receivedOn: daysAgo(3),
  });
  return formBody({ payload: JSON.stringify(buildViewSubmission({ user, viewId: `VB${n}-${today()}`, values })) });
}

async function measured(pid: number, step: () => Promise<LevelResult>) {
  const before = cpuMs(pid);
  const result = await step();
  return { result, cpuPerRequest: (cpuMs(pid) - before) / result.requests };
}

/**
 * Messages still to deliver, but for the review channel's posts: those go out at Slack's pace (about
 * one a second), so after thousands of submissions they drain for an hour, by design.
 */
async function pendingOutbox(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND lane <> 'review'",
  );
  return Number(rows[0]?.n ?? 0);
}

export async function runHttp(options: {
  apiUrl: string;
  standInPid: number;
  adminUrl: string;
  database: string;
  appDatabaseUrl: string;
  counter: SqlCounter;
  log: (line: string) => void;
}): Promise<HttpResult> {
  const { log } = options;
  const direct = new URL(options.adminUrl);
  direct.pathname = `/${options.database}`;
  const db = new pg.Pool({ connectionString: direct.toString(), max: 2 });
  const children: Child[] = [];
  try {
    // Bare Bolt opens the app's own form (Italian, the stand-in's users speak it): the same view to Slack.
    const viewFile = join(tmpdir(), `rimborso-bench-view-${process.pid}.json`);
    writeFileSync(viewFile, JSON.stringify(buildRefundModal({ locale: 'it', maxCredits: 100 })));
    const bare = await startBareBolt(options.apiUrl, viewFile);
    children.push(bare);
    let ours = await startApp(options.apiUrl, options.appDatabaseUrl);
    children.push(ours);
    const rssStart = { bare: rssMb(bare.pid).now, ours: rssMb(ours.pid).now };
    // Warm both (JIT, sockets, each user's locale), then each level side by side: bare, ours.
    await runLevel(bare.port, 10, 500, slashBody);
    await runLevel(ours.port, 10, 500, slashBody);
    const slash: SlashRow[] = [];
    for (const level of LEVELS) {
      log(`/rimborso at ${level.users} users`);
      const b = await measured(bare.pid, () => runLevel(bare.port, level.users, level.requests, slashBody));
      const o = await measured(ours.pid, () => runLevel(ours.port, level.users, level.requests, slashBody));
      slash.push({
        users: level.users,
        bare: b.result,
        ours: o.result,
        bareCpuMs: b.cpuPerRequest,
        oursCpuMs: o.cpuPerRequest,
      });
    }
    const rss = {
      bareStart: rssStart.bare,
      barePeak: rssMb(bare.pid).peak,
      oursStart: rssStart.ours,
      oursPeakSlash: rssMb(ours.pid).peak,
      oursPeakAll: 0,
    };
    await bare.stop();
    await ours.stop();

    // The ack alone: an instance with OUTBOX_WORKER=off answers and queues; nothing delivers meanwhile.
    const acks = await startApp(options.apiUrl, options.appDatabaseUrl, { OUTBOX_WORKER: 'off' });
    children.push(acks);
    const submissions: SubmissionRow[] = [];
    await runLevel(acks.port, 10, 200, (i) => submissionBody(`UPRO${i % 100}`));
    for (const level of SUBMISSION_LEVELS) {
      log(`submissions at ${level.users} users`);
      const pg0 = await postgresCpuMs(options.adminUrl, options.database);
      options.counter.take();
      const s = await measured(acks.pid, () =>
        runLevel(acks.port, level.users, level.requests, (i) => submissionBody(`UPRO${i % 100}`)),
      );
      const sql = options.counter.take();
      const pgCpu = (await postgresCpuMs(options.adminUrl, options.database)) - pg0;
      submissions.push({
        ...s.result,
        appCpuMs: s.cpuPerRequest,
        pgCpuMs: pgCpu / level.requests,
        roundTrips: sql.acks > 0 ? sql.roundTrips / sql.acks : Number.NaN,
        pendingAfter: await pendingOutbox(db),
      });
    }
    rss.oursPeakAll = rssMb(acks.pid).peak;
    await acks.stop();
    // What the submissions queued is not the burst's: it is set aside (the deliveries are measured below).
    await db.query("UPDATE outbox SET status = 'delivered' WHERE status = 'pending'");
    ours = await startApp(options.apiUrl, options.appDatabaseUrl);
    children.push(ours);

    // A burst of 200 claims: the review channel's posts are paced, the DMs are not.
    while ((await pendingOutbox(db)) > 0) await sleep(200);
    log('a burst of 200 claims to the review channel');
    const burstStart = new Date();
    await runLevel(ours.port, 50, 200, (i) => submissionBody(`UBURST${i}`));
    const watchMs = 30_000;
    await sleep(watchMs);
    const { rows: posts } = await db.query<{ at: Date; attempts: number }>(
      "SELECT finished_at AS at, attempts FROM outbox WHERE lane = 'review' AND status = 'delivered' AND finished_at >= $1 ORDER BY finished_at",
      [burstStart],
    );
    const { rows: dms } = await db.query<{ last: Date | null }>(
      "SELECT max(finished_at) AS last FROM outbox WHERE kind = 'submission_dm' AND created_at >= $1",
      [burstStart],
    );
    const times = posts.map((p) => p.at.getTime());
    const maxInOneSecond = Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
    const burst = {
      claims: 200,
      seconds: watchMs / 1000,
      posted: posts.length,
      maxInOneSecond,
      retried: posts.filter((p) => p.attempts > 1).length,
      dmSeconds: ((dms[0]?.last?.getTime() ?? burstStart.getTime()) - burstStart.getTime()) / 1000,
    };
    await ours.stop();

    // Deliveries across many channels: 5,000 DMs to 5,000 people queued by SQL for an instance already
    // running, due 2 s later; the CPU of each process (app, stand-in, PostgreSQL) from then to drained.
    const messages = 5_000;
    await db.query("UPDATE outbox SET status = 'delivered' WHERE status = 'pending'");
    ours = await startApp(options.apiUrl, options.appDatabaseUrl);
    children.push(ours);
    await sleep(2_000);
    await db.query(
      `WITH c AS (
         INSERT INTO claims (reference, team_id, professional_id, source_view_id, client_first_name, client_last_name,
           client_key, service, answered_on, credits, reason, status, verdict, submitted_at, review_deadline_on)
         SELECT 'RIM-D-' || n, 'T1', 'UDM' || n, 'VD' || n || '-' || now(), 'Cliente', 'N' || n, 'cliente d' || n, 'Imbiancatura',
           current_date - 2, 5, 'no_grazie', 'pending_review', '{"kind":"to_review","findings":[]}', now(), current_date + 5
         FROM generate_series(1, $1) AS n RETURNING id)
       INSERT INTO outbox (claim_id, kind, lane, dedupe_key, payload, next_attempt_at, created_at)
       SELECT id, 'submission_dm', 'dm', id || ':submission_dm', '{}', now() + interval '2 seconds', now() FROM c`,
      [messages],
    );
    const cpu0 = {
      app: cpuMs(ours.pid),
      standIn: cpuMs(options.standInPid),
      pg: await postgresCpuMs(options.adminUrl, options.database),
    };
    const drainStart = Date.now();
    while ((await pendingOutbox(db)) > 0 && Date.now() - drainStart < 180_000) await sleep(100);
    const cpu = {
      app: cpuMs(ours.pid) - cpu0.app,
      standIn: cpuMs(options.standInPid) - cpu0.standIn,
      pg: (await postgresCpuMs(options.adminUrl, options.database)) - cpu0.pg,
    };
    const { rows: drain } = await db.query<{ n: string; seconds: number }>(
      `SELECT count(*) AS n, extract(epoch FROM max(finished_at) - min(first_attempt_at))::float AS seconds
       FROM outbox WHERE kind = 'submission_dm' AND status = 'delivered' AND dedupe_key IN
         (SELECT id || ':submission_dm' FROM claims WHERE professional_id LIKE 'UDM%')`,
    );
    const drained = Number(drain[0]?.n ?? 0);
    const deliveries = {
      messages: drained,
      perSecond: drained / (drain[0]?.seconds ?? Number.NaN),
      appCpuMs: cpu.app / drained,
      standInCpuMs: cpu.standIn / drained,
      pgCpuMs: cpu.pg / drained,
    };
    return { slash, rss, submissions, burst, deliveries };
  } finally {
    for (const child of children) await child.stop();
    await db.end();
  }
}
