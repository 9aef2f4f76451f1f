import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { databaseUrl, withAdmin } from './database.ts';

export interface TestDatabase {
  db: Db;
  url: string;
  destroy(): Promise<void>;
}

/** A fresh, migrated database of this test file's own (a copy of the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${inject('runPrefix')}${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`));
  const url = databaseUrl(name);
  const db = createDb(url);
  return {
    db,
    url,
    async destroy() {
      await db.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
