/**
 * Command line: `npm run import-charges -- FILE.csv`, loads the marketplace's charges CSV into the database
 * and prints the problems, by line, when it refuses the file. It may share the embedded database of a running
 * `npm start`.
 */
import { access } from 'node:fs/promises';
import { CsvError } from 'csv-parse';
import { loadDatabaseTarget, loadDotEnv } from '../config.ts';
import { openDatabase } from '../db/open-database.ts';
import { createLogger } from '../logger.ts';
import { readChargeCsv } from './charge-csv.ts';
import { importChargeEntries } from './import-charges.ts';

/**
 * `npm run import-charges -- FILE.csv`: the marketplace's export, one charge per row, the header naming
 * the same fields as the JSON of POST /ledger/charges. The file is streamed into one transaction; one
 * bad row and nothing is imported. Errors name the line of the file where the row starts.
 */
async function importCharges(path: string): Promise<number> {
  await access(path);
  // Next to a running `npm start` on the embedded database, its server is shared.
  const database = await openDatabase(
    loadDatabaseTarget(),
    createLogger('info', (line) => console.error(line)),
    { max: 1, attachToRunning: true },
  );
  try {
    const outcome = await importChargeEntries(database.db, readChargeCsv(path), new Date());
    if (outcome.kind === 'imported') {
      console.log(`${outcome.inserted} inserted, ${outcome.unchanged} unchanged`);
      return 0;
    }
    for (const { line, message } of outcome.problems) console.error(`line ${line}: ${message}`);
    if (outcome.more > 0) console.error(`… and ${outcome.more} more problems`);
    console.error('Nothing was imported.');
    return 1;
  } finally {
    await database.close();
  }
}

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run import-charges -- FILE.csv');
  process.exitCode = 1;
} else {
  try {
    loadDotEnv();
    process.exitCode = await importCharges(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof CsvError ? `${file}: not a readable CSV file: ${message}` : message);
    process.exitCode = 1;
  }
}
