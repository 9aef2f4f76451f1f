import { startAppUnderTest } from './child-control.ts';
import { startCpuMeasure } from './cpu.ts';
import { runLoad, type LoadLevel, type LoadResult } from './load.ts';
import type { BenchContext, LevelRecord, ProfiledLevel, ScenarioRecord } from './measure.ts';
import { analyseProfile, type Profile } from './profile.ts';
import type { AppKind, FinalStats } from './protocol.ts';
import {
  claimsByStatus,
  countApproved,
  createRequests,
  missingViewsOpen,
  outboxCounts,
  setAsideOutbox,
  type ScenarioName,
} from './scenarios.ts';
import { createSender, type Transport } from './transport.ts';

const LEVEL_DEADLINE_MS = 90_000;
const SETTLE_DEADLINE_MS = 60_000;
const OUTBOX_GRACE_MS = 10_000;

async function waitFor(check: () => Promise<boolean>, deadlineMs: number): Promise<{ ok: boolean; seconds: number }> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (await check()) return { ok: true, seconds: (Date.now() - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ok: false, seconds: (Date.now() - started) / 1000 };
}

const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

/**
 * Lets the work a level left behind finish before the next level: the views.open calls after each
 * slash command; the outbox for the others, for at most OUTBOX_GRACE_MS, then what is still pending is
 * set aside (marked failed) so it cannot load the next level. Says what happened.
 */
async function settle(
  ctx: BenchContext,
  scenario: ScenarioName,
  tag: string,
  first: number,
  count: number,
): Promise<string> {
  if (scenario === 'slash command') {
    const missing = async () => missingViewsOpen(await ctx.standIn.viewsOpened(), tag, range(first, count));
    await waitFor(async () => (await missing()) === 0, SETTLE_DEADLINE_MS);
    return `views.open ${count - (await missing())}/${count}`;
  }
  const before = await outboxCounts(ctx.db);
  const drained = await waitFor(async () => (await outboxCounts(ctx.db)).pending === 0, OUTBOX_GRACE_MS);
  const delivered = (await outboxCounts(ctx.db)).delivered - before.delivered;
  const setAside = drained.ok ? 0 : await setAsideOutbox(ctx.db);
  return (
    `outbox: ${before.pending} pending when the level ended; ${delivered} delivered in the next ${drained.seconds.toFixed(1)} s ` +
    `(${(delivered / Math.max(drained.seconds, 0.1)).toFixed(0)}/s)${setAside > 0 ? `, ${setAside} set aside` : ''}`
  );
}

/** The database and the stand-in agree with the acks: every action had its effect. */
async function verify(ctx: BenchContext, scenario: ScenarioName, tag: string, sent: number): Promise<string> {
  if (scenario === 'view_submission')
    return `claims stored: ${JSON.stringify(await claimsByStatus(ctx.db, tag))} for ${sent} submissions (warm-ups included)`;
  if (scenario === 'approve click') {
    return `claims approved: ${await countApproved(ctx.db, ctx.pendingClaimIds.slice(0, sent))} of ${sent} clicked (warm-ups included)`;
  }
  const missing = missingViewsOpen(await ctx.standIn.viewsOpened(), tag, range(0, sent));
  return `views.open reached the stand-in for ${sent - missing} of ${sent} commands (warm-ups included)`;
}

/** One app under test in a fresh child process, driven level by level; finish() stops it and tells its peak RSS. */
export async function openScenarioRun(ctx: BenchContext, kind: AppKind, scenario: ScenarioName, transport: Transport) {
  const app = await startAppUnderTest({
    kind,
    slackApiUrl: ctx.standIn.apiUrl,
    signingSecret: ctx.signingSecret,
    ...(kind === 'rimborso' ? { databaseUrl: ctx.databaseUrl } : {}),
  });
  const tag = `${kind === 'rimborso' ? 'app' : 'bare'}-${transport}`;
  const send = createSender(transport, app.baseUrl, ctx.signingSecret, ctx.standIn.responseUrl);
  const request = createRequests({ ...ctx, send, tag })[scenario];
  const levels: LevelRecord[] = [];
  let profiled: ProfiledLevel | undefined;
  let next = 0;
  let stopped: FinalStats | undefined;
  const load = async (level: LoadLevel): Promise<LoadResult> => {
    const result = await runLoad(level, request, { firstIndex: next, deadlineMs: LEVEL_DEADLINE_MS });
    next += level.requests;
    return result;
  };

  return {
    /** Unmeasured requests; any failure stops the run. Settles afterwards when asked. */
    async warmUp(level: LoadLevel, settleAfter = false) {
      const first = next;
      const warm = await load(level);
      if (warm.failures > 0) throw new Error(`${kind} ${scenario}: warm-up failed: ${warm.firstFailure}`);
      if (settleAfter) await settle(ctx, scenario, tag, first, warm.completed);
    },
    async measure(level: LoadLevel): Promise<LevelRecord> {
      const first = next;
      await app.takeWindow();
      const cpu = startCpuMeasure({ app: app.pid, standIn: ctx.standIn.pid });
      const result = await load(level);
      const share = cpu();
      const window = await app.takeWindow();
      const afterwards = await settle(ctx, scenario, tag, first, result.completed);
      const record = { ...result, cpu: share, app: window, afterwards, attempts: 1 };
      ctx.progress(
        `${kind} ${scenario} (${transport}) ${level.users} users: p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.throughput.toFixed(0)} req/s; ${afterwards}`,
      );
      return record;
    },
    /** The measurement of a level that goes in the report (when a level was measured more than once). */
    keep(record: LevelRecord) {
      levels.push(record);
    },
    /** One more level with V8's CPU profiler on, after the measured ones (the profiler slows the app a little). */
    async profile(level: LoadLevel) {
      let result: LoadResult | undefined;
      const profile = await app.profile(async () => {
        result = await load(level);
      });
      if (result) profiled = { result, breakdown: analyseProfile(profile as Profile) };
    },
    async finish(): Promise<ScenarioRecord> {
      const check = await verify(ctx, scenario, tag, next);
      send.close();
      stopped = await app.stop();
      await setAsideOutbox(ctx.db);
      return { app: kind, scenario, transport, levels, profiled, final: stopped, checks: [check] };
    },
    /** After a failure: stop the child if finish() did not. */
    async abort() {
      send.close();
      if (!stopped) await app.stop().catch(() => undefined);
    },
  };
}
