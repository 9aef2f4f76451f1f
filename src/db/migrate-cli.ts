/**
 * Command-line script (`npm run migrate`): applies the pending migrations to the configured database, or to the
 * embedded one (sharing the server of a running app), prints what it applied, and exits non-zero on an error.
 */
import { loadDatabaseTarget, loadDotEnv } from '../config.ts';
import { createLogger } from '../logger.ts';
import { migrateToLatest } from './database.ts';
import { openDatabase, type OpenDatabase } from './open-database.ts';

let database: OpenDatabase | undefined;
try {
  loadDotEnv();
  database = await openDatabase(
    loadDatabaseTarget(),
    createLogger('info', (line) => console.error(line)),
    {
      max: 1,
      attachToRunning: true,
    },
  );
  const { results } = await migrateToLatest(database.db);
  for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`);
  if (!results?.length) console.log('Database already up to date.');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await database?.close();
}
