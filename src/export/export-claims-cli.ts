/**
 * Command-line script (`npm run export`): writes the claims submitted between two Rome dates to standard output as
 * CSV or JSON Lines, reading the database a page at a time; personal data only with `--with-personal-data`.
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { loadDotEnv, loadToolConfig } from '../config.ts';
import { pageClaimsSubmitted } from '../db/export.repository.ts';
import { openDatabase } from '../db/open-database.ts';
import { createBusinessCalendar } from '../domain/italian-holidays.ts';
import { addDays, isIsoDate, romeInstant } from '../domain/rome-calendar.ts';
import { createLogger } from '../logger.ts';
import { csvLine, exportColumns, formatRecord, toExportRecord } from './claim-export.ts';

/**
 * `npm run export -- --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|jsonl] [--with-personal-data]`:
 * the claims submitted between the two Rome dates (both included) to standard output, a page at a time.
 */
const USAGE = 'Usage: npm run export -- --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|jsonl] [--with-personal-data]';
const PAGE = 1000;

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

async function exportClaims(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      'with-personal-data': { type: 'boolean', default: false },
    },
  });
  const { from, to, format } = values;
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to) || to < from || (format !== 'csv' && format !== 'jsonl')) {
    console.error(USAGE);
    return 2;
  }
  const withPersonalData = values['with-personal-data'] ?? false;
  const config = loadToolConfig();
  const calendar = createBusinessCalendar(config.closedDays);
  const database = await openDatabase(
    config.database,
    createLogger('info', (line) => console.error(line)),
    { max: 1, attachToRunning: true },
  );
  try {
    const columns = exportColumns(withPersonalData);
    if (format === 'csv') await write(csvLine(columns));
    const range = { from: romeInstant(from, 0), to: romeInstant(addDays(to, 1), 0) };
    let after: { submittedAt: Date; id: string } | undefined;
    let count = 0;
    for (;;) {
      const page = await pageClaimsSubmitted(database.db, range, after, PAGE);
      for (const row of page)
        await write(formatRecord(toExportRecord(row, calendar, withPersonalData), columns, format));
      count += page.length;
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = { submittedAt: last.submittedAt, id: last.id };
    }
    console.error(`${count} claims exported${withPersonalData ? ', with personal data' : ''}`);
    return 0;
  } finally {
    await database.close();
  }
}

try {
  loadDotEnv();
  process.exitCode = await exportClaims();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
