import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import { percentile } from './stats.ts';
import type { MemorySample, WindowStats } from './protocol.ts';

const MB = 2 ** 20;
function sampleMemory(): MemorySample {
  const usage = process.memoryUsage();
  return {
    rssMb: usage.rss / MB,
    heapTotalMb: usage.heapTotal / MB,
    heapUsedMb: usage.heapUsed / MB,
    externalMb: usage.external / MB,
  };
}

/**
 * Measures, inside the app under test, where its time goes: CPU, event-loop busy share and delay, and
 * how long queries waited for one of the pool's connections and how many statements were sent. Both are
 * read by wrapping pg's Pool#connect (the promise form Kysely uses) and Client#query; the app's code is untouched.
 */
export async function instrumentProcess(options: { poolWait: boolean }) {
  const waits: number[] = [];
  let maxWaiting = 0;
  let statements = 0;
  if (options.poolWait) {
    const { default: pg } = await import('pg');
    const connect = pg.Pool.prototype.connect as (this: Pool, ...args: unknown[]) => unknown;
    const patched = function (this: Pool, ...args: unknown[]) {
      if (args.length > 0) return connect.apply(this, args);
      const started = performance.now();
      maxWaiting = Math.max(maxWaiting, this.waitingCount);
      const acquired = connect.call(this) as Promise<PoolClient>;
      acquired.then(() => waits.push(performance.now() - started)).catch(() => {});
      return acquired;
    };
    pg.Pool.prototype.connect = patched as typeof pg.Pool.prototype.connect;
    const query = pg.Client.prototype.query as (this: unknown, ...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      statements += 1;
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }

  let peak = sampleMemory();
  // rss() alone is cheap; the full breakdown is read only when the RSS reaches a new high.
  const sampler = setInterval(() => {
    if (process.memoryUsage.rss() / MB > peak.rssMb) peak = sampleMemory();
  }, 50);
  sampler.unref();

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let lastElu = performance.eventLoopUtilization();
  let lastCpu = process.cpuUsage();

  return {
    /** Everything measured since the previous call, then starts a new window. */
    takeWindow(): WindowStats {
      const elu = performance.eventLoopUtilization(lastElu);
      const cpu = process.cpuUsage(lastCpu);
      const sorted = waits.splice(0).sort((a, b) => a - b);
      const stats: WindowStats = {
        cpuMs: (cpu.user + cpu.system) / 1000,
        eventLoopUtilization: elu.utilization,
        eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
        poolWait: options.poolWait
          ? {
              count: sorted.length,
              p50Ms: percentile(sorted, 50),
              p99Ms: percentile(sorted, 99),
              maxWaiting,
              statements,
            }
          : undefined,
        peakMemory: peak,
      };
      peak = sampleMemory();
      lastElu = performance.eventLoopUtilization();
      lastCpu = process.cpuUsage();
      delay.reset();
      maxWaiting = 0;
      statements = 0;
      return stats;
    },
  };
}
