/**
 * Logging helper for background loops (outbox worker, SLA sweeper): reports a database outage once when it starts
 * and once when it ends, with the failures in between counted, instead of one error per failed poll.
 */
import type { AppLogger } from '../logger.ts';

/**
 * Says once that the database went away and once that it came back, however many calls fail in
 * between (a worker polling every second would otherwise log a stack trace a second). The failures
 * between are counted and reported with the recovery, which needs a quiet second: while PostgreSQL
 * kills connections one by one, a query on a connection not yet killed is not a recovery.
 */
export function createOutageLog(logger: AppLogger, source: string, quietMs = 1_000) {
  let down: { since: number; lastFailure: number; failures: number } | undefined;
  return {
    failed(error: unknown): void {
      if (down) {
        down.failures += 1;
        down.lastFailure = Date.now();
        logger.debug('database still unreachable', { source, error: messageOf(error) });
        return;
      }
      down = { since: Date.now(), lastFailure: Date.now(), failures: 1 };
      logger.error('database unreachable: will keep retrying', { source, error: messageOf(error) });
    },
    succeeded(): void {
      if (!down || Date.now() - down.lastFailure < quietMs) return;
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
