import { fixed, int, ms, pct } from './format.ts';
import type { LevelRecord, ScenarioRecord } from './measure.ts';
import type { CpuBreakdown } from './profile.ts';
import type { ScaleResult } from './scale.ts';
import { scaleTargets } from './targets-scale.ts';

export interface TargetRow {
  target: string;
  measured: string;
  met: boolean;
  /** Why it was missed, from the measurements (empty when met). */
  cause: string;
}

/** Targets are judged on the default transport (node:http); the fetch rows are there for comparison. */
const find = (http: readonly ScenarioRecord[], app: string, scenario: string) =>
  http.find((record) => record.app === app && record.scenario === scenario && record.transport === 'http');
const at = (record: ScenarioRecord | undefined, users: number) => record?.levels.find((level) => level.users === users);
export const cpuPerRequestMs = (level: LevelRecord) => level.app.cpuMs / Math.max(1, level.completed);

function machineLine(level: LevelRecord): string {
  const cpu = level.cpu;
  const busy = cpu
    ? `cores busy: app ${fixed(cpu.app, 2)}, PostgreSQL ${fixed(cpu.postgres, 2)}, Slack stand-in ${fixed(cpu.standIn, 2)}, load generator ${fixed(cpu.bench, 2)}, other processes ${fixed(cpu.other, 2)}`
    : 'CPU shares unavailable (no /proc)';
  return `${busy}; the app's event loop was busy ${pct(level.app.eventLoopUtilization)} of the time, at ${ms(cpuPerRequestMs(level))} ms of app CPU per request`;
}

/** The profiled level's heaviest app functions, as "name 34 %". */
function hotSpots(breakdown: CpuBreakdown | undefined, count = 4): string {
  if (!breakdown) return '';
  const share = (value: number) => pct(value / Math.max(1, breakdown.busyMs));
  return breakdown.byAppFunction
    .slice(0, count)
    .map((entry) => `${entry.what} ${share(entry.ms)}`)
    .join(', ');
}

/** Where a profiled app spends more per request than another: the self-time groups with the largest difference. */
function extraCost(ours: ScenarioRecord | undefined, floor: ScenarioRecord | undefined): string {
  const a = ours?.profiled;
  const b = floor?.profiled;
  if (!a || !b) return '';
  const perRequest = (profile: typeof a, what: string) =>
    (profile.breakdown.bySelf.find((group) => group.what === what)?.ms ?? 0) / Math.max(1, profile.result.completed);
  const extra = a.breakdown.bySelf
    .map((group) => ({ what: group.what, ms: perRequest(a, group.what) - perRequest(b, group.what) }))
    .filter((group) => group.ms > 0)
    .sort((x, y) => y.ms - x.ms)
    .slice(0, 4);
  const total = a.breakdown.busyMs / a.result.completed - b.breakdown.busyMs / b.result.completed;
  return `Profiled at 100 users, ours is busy ${ms(total)} ms more per request than bare Bolt; the most in ${extra.map((group) => `${group.what} +${ms(group.ms)} ms`).join(', ')}. `;
}

function slashTarget(http: readonly ScenarioRecord[]): TargetRow {
  const ours = find(http, 'rimborso', 'slash command');
  const bare = find(http, 'bare-bolt', 'slash command');
  const ratios = (ours?.levels ?? []).flatMap((level) => {
    const floor = at(bare, level.users);
    return floor ? [{ level, floor, ratio: level.p99Ms / floor.p99Ms }] : [];
  });
  const worst = ratios.reduce<(typeof ratios)[number] | undefined>(
    (a, b) => (!a || b.ratio > a.ratio ? b : a),
    undefined,
  );
  const met = ratios.length > 0 && ratios.every((r) => r.ratio <= 1.2);
  const cause =
    met || !worst
      ? ''
      : `At ${worst.level.users} users ours is ${fixed(worst.ratio, 2)}× bare Bolt at p99 (${ms(worst.level.p99Ms)} vs ${ms(worst.floor.p99Ms)} ms). ` +
        `App CPU per /rimborso: ours ${ms(cpuPerRequestMs(worst.level))} ms, bare ${ms(cpuPerRequestMs(worst.floor))} ms. ` +
        `Ours: ${machineLine(worst.level)}. Bare: ${machineLine(worst.floor)}. ` +
        extraCost(ours, bare) +
        (ours?.profiled ? `Ours' own functions on the stack: ${hotSpots(ours.profiled.breakdown)}.` : '');
  return {
    target: 'Slash command p99 within 1.2× of bare Bolt (every level)',
    measured: ratios.map((r) => `${r.level.users} u: ${fixed(r.ratio, 2)}×`).join(', '),
    met,
    cause,
  };
}

/** PostgreSQL CPU per request during a level, in ms (all its processes, from /proc). */
const pgMsPerRequest = (level: LevelRecord) =>
  ((level.cpu?.postgres ?? 0) * level.durationMs) / Math.max(1, level.completed);
const statementsPerRequest = (level: LevelRecord) =>
  (level.app.poolWait?.statements ?? 0) / Math.max(1, level.completed);

function submissionTarget(http: readonly ScenarioRecord[]): TargetRow {
  const record = find(http, 'rimborso', 'view_submission');
  const level = at(record, 100);
  const alone = at(record, 1);
  const met = level !== undefined && level.p99Ms < 50 && level.failures === 0;
  let cause = '';
  if (!met && level && alone) {
    const wait = level.app.poolWait;
    const perRequest = cpuPerRequestMs(level) + pgMsPerRequest(level);
    cause =
      `100 users with no think time keep 100 submissions in flight. At 100 users each cost ${ms(cpuPerRequestMs(level))} ms of app CPU and ` +
      `${ms(pgMsPerRequest(level))} ms of PostgreSQL CPU (${fixed(statementsPerRequest(level), 1)} SQL statements), and the app acked ${int(level.throughput)}/s; ` +
      `by Little's law each then spends 100 / ${int(level.throughput)} s = ${ms((100 / level.throughput) * 1000)} ms in the system (measured p50 ${ms(level.p50Ms)}, ` +
      `p99 ${ms(level.p99Ms)} ms): the time is queueing. One submission alone (1 user) answers in ${ms(alone.p50Ms)} ms (p50); with the Slack messages ` +
      `it queues delivered by the outbox worker in the same process, it then costs ${ms(cpuPerRequestMs(alone))} ms of app CPU and ${ms(pgMsPerRequest(alone))} ms ` +
      `of PostgreSQL CPU (at 100 users the worker falls behind: ${level.afterwards}). During the 100-user level: ${machineLine(level)}. ` +
      (wait
        ? `Queries waited for one of the pool's connections ${ms(wait.p50Ms)} ms (p50) / ${ms(wait.p99Ms)} ms (p99), up to ${wait.maxWaiting} at once. `
        : '') +
      `A p99 under 50 ms with 100 in flight needs more than 2,000 submissions/s: under 1 ms of CPU per submission on these 2 cores, against ${ms(perRequest)} ms now. ` +
      (record?.profiled
        ? `Profiled (100 users), the app's time goes to: ${hotSpots(record.profiled.breakdown, 6)}.`
        : '');
  }
  return {
    target: 'view_submission ack p99 < 50 ms at 100 concurrent users',
    measured: level ? `${ms(level.p99Ms)} ms` : 'not measured',
    met,
    cause,
  };
}

function rssTarget(http: readonly ScenarioRecord[]): TargetRow {
  const ours = http.filter((record) => record.app === 'rimborso' && record.transport === 'http');
  const top = ours.reduce<ScenarioRecord | undefined>(
    (a, b) => (!a || b.final.peakRssMb > a.final.peakRssMb ? b : a),
    undefined,
  );
  const bare = find(http, 'bare-bolt', 'slash command');
  const peak = top?.final.peakRssMb ?? 0;
  const met = top !== undefined && peak < 200;
  const heap = top?.levels.reduce((a, b) => (b.app.peakMemory.rssMb > a.app.peakMemory.rssMb ? b : a)).app.peakMemory;
  const cause =
    met || !top || !heap
      ? ''
      : `The ${top.scenario} process peaked at ${int(peak)} MB: ${int(top.final.startedRssMb)} MB right after start, before any request; at its highest sample ` +
        `V8's heap had ${int(heap.heapTotalMb)} MB reserved (${int(heap.heapUsedMb)} MB used) and buffers ${int(heap.externalMb)} MB. After the run a full GC ` +
        `leaves ${int(top.final.liveHeapMb)} MB of live heap (RSS stays ${int(top.final.rssAfterGcMb)} MB): the peak is garbage and heap V8 grew under load and kept, not data the app holds. ` +
        (bare
          ? `Bare Bolt under the same /rimborso load: ${int(bare.final.startedRssMb)} MB after start, ${int(bare.final.peakRssMb)} MB peak.`
          : '');
  return {
    target: 'Peak RSS of the app process < 200 MB',
    measured: `${int(peak)} MB (${ours.map((r) => `${r.scenario} ${int(r.final.peakRssMb)}`).join(', ')})`,
    met,
    cause,
  };
}

export function evaluateTargets(http: readonly ScenarioRecord[], scale: ScaleResult): TargetRow[] {
  return [slashTarget(http), submissionTarget(http), ...scaleTargets(scale), rssTarget(http)];
}
