import { loadDatabaseUrl, loadDotEnv } from '../config.ts';
import { createDb, migrateToLatest } from './database.ts';

let db: ReturnType<typeof createDb> | undefined;
try {
  loadDotEnv();
  db = createDb(loadDatabaseUrl(), { max: 1 });
  const { results } = await migrateToLatest(db);
  for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`);
  if (!results?.length) console.log('Database already up to date.');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await db?.destroy();
}
