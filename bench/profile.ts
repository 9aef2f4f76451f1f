/** Where an app's CPU went during a profiled level, from V8's sampling profiler (through node:inspector). */
export interface CpuBreakdown {
  busyMs: number;
  /** Self time, grouped: each app file, each npm package, Node internals, garbage collection, socket writes. */
  bySelf: { what: string; ms: number }[];
  /** Time with an app function anywhere on the stack (synchronous work only: an await ends a stack). */
  byAppFunction: { what: string; ms: number }[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function selfGroup(frame: ProfileNode['callFrame']): string | undefined {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return undefined;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    // Sampled on wall-clock time: a write that wakes PostgreSQL on a busy machine counts the wait for a CPU too.
    if (functionName === 'writev' || functionName === 'writeBuffer' || functionName === 'writeUtf8String')
      return 'socket writes (syscall, incl. waiting for a CPU)';
    return `native: ${functionName}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return `npm: ${pkg}`;
  const app = /\/((?:src|bench)\/.+?)(\?|$)/.exec(url)?.[1];
  if (app) return app;
  return url.startsWith('node:') ? 'Node.js internals' : url;
}

function appFunction(frame: ProfileNode['callFrame']): string | undefined {
  const app = /\/(src\/.+?)(\?|$)/.exec(frame.url)?.[1];
  return app && !frame.url.includes('node_modules') ? `${frame.functionName || '(anonymous)'} (${app})` : undefined;
}

function top(totals: Map<string, number>, count: number) {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([what, us]) => ({ what, ms: us / 1000 }));
}

export function analyseProfile(profile: Profile): CpuBreakdown {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const node = nodes.get(id);
    const group = node && selfGroup(node.callFrame);
    if (!node || !group) return;
    busy += micros;
    self.set(group, (self.get(group) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const fn = appFunction(nodes.get(at)?.callFrame ?? node.callFrame);
      if (fn && !seen.has(fn)) {
        seen.add(fn);
        inclusive.set(fn, (inclusive.get(fn) ?? 0) + micros);
      }
    }
  });
  return { busyMs: busy / 1000, bySelf: top(self, 10), byAppFunction: top(inclusive, 10) };
}
