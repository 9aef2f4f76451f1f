/**
 * Command line: `npm run erase`, one person's erasure request (a client by phone or name, or a
 * professional), carried out at once through the redact-personal-data use case; prints what it changed.
 */
import { parseArgs } from 'node:util';
import { loadDatabaseTarget, loadDotEnv } from '../config.ts';
import { openDatabase } from '../db/open-database.ts';
import { createLogger } from '../logger.ts';
import { erasePersonalData, type ErasureTarget } from '../use-cases/redact-personal-data.ts';

/**
 * `npm run erase -- --client-phone "+39 …" | --client "Nome Cognome" | --professional U…`: a person's
 * erasure request, now, whatever the age of the data. Prints what it changed. The review messages are
 * redrawn in Slack by the running app's outbox worker.
 */
const USAGE =
  'Usage: npm run erase -- --client-phone "+39 333 1234567" | --client "Nome Cognome" | --professional U0123ABC';

function targetOf(values: {
  'client-phone'?: string;
  client?: string;
  professional?: string;
}): ErasureTarget | undefined {
  const given = [values['client-phone'], values.client, values.professional].filter((v) => v !== undefined);
  if (given.length !== 1) return undefined;
  if (values['client-phone'] !== undefined)
    return /\d{6,}/.test(values['client-phone'].replace(/\D/g, ''))
      ? { kind: 'client_phone', phone: values['client-phone'] }
      : undefined;
  if (values.client !== undefined)
    return values.client.trim().includes(' ') ? { kind: 'client', name: values.client } : undefined;
  return /^[UW][A-Z0-9]{2,}$/.test(values.professional ?? '')
    ? { kind: 'professional', userId: values.professional ?? '' }
    : undefined;
}

async function erase(): Promise<number> {
  const { values } = parseArgs({
    options: { 'client-phone': { type: 'string' }, client: { type: 'string' }, professional: { type: 'string' } },
  });
  const target = targetOf(values);
  if (!target) {
    console.error(USAGE);
    return 2;
  }
  const database = await openDatabase(
    loadDatabaseTarget(),
    createLogger('info', (line) => console.error(line)),
    { max: 1, attachToRunning: true },
  );
  try {
    const summary = await erasePersonalData(database.db, target, new Date());
    console.log(
      `claims redacted: ${summary.claims.length}${summary.claims.length > 0 ? ` (${summary.claims.join(', ')})` : ''}`,
    );
    console.log(`charges redacted: ${summary.charges}`);
    console.log(`review messages to update in Slack: ${summary.reviewMessagesUpdated}`);
    console.log(`audit events rewritten: ${summary.auditEventsScrubbed}`);
    return 0;
  } finally {
    await database.close();
  }
}

try {
  loadDotEnv();
  process.exitCode = await erase();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
