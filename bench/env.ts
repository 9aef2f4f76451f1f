/**
 * The benchmark is a developer tool beside the app, not part of it: it reads only which PostgreSQL
 * server to use, never the app's configuration (the app under test gets its Config from loadConfig).
 */
export function readBenchEnv(): { databaseUrl: string | undefined } {
  // eslint-disable-next-line no-restricted-properties -- bench/ is a tool, not the app: it picks a PostgreSQL server only.
  const env = process.env;
  const databaseUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined;
  return { databaseUrl };
}
