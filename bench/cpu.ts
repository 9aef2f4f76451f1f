import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Who used the machine's CPU during a measurement, from /proc (Linux): the app under test, the Slack
 * stand-in, this process (the load generator), PostgreSQL, and everything else. Elsewhere: nothing.
 */
export type CpuShare = { app: number; standIn: number; bench: number; postgres: number; other: number };
type Who = keyof CpuShare;
type Snapshot = { at: number; processes: Map<number, { who: Who; ticks: number }> } | undefined;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone between the listing and the read
  }
}

interface Pids {
  app: number;
  standIn: number;
}

function classify(pid: number, comm: string, pids: Pids): Who {
  if (pid === pids.app) return 'app';
  if (pid === pids.standIn) return 'standIn';
  if (pid === process.pid) return 'bench';
  return comm === 'postgres' ? 'postgres' : 'other';
}

function snapshot(pids: Pids): Snapshot {
  let all: number[];
  try {
    all = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return undefined;
  }
  const processes = new Map<number, { who: Who; ticks: number }>();
  for (const pid of all) {
    const usage = processTicks(pid);
    if (usage) processes.set(pid, { who: classify(pid, usage.comm, pids), ticks: usage.ticks });
  }
  return { at: performance.now(), processes };
}

/**
 * Starts a measurement; the returned function gives each one's CPU in cores (1 = one core busy). A
 * process born during the window counts whole; one that ended during it is missed (its last ticks
 * cannot be read any more).
 */
export function startCpuMeasure(pids: Pids): () => CpuShare | undefined {
  const before = snapshot(pids);
  return () => {
    const after = snapshot(pids);
    if (!before || !after) return undefined;
    const seconds = (after.at - before.at) / 1000;
    const used: CpuShare = { app: 0, standIn: 0, bench: 0, postgres: 0, other: 0 };
    for (const [pid, now] of after.processes) {
      used[now.who] += Math.max(0, now.ticks - (before.processes.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND / seconds;
    }
    return used;
  };
}
