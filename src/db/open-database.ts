import type { DatabaseTarget } from '../config.ts';
import type { AppLogger } from '../logger.ts';
import { createDb, type Db } from './database.ts';

export interface OpenDatabase {
  db: Db;
  /** Closes the pool, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

/** Connects to the configured server, or starts the embedded PostgreSQL in its folder first. */
export async function openDatabase(target: DatabaseTarget, logger: AppLogger, options: { max?: number } = {}): Promise<OpenDatabase> {
  const onIdleClientError = (error: Error) => logger.warn('database connection lost', { error: error.message });
  if (target.kind === 'url') {
    const db = createDb(target.url, { ...options, onIdleClientError });
    return { db, close: () => db.destroy() };
  }
  // Loaded only when used: a deployment with DATABASE_URL never starts it.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.ts');
  const server = await startEmbeddedPostgres({
    dataDir: target.dataDir,
    log: (line) => logger.debug('embedded postgres', { line }),
  });
  logger.info(`No DATABASE_URL: using the embedded PostgreSQL kept in ${target.dataDir}`);
  const db = createDb(server.url, { ...options, onIdleClientError });
  return {
    db,
    async close() {
      await db.destroy();
      await server.stop();
    },
  };
}
