import { fileURLToPath } from 'node:url';
import { forkBenchChild } from './child.ts';
import type { AppKind, ChildMessage, FinalStats, WindowStats } from './protocol.ts';

const CHILD_ENTRY = fileURLToPath(new URL('./app-process.ts', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const ANSWER_TIMEOUT_MS = 15_000;

type Answer<T extends ChildMessage['type']> = Extract<ChildMessage, { type: T }>;

export interface AppUnderTest {
  kind: AppKind;
  baseUrl: string;
  pid: number;
  /** The child's own measurements since the previous call. */
  takeWindow(): Promise<WindowStats>;
  /** Runs `during` with V8's CPU profiler on in the app, and returns the profile. */
  profile(during: () => Promise<unknown>): Promise<unknown>;
  /** Stops the app, returns its peak RSS; kills the process if it does not answer in time. */
  stop(): Promise<FinalStats>;
}

/** Forks bench/app-process.ts and starts the app in it. */
export async function startAppUnderTest(options: {
  kind: AppKind;
  slackApiUrl: string;
  signingSecret: string;
  databaseUrl?: string;
  /** More node flags for the child (e.g. V8 heap limits). */
  nodeFlags?: readonly string[];
}): Promise<AppUnderTest> {
  const { nodeFlags = [], ...start } = options;
  // --expose-gc only lets the child measure its live heap after a full collection, at the very end.
  const child = forkBenchChild(CHILD_ENTRY, ['--expose-gc', ...nodeFlags]);
  try {
    const { port, pid } = await child.ask<Answer<'ready'>>({ type: 'start', ...start }, 'ready', READY_TIMEOUT_MS);
    return {
      kind: options.kind,
      baseUrl: `http://127.0.0.1:${port}`,
      pid,
      takeWindow: async () =>
        (await child.ask<Answer<'window'>>({ type: 'window' }, 'window', ANSWER_TIMEOUT_MS)).stats,
      async profile(during) {
        await child.ask<Answer<'profiling'>>({ type: 'profile-start' }, 'profiling', ANSWER_TIMEOUT_MS);
        await during();
        return (await child.ask<Answer<'profile'>>({ type: 'profile-stop' }, 'profile', ANSWER_TIMEOUT_MS)).profile;
      },
      async stop() {
        try {
          return (await child.ask<Answer<'stopped'>>({ type: 'stop' }, 'stopped', ANSWER_TIMEOUT_MS)).stats;
        } finally {
          await child.end(5_000);
        }
      },
    };
  } catch (error) {
    await child.end(0);
    throw error;
  }
}
