import { fixed, int, ms, pct, table } from './format.ts';
import type { ScenarioRecord } from './measure.ts';
import type { CpuBreakdown } from './profile.ts';
import { cpuPerRequestMs } from './targets.ts';

/** The report's tables about the HTTP scenarios: latency, where the time went, memory, CPU profiles. */
export const NAMES = { rimborso: 'rimborso', 'bare-bolt': 'bare Bolt' } as const;
export const label = (record: ScenarioRecord) =>
  `${NAMES[record.app]}: ${record.scenario}${record.transport === 'fetch' ? ' (Node fetch)' : ''}`;
const levels = (http: readonly ScenarioRecord[]) =>
  http.flatMap((record) => record.levels.map((level) => ({ record, level })));

export function latencyTable(http: readonly ScenarioRecord[]): string {
  return table(
    ['App: request', 'Users', 'Done', 'p50 ms', 'p99 ms', 'max ms', 'req/s', 'Failed', 'Tries', 'Afterwards'],
    levels(http).map(({ record, level }) => [
      label(record),
      String(level.users),
      `${level.completed}/${level.requests}`,
      ms(level.p50Ms),
      ms(level.p99Ms),
      ms(level.maxMs),
      int(level.throughput),
      String(level.failures),
      String(level.attempts),
      level.afterwards,
    ]),
  );
}

export function costTable(http: readonly ScenarioRecord[]): string {
  const cores = (value: number | undefined) => (value === undefined ? 'n/a' : fixed(value, 2));
  return table(
    [
      'App: request',
      'Users',
      'App',
      'PostgreSQL',
      'Stand-in',
      'Load gen.',
      'Other',
      'App CPU ms/req',
      'SQL statements/req',
      'App loop busy',
      'Loop delay p99 ms',
      'Pool wait p50 / p99 ms (max waiting)',
    ],
    levels(http).map(({ record, level }) => [
      label(record),
      String(level.users),
      cores(level.cpu?.app),
      cores(level.cpu?.postgres),
      cores(level.cpu?.standIn),
      cores(level.cpu?.bench),
      cores(level.cpu?.other),
      ms(cpuPerRequestMs(level)),
      level.app.poolWait ? fixed(level.app.poolWait.statements / Math.max(1, level.completed), 1) : '–',
      pct(level.app.eventLoopUtilization),
      ms(level.app.eventLoopDelayP99Ms),
      level.app.poolWait
        ? `${ms(level.app.poolWait.p50Ms)} / ${ms(level.app.poolWait.p99Ms)} (${level.app.poolWait.maxWaiting})`
        : '–',
    ]),
  );
}

export function memoryTable(http: readonly ScenarioRecord[]): string {
  return table(
    [
      'App process',
      'RSS after start',
      'Peak RSS',
      'At the highest sample: RSS / V8 heap reserved / used / buffers',
      'Live heap after full GC',
      'RSS after GC',
    ],
    http.map((record) => {
      const top = record.levels.reduce((a, b) => (b.app.peakMemory.rssMb > a.app.peakMemory.rssMb ? b : a)).app
        .peakMemory;
      return [
        label(record),
        int(record.final.startedRssMb),
        `**${int(record.final.peakRssMb)}**`,
        `${int(top.rssMb)} / ${int(top.heapTotalMb)} / ${int(top.heapUsedMb)} / ${int(top.externalMb)}`,
        int(record.final.liveHeapMb),
        int(record.final.rssAfterGcMb),
      ];
    }),
  );
}

export function ratioTable(http: readonly ScenarioRecord[]): string {
  const ours = http.find((r) => r.app === 'rimborso' && r.scenario === 'slash command' && r.transport === 'http');
  const bare = http.find((r) => r.app === 'bare-bolt' && r.transport === 'http');
  return table(
    [
      'Users',
      'p50 ms ours / bare',
      'p50 ratio',
      'p99 ms ours / bare',
      'p99 ratio',
      'req/s ours / bare',
      'App CPU ms/req ours / bare',
    ],
    (ours?.levels ?? []).flatMap((level) => {
      const floor = bare?.levels.find((b) => b.users === level.users);
      if (!floor) return [];
      return [
        [
          String(level.users),
          `${ms(level.p50Ms)} / ${ms(floor.p50Ms)}`,
          `${fixed(level.p50Ms / floor.p50Ms, 2)}×`,
          `${ms(level.p99Ms)} / ${ms(floor.p99Ms)}`,
          `**${fixed(level.p99Ms / floor.p99Ms, 2)}×**`,
          `${int(level.throughput)} / ${int(floor.throughput)}`,
          `${ms(cpuPerRequestMs(level))} / ${ms(cpuPerRequestMs(floor))}`,
        ],
      ];
    }),
  );
}

export function profileSection(http: readonly ScenarioRecord[]): string[] {
  const share = (b: CpuBreakdown, value: number) => pct(value / Math.max(1, b.busyMs));
  return http.flatMap((record) => {
    const profiled = record.profiled;
    if (!profiled) return [];
    const b = profiled.breakdown;
    const rows = Array.from({ length: Math.max(b.bySelf.length, b.byAppFunction.length) }, (_, i) => {
      const self = b.bySelf[i];
      const fn = b.byAppFunction[i];
      return [self ? `${self.what}` : '', self ? share(b, self.ms) : '', fn ? fn.what : '', fn ? share(b, fn.ms) : ''];
    });
    return [
      `### ${label(record)}, ${profiled.result.users} users, ${profiled.result.completed} requests (p99 ${ms(profiled.result.p99Ms)} ms under the profiler), ${int(b.busyMs)} ms sampled busy`,
      '',
      table(['Self time in', 'Share', 'App function on the stack (synchronous part)', 'Share'], rows),
      '',
    ];
  });
}

/** Why the load generator does not use Node's fetch: the same load through it, side by side. */
export function transportNote(http: readonly ScenarioRecord[]): string[] {
  const at100 = (app: string, transport: string) =>
    http
      .find((r) => r.app === app && r.scenario === 'slash command' && r.transport === transport)
      ?.levels.find((l) => l.users === 100);
  const pairs = (['bare-bolt', 'rimborso'] as const).flatMap((app) => {
    const viaHttp = at100(app, 'http');
    const viaFetch = at100(app, 'fetch');
    return viaHttp && viaFetch
      ? [
          `${NAMES[app]} p99 ${ms(viaFetch.p99Ms)} ms through fetch, ${ms(viaHttp.p99Ms)} ms through node:http (p50 ${ms(viaFetch.p50Ms)} vs ${ms(viaHttp.p50Ms)})`,
        ]
      : [];
  });
  if (pairs.length === 0) return [];
  return [
    `Transport: the "(Node fetch)" rows send the same /rimborso load at 100 users through Node's fetch (createSlackSender): ${pairs.join('; ')}. ` +
      'Same apps, same run, same load: only the client differs, and through fetch the p99 is many times the p50. Traced request by request, ' +
      "requests sent within a few milliseconds of each other through Node 20's fetch (undici 6) complete one round trip apart, in a staircase up to " +
      'seconds, while the app answers everything else in time: they wait inside the client. So the load generator uses node:http, one socket per request in flight.',
    '',
  ];
}
