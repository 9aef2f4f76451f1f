import pg from 'pg';
import { eventually } from './test-app.ts';

/**
 * Injects "the database connection died in the middle of the write": a second session takes a lock
 * the app's next statement needs, waits until one of the app's backends is blocked on it, then
 * terminates every other backend of this test database — the app's included — and lets the lock go.
 * Only backends of this one database are touched (the server is shared). Let the outbox settle first,
 * so that the blocked backend is the listener's.
 */
export async function terminateWhileBlocked<T>(
  databaseUrl: string,
  lock: { sql: string; params?: unknown[] },
  act: () => Promise<T>,
): Promise<T> {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(lock.sql, lock.params ?? []);
    const pending = act();
    await eventually(async () => {
      const { rows } = await holder.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
      );
      if ((rows[0]?.n ?? 0) < 1) throw new Error('no backend of the app is waiting on the lock');
    }, 10_000); // a loaded machine: the app may take seconds to reach its write
    const { rows: terminated } = await holder.query<{ pid: number }>(
      `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await holder.query('ROLLBACK');
    // Every terminated backend gone before the test reads again: on a loaded machine one could still be
    // exiting, and the test's own pooled connection to it would die under its next query.
    const pids = terminated.map((row) => row.pid);
    await eventually(async () => {
      const { rows } = await holder.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])',
        [pids],
      );
      if ((rows[0]?.n ?? 0) > 0) throw new Error('a terminated backend is still exiting');
    }, 10_000);
    const result = await pending;
    // The closed sockets' events reach the pools (which drop those connections) on the next turns.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return result;
  } finally {
    await holder.end();
  }
}
