import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb, migrateToLatest } from '../../src/db/database.ts';
import { databaseUrl, dropDatabasesLike, withAdmin } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    runPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  // No server named: a throwaway embedded PostgreSQL for this run, so `npm test` needs nothing installed.
  // Imported only when needed: a run on TEST_DATABASE_URL never loads the embedded server's package.
  const server = process.env.TEST_DATABASE_URL
    ? undefined
    : await (
        await import('../../src/db/embedded-postgres.ts')
      ).startEmbeddedPostgres({
        dataDir: join(tmpdir(), `rimborso-test-pg-${randomBytes(4).toString('hex')}`),
        persistent: false,
      });
  if (server) process.env.TEST_DATABASE_URL = server.url;
  console.log(
    server ? 'Tests use an embedded PostgreSQL for this run.' : 'Tests use the PostgreSQL at TEST_DATABASE_URL.',
  );

  const runPrefix = `rimborso_test_${randomBytes(4).toString('hex')}_`;
  const template = `${runPrefix}template`;
  try {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${template}"`));
    const db = createDb(databaseUrl(template), { max: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await server?.stop();
    throw error;
  }
  project.provide('templateDatabase', template);
  project.provide('runPrefix', runPrefix);
  return async () => {
    if (server) await server.stop();
    else await dropDatabasesLike(runPrefix);
  };
}
