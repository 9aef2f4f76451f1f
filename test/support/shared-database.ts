import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { resetDatabase } from './db-helpers.ts';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/**
 * For test files whose apps share one database — several instances at once, or one after another
 * (a restart): one database for the file, emptied before each test; every app started through
 * `start` is stopped after its test, unless the test stopped it itself with `stop`.
 */
export function useSharedDatabase() {
  let database: TestDatabase | undefined;
  const running = new Set<TestApp>();
  const current = (): TestDatabase => {
    if (!database) throw new Error('the shared test database is not ready (use it inside a test)');
    return database;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.destroy());
  beforeEach(async () => resetDatabase(current().db));
  afterEach(async () => {
    await Promise.all([...running].map((app) => app.stop()));
    running.clear();
  });

  return {
    get database(): TestDatabase {
      return current();
    },
    async start(options: Omit<TestAppOptions, 'database'> = {}): Promise<TestApp> {
      const app = await startTestApp({ ...options, database: current() });
      running.add(app);
      return app;
    },
    /** Stops an app in the middle of a test (a restart); the database stays. */
    async stop(app: TestApp): Promise<void> {
      running.delete(app);
      await app.stop();
    },
  };
}
