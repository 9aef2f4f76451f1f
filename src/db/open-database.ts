/**
 * Opens the database a `DatabaseTarget` names: a pool on DATABASE_URL, or the embedded PostgreSQL started first in
 * its folder. Used by main.ts and the command-line tools; `close()` ends the pool and any embedded server.
 */
import type { DatabaseTarget } from '../config.ts';
import type { AppLogger } from '../logger.ts';
import { createDb, type Db } from './database.ts';

export interface OpenDatabase {
  db: Db;
  /** Closes the pool, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

/** Connects to the configured server, or starts the embedded PostgreSQL in its folder first. */
export async function openDatabase(
  target: DatabaseTarget,
  logger: AppLogger,
  options: { max?: number; attachToRunning?: boolean } = {},
): Promise<OpenDatabase> {
  const onIdleClientError = (error: Error) => logger.warn('database connection lost', { error: error.message });
  const poolOptions = options.max === undefined ? {} : { max: options.max };
  if (target.kind === 'url') {
    const db = createDb(target.url, { ...poolOptions, onIdleClientError });
    return { db, close: () => db.destroy() };
  }
  // Loaded only when used: a deployment with DATABASE_URL never starts it.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.ts');
  const server = await startEmbeddedPostgres({
    dataDir: target.dataDir,
    log: (line) => logger.debug('embedded postgres', { line }),
    ...(target.binariesCacheDir ? { binariesCacheDir: target.binariesCacheDir } : {}),
    // A command-line tool next to a running `npm start` uses that app's server.
    attachToRunning: options.attachToRunning ?? false,
  });
  logger.info(`No DATABASE_URL: using the embedded PostgreSQL kept in ${target.dataDir}`);
  const db = createDb(server.url, { ...poolOptions, onIdleClientError });
  return {
    db,
    async close() {
      await db.destroy();
      await server.stop();
    },
  };
}
