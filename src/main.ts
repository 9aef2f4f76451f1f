import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { migrateToLatest } from './db/database.ts';
import { openDatabase } from './db/open-database.ts';
import { createLogger } from './logger.ts';
import { createApplication } from './application.ts';

/**
 * Composition root: config → database (migrated) → application (Slack app, outbox worker, SLA sweeper);
 * stops cleanly on SIGINT/SIGTERM, letting the deliveries in flight finish.
 */
async function main(): Promise<void> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database, logger);
  const { db } = database;
  const { results } = await migrateToLatest(db);
  logger.info('database ready', { migrationsApplied: results?.length ?? 0 });

  const application = createApplication({ config, db, logger });
  await application.start(config.port);
  logger.info('refund app running', {
    mode: config.slack.appToken ? 'socket' : 'http',
    port: config.port,
    events: config.slack.appToken ? undefined : '/slack/events',
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await application.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
