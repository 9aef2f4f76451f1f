import type { AppLogger } from '../logger.ts';

/**
 * Says once that the database went away and once that it came back, however many calls fail in
 * between (a worker polling every second would otherwise log a stack trace a second). The failures
 * between are counted and reported with the recovery.
 */
export function createOutageLog(logger: AppLogger, source: string) {
  let down: { since: number; failures: number } | undefined;
  return {
    failed(error: unknown): void {
      if (down) {
        down.failures += 1;
        logger.debug('database still unreachable', { source, error: messageOf(error) });
        return;
      }
      down = { since: Date.now(), failures: 1 };
      logger.error('database unreachable: will keep retrying', { source, error: messageOf(error) });
    },
    succeeded(): void {
      if (!down) return;
      logger.info('database reachable again', { source, failures: down.failures, downForMs: Date.now() - down.since });
      down = undefined;
    },
    get isDown(): boolean {
      return down !== undefined;
    },
  };
}

export type OutageLog = ReturnType<typeof createOutageLog>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
