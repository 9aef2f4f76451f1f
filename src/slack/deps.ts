import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AppLogger } from '../logger.ts';

/** What every listener may use: built once in main.ts (or a test) and passed down. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: AppLogger;
  clock: () => Date;
}
