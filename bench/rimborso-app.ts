import type { Server } from 'node:http';
import { createApplication } from '../src/application.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { createLogger } from '../src/logger.ts';

/** The real app exactly as main.ts builds it: Config from loadConfig, pooled database, Bolt + outbox worker + SLA sweeper. */
export async function startRimborso(options: { slackApiUrl: string; signingSecret: string; databaseUrl?: string }) {
  const config = loadConfig({
    NODE_ENV: 'test',
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.slackApiUrl,
    REVIEW_CHANNEL_ID: 'CREVIEW',
    DATABASE_URL: options.databaseUrl,
    INBOUND_EMAIL_TOKEN: 'bench-inbound-email-token-0123456789',
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database, logger);
  const application = createApplication({ config, db: database.db, logger });
  const server = (await application.start(0)) as Server;
  return {
    server,
    async stop() {
      await application.stop();
      await database.close();
    },
  };
}
