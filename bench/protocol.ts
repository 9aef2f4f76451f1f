/** Messages between the benchmark (parent) and its child processes, over fork's IPC. */

export type AppKind = 'rimborso' | 'bare-bolt';

export interface StartRequest {
  type: 'start';
  kind: AppKind;
  slackApiUrl: string;
  signingSecret: string;
  /** The bench database (rimborso only). */
  databaseUrl?: string;
}

/** Memory at the sample with the highest RSS (sampled every 50 ms). */
export interface MemorySample {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
}

/** What the app under test measured of itself since the previous window (or since it started). */
export interface WindowStats {
  cpuMs: number;
  /** Share of the window the event loop was busy (0..1). */
  eventLoopUtilization: number;
  eventLoopDelayP99Ms: number;
  /** Time queries waited for one of the pool's connections (rimborso only). */
  poolWait: { count: number; p50Ms: number; p99Ms: number; maxWaiting: number; statements: number } | undefined;
  peakMemory: MemorySample;
}

export interface FinalStats {
  /** process.resourceUsage().maxRSS: the child's peak resident set over its whole life. */
  peakRssMb: number;
  /** RSS once started, before any request. */
  startedRssMb: number;
  /** After the app stopped and a full garbage collection: what was really kept. */
  liveHeapMb: number;
  rssAfterGcMb: number;
  cpuMs: number;
}

export type ParentMessage =
  StartRequest | { type: 'window' } | { type: 'profile-start' } | { type: 'profile-stop' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number; pid: number }
  | { type: 'window'; stats: WindowStats }
  | { type: 'profiling' }
  | { type: 'profile'; profile: unknown }
  | { type: 'stopped'; stats: FinalStats }
  | { type: 'failed'; error: string };

export type StandInRequest = { type: 'start'; channelMembers: string[] } | { type: 'views-opened' } | { type: 'stop' };
export type StandInMessage =
  | { type: 'ready'; apiUrl: string; responseUrl: string; pid: number }
  | { type: 'views-opened'; triggers: string[] }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };
