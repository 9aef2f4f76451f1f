/**
 * Command-line script (`npm run outbox`): the operator's view of outbox messages blocked for a cause a person must
 * fix (`list`) and the way to release them (`retry`, all, by cause or by id); a running instance then sends them.
 */
import { userInfo } from 'node:os';
import { loadDatabaseTarget, loadDotEnv } from '../config.ts';
import type { Db } from '../db/database.ts';
import { openDatabase, type OpenDatabase } from '../db/open-database.ts';
import { listBlockedMessages } from '../db/outbox.repository.ts';
import { createLogger } from '../logger.ts';
import { releaseBlockedDeliveries } from '../use-cases/blocked-deliveries.ts';

const USAGE = `npm run outbox -- list                       what is blocked, and why
npm run outbox -- retry                      try every blocked message again
npm run outbox -- retry --cause not_in_channel   only those blocked for that cause
npm run outbox -- retry 12 15                only these messages (ids from list)`;

/** The operator's view of messages blocked for a cause a person must fix, and the way to send them. */
export async function runOutboxCommand(
  db: Db,
  args: readonly string[],
  now: Date,
  out: (line: string) => void,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'list') {
    const blocked = await listBlockedMessages(db);
    if (blocked.length === 0) {
      out('No message is blocked.');
      return 0;
    }
    const byCause = new Map<string, number>();
    for (const m of blocked) byCause.set(m.cause, (byCause.get(m.cause) ?? 0) + 1);
    out(`${blocked.length} blocked: ${[...byCause].map(([cause, n]) => `${n} ${cause}`).join(', ')}`);
    for (const m of blocked) {
      out(
        `  #${m.id}  ${m.kind.padEnd(20)} ${(m.claimReference ?? '-').padEnd(16)} ${m.cause.padEnd(18)} since ${m.blockedAt.toISOString()}  (${m.attempts} attempts)`,
      );
    }
    return 0;
  }
  if (command === 'retry') {
    const causeAt = rest.indexOf('--cause');
    const cause = causeAt >= 0 ? rest[causeAt + 1] : undefined;
    if (causeAt >= 0 && !cause) return usage(out);
    const ids = causeAt >= 0 ? rest.filter((_arg, i) => i !== causeAt && i !== causeAt + 1) : [...rest];
    if (ids.some((id) => !/^\d+$/.test(id))) return usage(out);
    const released = await releaseBlockedDeliveries(db, {
      now,
      trigger: 'operator',
      actor: `operator:${userInfo().username}`,
      ...(cause ? { causes: [cause] } : {}),
      ...(ids.length ? { ids } : {}),
    });
    out(
      released === 0
        ? 'Nothing to retry.'
        : `${released} released: a running instance sends them within seconds (a cause not fixed blocks them again).`,
    );
    return 0;
  }
  return usage(out);
}

function usage(out: (line: string) => void): number {
  out(USAGE);
  return 2;
}

async function main(): Promise<void> {
  let database: OpenDatabase | undefined;
  try {
    loadDotEnv();
    database = await openDatabase(
      loadDatabaseTarget(),
      createLogger('warn', (line) => console.error(line)),
      { max: 1 },
    );
    process.exitCode = await runOutboxCommand(database.db, process.argv.slice(2), new Date(), (line) =>
      console.log(line),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
