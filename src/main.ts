/**
 * Entry point (`npm start`) and composition root: loads the config, runs the start-up checks (port, Slack
 * token and review channel, database), migrates, then starts the application built in application.ts and
 * stops it on a signal.
 */
import { WebClient } from '@slack/web-api';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.ts';
import { migrateToLatest } from './db/database.ts';
import { openDatabase, type OpenDatabase } from './db/open-database.ts';
import { describeDatabaseFailure, verifyPortFree } from './health/preflight.ts';
import { describeSlackFailure, verifyBotToken, verifyReviewChannel, type BotIdentity } from './health/slack-checks.ts';
import { createLogger, type AppLogger } from './logger.ts';
import { createApplication } from './application.ts';

/**
 * Composition root: config → start-up checks → database (migrated) → application (Slack app, outbox
 * worker, SLA sweeper); stops cleanly on SIGINT/SIGTERM, letting the deliveries in flight finish.
 * Every start-up failure is one line on stderr that names the fix, and exit code 1.
 */
class StartupError extends Error {}

async function main(): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A promise nobody awaited is a bug we do not know: no catch-all keeps a process of unknown state
  // running. It is logged, the app stops as on SIGTERM (deliveries in flight finish) and exits 1, and
  // the process manager starts a clean one; what was queued is in the database, nothing is lost.
  const shutdown: { stop?: (signal: string, exitCode: number) => Promise<void> } = {};
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection: stopping', reason instanceof Error ? reason : { reason: String(reason) });
    if (shutdown.stop) void shutdown.stop('unhandledRejection', 1);
    else process.exit(1);
  });

  const port = await verifyPortFree(config.port);
  if (!port.ok) throw new StartupError(port.problem);
  const identity = await verifySlack(config, logger);
  const database = await connectDatabase(config, logger);
  const { results } = await migrateToLatest(database.db);
  logger.info('database ready', { migrationsApplied: results?.length ?? 0 });

  const application = createApplication({ config, db: database.db, logger, identity });
  try {
    await application.start(config.port);
  } catch (error) {
    await application.stop().catch(() => {});
    await database.close();
    throw new StartupError(
      describeSlackFailure('apps.connections.open', error, {
        invalid_auth:
          'SLACK_APP_TOKEN is wrong or revoked: create an app-level token with connections:write (Basic Information → App-Level Tokens)',
        not_authed: 'SLACK_APP_TOKEN is missing from the request: check SLACK_APP_TOKEN',
      }),
    );
  }
  logger.info('refund app running', {
    mode: config.slack.appToken ? 'socket' : 'http',
    port: config.port,
    events: config.slack.appToken ? undefined : '/slack/events',
  });

  let stopping = false;
  const stop = async (signal: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await application.stop();
    await database.close();
    process.exit(exitCode);
  };
  shutdown.stop = stop;
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
}

/** auth.test (logging the workspace and the bot user), then the review channel with the bot in it. */
async function verifySlack(config: Config, logger: AppLogger): Promise<BotIdentity> {
  const client = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    // Its own warnings would repeat, in several lines, what the one start-up line says.
    logger: createLogger('error', () => {}),
  });
  const token = await verifyBotToken(client);
  if (!token.ok) throw new StartupError(token.problem);
  const { identity } = token;
  logger.info('slack token ok', {
    workspace: identity.teamName,
    teamId: identity.teamId,
    botUser: identity.botName,
    botUserId: identity.botUserId,
  });
  const channel = await verifyReviewChannel(client, config.slack.reviewChannelId, identity.botName);
  if (!channel.ok) throw new StartupError(channel.problem);
  return identity;
}

/** Opens the database and asks it one question, so that an unreachable server names DATABASE_URL. */
async function connectDatabase(config: Config, logger: AppLogger): Promise<OpenDatabase> {
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(config.database, logger);
    await database.db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
    return database;
  } catch (error) {
    await database?.close().catch(() => {});
    if (config.database.kind === 'url') throw new StartupError(describeDatabaseFailure(config.database.url, error));
    throw new StartupError(
      `The embedded PostgreSQL in EMBEDDED_PG_DIR=${config.database.dataDir} did not start: ${firstLine(error)}`,
    );
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

main().catch((error: unknown) => {
  console.error(error instanceof StartupError ? error.message : `Start-up failed: ${firstLine(error)}`);
  process.exit(1);
});
