import { randomBytes } from 'node:crypto';
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
  const runPrefix = `rimborso_test_${randomBytes(4).toString('hex')}_`;
  const template = `${runPrefix}template`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${template}"`));
  const db = createDb(databaseUrl(template), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide('templateDatabase', template);
  project.provide('runPrefix', runPrefix);
  return async () => {
    await dropDatabasesLike(runPrefix);
  };
}
