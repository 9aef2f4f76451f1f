/**
 * Database access: the Kysely connection pool (`Db`), the transaction type (`Trx`) that transaction-only repository
 * functions demand, the migrations runner and a reachability probe. Also sets how pg parses `date` columns (kept
 * as 'YYYY-MM-DD', a day in Rome).
 */
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import type { Database } from './schema.ts';

// A `date` is a calendar day in Rome: keep it as 'YYYY-MM-DD' instead of a JS Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint ids and counts fit in JS numbers for this product's volumes; keep them exact as strings.

export type Db = Kysely<Database>;

/**
 * For repository functions that only mean something inside a transaction (a transaction-scoped lock,
 * FOR UPDATE, a read or write that must commit with the caller's other writes): passing the plain `Db`
 * is a type error, so a lock cannot be taken, and released, outside the work it guards.
 */
export type Trx = Transaction<Database>;

export function createDb(
  databaseUrl: string,
  options: { max?: number; onIdleClientError?: (error: Error) => void } = {},
): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
  // An idle connection closed by the server (a restart, a failover, Ctrl-C reaching an embedded
  // server first) is an 'error' event on the pool: unhandled, it would crash the process.
  pool.on('error', (error) => options.onIdleClientError?.(error));
  // A connection that dies while checked out (killed mid-transaction) also emits 'error' on its
  // client; the query in flight fails on its own, and the event must not crash the process.
  pool.on('connect', (client) => client.on('error', (error) => options.onIdleClientError?.(error)));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Applies every pending migration. Kysely's migrator takes a PostgreSQL advisory lock, so instances
 * starting at once run them one after the other; the later ones find nothing left to do.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
    return true;
  } catch {
    return false;
  }
}
