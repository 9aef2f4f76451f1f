import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import pg from 'pg';
import { readBenchEnv } from './env.ts';
import { runHttp, type HttpResult } from './http.ts';
import { machineLoad, startStandIn } from './processes.ts';
import { runScale, SCALE_DB, type PlanFigure, type ScaleResult } from './scale.ts';
import { startSqlCounter } from './sql-counter.ts';

/**
 * `npm run bench`: the compiled app (dist/) against a bare Bolt app, side by side in one run, then the
 * reads at 10 million claims. Prints the table and writes bench/RESULTS.md. Not run by CI.
 */
const ADMIN_URL = readBenchEnv().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN_DB = 'rimborso_bench_run';
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ratio = (ours: number, bare: number) => `${f(ours / bare)}×`;
const plan = (p: PlanFigure[]) =>
  p.map((x) => `${x.rows} rows: ${x.buffers} buffers, ${x.nodes.join(', ') || 'no scan'}`).join('; ');

interface Target {
  name: string;
  measured: string;
  met: boolean;
  decision?: string;
}

function targets(http: HttpResult, scale: ScaleResult): Target[] {
  const at100 = http.slash.find((r) => r.users === 100);
  const sub100 = http.submissions.find((r) => r.users === 100);
  const p99Ratios = http.slash.map((r) => r.ours.p99 / r.bare.p99);
  const rssRatio = http.rss.oursPeakSlash / http.rss.barePeak;
  const subCpu = (sub100?.appCpuMs ?? NaN) + (sub100?.pgCpuMs ?? NaN);
  const d = http.deliveries;
  // Every process of a delivery shares these cores: their CPU per DM bounds the rate whatever the app does.
  const deliveryCeiling = (cpus().length * 1000) / (d.appCpuMs + d.standInCpuMs + d.pgCpuMs);
  return [
    {
      name: '/rimborso p99 within 1.1× of bare Bolt at 1, 10, 100 users',
      measured: http.slash.map((r) => `${r.users} u: ${ratio(r.ours.p99, r.bare.p99)}`).join(', '),
      met: p99Ratios.every((r) => r <= 1.1),
    },
    {
      name: '/rimborso throughput within 1.1× of bare Bolt at 100 users',
      measured: at100
        ? `${f(at100.ours.perSecond, 0)} vs ${f(at100.bare.perSecond, 0)} req/s (${ratio(at100.ours.perSecond, at100.bare.perSecond)})`
        : 'n/a',
      met: at100 ? at100.ours.perSecond >= at100.bare.perSecond / 1.1 : false,
    },
    {
      name: 'Submission ack ≤ 6 SQL round trips',
      measured: http.submissions.map((r) => `${r.users} u: ${f(r.roundTrips, 1)}`).join(', '),
      met: http.submissions.every((r) => r.roundTrips <= 6),
    },
    {
      name: "Submission's ack ≤ 1.5 ms app + PostgreSQL CPU at 100 users",
      measured: `${f(subCpu)} ms (app ${f(sub100?.appCpuMs ?? NaN)}, PostgreSQL ${f(sub100?.pgCpuMs ?? NaN)}), ${f(sub100?.perSecond ?? NaN, 0)} acks/s`,
      met: subCpu <= 1.5,
    },
    {
      name: 'Peak RSS within 1.15× of bare Bolt (same /rimborso load, compiled build)',
      measured: `${f(http.rss.oursPeakSlash, 0)} vs ${f(http.rss.barePeak, 0)} MB (${f(rssRatio)}×); after start ${f(http.rss.oursStart, 0)} vs ${f(http.rss.bareStart, 0)} MB; ours after submissions ${f(http.rss.oursPeakAll, 0)} MB`,
      met: rssRatio <= 1.15,
    },
    {
      name: 'SLA sweep < 10 ms p99 at 10M claims',
      measured: `p50 ${f(scale.sweep.p50)}, p99 ${f(scale.sweep.p99)} ms (${scale.sweep.due} due notices)`,
      met: scale.sweep.p99 < 10,
    },
    {
      name: "A professional's claim list < 10 ms p99 at 10M claims",
      measured: `p50 ${f(scale.list.p50)}, p99 ${f(scale.list.p99)} ms; heaviest professional p99 ${f(scale.list.heaviestP99)} ms`,
      met: scale.list.p99 < 10 && scale.list.heaviestP99 < 10,
    },
    {
      name: "(no target) A submission's read for the professional with the most claims, at 10M",
      measured: `p50 ${f(scale.submissionRead.p50)}, p99 ${f(scale.submissionRead.p99)} ms (${scale.submissionRead.claims} claims of theirs; was findPriorClaims, their whole history)`,
      met: true,
    },
    {
      name: 'Plans: index scans whose cost follows the rows returned',
      measured: `sweep: ${plan(scale.sweep.plans)}. list: ${plan(scale.list.plans)}`,
      met: [...scale.sweep.plans, ...scale.list.plans].every((p) => p.nodes.every((n) => !n.startsWith('Seq Scan'))),
    },
    {
      name: 'A burst of 200 claims reaches the review channel paced, DMs not held back',
      measured: `${http.burst.posted} review posts in the first ${http.burst.seconds} s, at most ${http.burst.maxInOneSecond} in any second, ${http.burst.retried} retried; all DMs out after ${f(http.burst.dmSeconds, 1)} s`,
      met: http.burst.maxInOneSecond <= 4 && http.burst.retried === 0,
    },
    {
      name: '≥ 1,000 deliveries/s across channels',
      measured: `${f(http.deliveries.perSecond, 0)}/s (${http.deliveries.messages} DMs to as many people); CPU per DM: app ${f(http.deliveries.appCpuMs)} ms, Slack stand-in ${f(http.deliveries.standInCpuMs)} ms, PostgreSQL ${f(http.deliveries.pgCpuMs)} ms, so at most ${f(deliveryCeiling, 0)}/s on ${cpus().length} cores`,
      met: http.deliveries.perSecond >= 1000,
    },
  ];
}

/** What follows this mark in RESULTS.md is written by a person (the decisions), and kept across runs. */
const DECISIONS_MARK = '<!-- decisions: written by hand below, kept by npm run bench -->';
const RESULTS = new URL('./RESULTS.md', import.meta.url);

function report(
  http: HttpResult,
  scale: ScaleResult,
  meta: { started: Date; seconds: number; load: number[]; decisions: string },
): string {
  const cpu = cpus();
  const rows = targets(http, scale);
  const missed = rows.filter((t) => !t.met).map((t) => `- ${t.name}`);
  return `# npm run bench: results

Machine: ${cpu.length} cores, ${cpu[0]?.model ?? 'unknown'}; Node ${process.version}. Run ${meta.started.toISOString()}, ${f(meta.seconds, 0)} s. Other processes kept ${meta.load.map((l) => f(l, 1)).join(' / ')} cores busy (before / after the HTTP part): the machine is shared, and numbers move with it. Generated by \`npm run bench\` (bench/run.ts).

How: the app is the compiled build (\`node dist/src/main.js\`, as \`npm start\`), bare Bolt a 20-line app that acks /rimborso and opens the app's own form, read from a JSON file (bench/bare-bolt.mjs), so that both send Slack the same 4 KB view; both are child processes talking to the sandbox's Slack stand-in (its own process) and measured from /proc (CPU ticks, VmHWM for peak RSS). Requests are signed like Slack's and sent closed-loop over keep-alive sockets; each level runs bare then ours, back to back. SQL round trips are counted by a proxy in front of PostgreSQL that reads the protocol (a Query or a Sync is a round trip; a transaction taking the professional's lock is one ack). PostgreSQL CPU is that of the backends serving the bench database. The 10M-claim database (${SCALE_DB}) ${scale.seeded}.

## Targets

| Target | Measured | Met |
| --- | --- | --- |
${rows.map((t) => `| ${t.name} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`).join('\n')}

## /rimborso against bare Bolt

| Users | p50 ms ours / bare | p99 ms ours / bare | req/s ours / bare | app CPU ms/req ours / bare | failed |
| --- | --- | --- | --- | --- | --- |
${http.slash.map((r) => `| ${r.users} | ${f(r.ours.p50)} / ${f(r.bare.p50)} | ${f(r.ours.p99)} / ${f(r.bare.p99)} (${ratio(r.ours.p99, r.bare.p99)}) | ${f(r.ours.perSecond, 0)} / ${f(r.bare.perSecond, 0)} | ${f(r.oursCpuMs)} / ${f(r.bareCpuMs)} | ${r.ours.failures + r.bare.failures} |`).join('\n')}

## Submissions (view_submission ack)

| Users | p50 ms | p99 ms | acks/s | SQL round trips per ack | app CPU ms | PostgreSQL CPU ms | outbox pending after | failed |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${http.submissions.map((r) => `| ${r.users} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.perSecond, 0)} | ${f(r.roundTrips, 1)} | ${f(r.appCpuMs)} | ${f(r.pgCpuMs)} | ${r.pendingAfter} | ${r.failures} |`).join('\n')}

The submissions go to an instance with \`OUTBOX_WORKER=off\`: the figures are the ack's own (the lock, the policy's read, the write with its audit, reminders and queued messages). What the queued messages cost to deliver is the deliveries' row in the targets.

## Targets missed in this run

${missed.join('\n') || 'None.'}

${DECISIONS_MARK}
${meta.decisions}`;
}

async function main() {
  const started = new Date();
  const standIn = await startStandIn();
  await admin(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${RUN_DB}`);
  const target = new URL(ADMIN_URL);
  const counter = await startSqlCounter({ host: target.hostname, port: Number(target.port || 5432) });
  try {
    const loadBefore = await machineLoad([]);
    const appUrl = new URL(ADMIN_URL);
    appUrl.port = String(counter.port);
    appUrl.pathname = `/${RUN_DB}`;
    const http = await runHttp({
      apiUrl: standIn.apiUrl,
      standInPid: standIn.pid,
      adminUrl: ADMIN_URL,
      database: RUN_DB,
      appDatabaseUrl: appUrl.toString(),
      counter,
      log,
    });
    const loadAfter = await machineLoad([]);
    log('10M claims: the sweep and the claim list');
    const scale = await runScale(ADMIN_URL, log);
    const previous = await readFile(RESULTS, 'utf8').catch(() => '');
    const decisions = previous.includes(DECISIONS_MARK) ? (previous.split(DECISIONS_MARK)[1] ?? '').trimStart() : '';
    const markdown = report(http, scale, {
      started,
      seconds: (Date.now() - started.getTime()) / 1000,
      load: [loadBefore, loadAfter],
      decisions: decisions || '## Decisions\n\n(none recorded yet)\n',
    });
    await writeFile(RESULTS, markdown);
    console.log(markdown);
  } finally {
    await counter.stop();
    await standIn.stop();
    await admin(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`).catch(() => undefined);
  }
}

await main();
