import { fileURLToPath } from 'node:url';
import { forkBenchChild } from './child.ts';
import type { StandInMessage } from './protocol.ts';

const ENTRY = fileURLToPath(new URL('./stand-in-process.ts', import.meta.url));
type Answer<T extends StandInMessage['type']> = Extract<StandInMessage, { type: T }>;

export interface RemoteStandIn {
  apiUrl: string;
  responseUrl: string;
  pid: number;
  /** Trigger ids of every views.open call the stand-in answered so far. */
  viewsOpened(): Promise<Set<string>>;
  stop(): Promise<void>;
}

/** Starts the local Slack Web API stand-in (src/sandbox/slack-stand-in.ts) in a child process. */
export async function startRemoteStandIn(channelMembers: readonly string[]): Promise<RemoteStandIn> {
  const child = forkBenchChild(ENTRY);
  try {
    const ready = await child.ask<Answer<'ready'>>(
      { type: 'start', channelMembers: [...channelMembers] },
      'ready',
      30_000,
    );
    return {
      apiUrl: ready.apiUrl,
      responseUrl: ready.responseUrl,
      pid: ready.pid,
      viewsOpened: async () =>
        new Set((await child.ask<Answer<'views-opened'>>({ type: 'views-opened' }, 'views-opened', 15_000)).triggers),
      async stop() {
        try {
          await child.ask({ type: 'stop' }, 'stopped', 10_000);
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
