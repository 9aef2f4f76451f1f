import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest } from '../src/db/database.ts';
import { startCpuMeasure } from './cpu.ts';
import { readBenchEnv } from './env.ts';
import { REQUESTS_PER_SCENARIO, measureSideBySide, type BenchContext, type ScenarioRecord } from './measure.ts';
import { openBenchServer } from './postgres.ts';
import { buildReport } from './report.ts';
import { runScaleBench } from './scale.ts';
import { startRemoteStandIn } from './stand-in-control.ts';
import { REVIEWERS } from './scenarios.ts';
import { seedPendingClaims } from './seed.ts';

/**
 * `npm run bench`: cost per request over HTTP against a bare Bolt app, then the two reads that must not
 * grow with a million claims. Writes bench/RESULTS.md and prints it. Everything it starts (children,
 * the Slack stand-in, databases, an embedded server) is stopped or dropped at the end, also on failure.
 */
const RUN_DEADLINE_MS = 15 * 60_000;
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const cleanups: { what: string; step: () => Promise<unknown> }[] = [];
async function cleanUp() {
  for (const { what, step } of cleanups.splice(0).reverse()) {
    log(`clean-up: ${what}`);
    await step().catch((error: unknown) => console.error(`clean-up: ${what} failed:`, error));
  }
}

/**
 * Other people's work on this machine skews every number: wait (at most a minute) for it to calm down,
 * and say how busy the machine was when the run started.
 */
async function waitForQuietMachine(): Promise<number | undefined> {
  let busy: number | undefined;
  for (let second = 0; second < 60; second++) {
    const measure = startCpuMeasure({ app: -1, standIn: -1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const used = measure();
    busy = used && used.other + used.postgres;
    if (busy === undefined || busy < 0.2) break;
    if (second % 10 === 0)
      log(`other processes keep ${busy.toFixed(2)} cores busy: waiting for a quieter machine (at most a minute)`);
  }
  return busy;
}

async function main() {
  const startedAt = new Date();
  const idleOtherCores = await waitForQuietMachine();
  const server = await openBenchServer(readBenchEnv().databaseUrl);
  cleanups.push({ what: 'stop the PostgreSQL started for the run, if any', step: () => server.stop() });
  cleanups.push({ what: 'drop the bench databases', step: () => server.dropAll() });
  log(`PostgreSQL ${server.version}: ${server.source}`);
  const standIn = await startRemoteStandIn(REVIEWERS);
  cleanups.push({ what: 'stop the Slack stand-in', step: () => standIn.stop() });

  const databaseUrl = await server.createDatabase('http');
  const db = createDb(databaseUrl, { max: 2 });
  cleanups.push({ what: 'close the bench connection pool', step: () => db.destroy() });
  await migrateToLatest(db);

  const ctx: BenchContext = {
    standIn,
    signingSecret: SIGNING_SECRET,
    db,
    databaseUrl,
    pendingClaimIds: [],
    progress: log,
  };
  const http: ScenarioRecord[] = [];
  // Our /rimborso against the framework's floor, side by side, level by level.
  http.push(
    ...(await measureSideBySide(ctx, ['bare-bolt', 'rimborso'], 'slash command', {
      profile: { users: 100, requests: 1000 },
    })),
  );
  http.push(
    ...(await measureSideBySide(ctx, ['rimborso'], 'view_submission', { profile: { users: 100, requests: 500 } })),
  );
  // One pending claim per click, made just before (so the other scenarios do not see them in the review queue).
  ctx.pendingClaimIds = await seedPendingClaims(db, REQUESTS_PER_SCENARIO, new Date());
  http.push(...(await measureSideBySide(ctx, ['rimborso'], 'approve click')));
  // The same /rimborso load at 100 users through Node's fetch (createSlackSender), to show what the client alone adds.
  http.push(
    ...(await measureSideBySide(ctx, ['bare-bolt', 'rimborso'], 'slash command', {
      transport: 'fetch',
      levels: [{ users: 100, requests: 2000 }],
    })),
  );

  const scale = await runScaleBench(await server.createDatabase('scale'), log);
  const cpu = cpus();
  const markdown = buildReport({
    machine: {
      cores: cpu.length,
      model: cpu[0]?.model ?? 'unknown',
      node: process.version,
      postgres: server.version,
      database: server.source,
      idleOtherCores,
    },
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    http,
    scale,
  });
  await writeFile(RESULTS, markdown);
  console.log(markdown);
}

const deadline = setTimeout(() => {
  log(`still running after ${RUN_DEADLINE_MS / 60_000} minutes: giving up`);
  void cleanUp().finally(() => process.exit(1));
}, RUN_DEADLINE_MS);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    clearTimeout(deadline);
  });
