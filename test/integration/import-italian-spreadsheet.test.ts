import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertProfessionals } from '../../src/db/charge.repository.ts';
import { resetDatabase } from '../support/db-helpers.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.destroy());
beforeEach(async () => {
  await resetDatabase(database.db);
  await upsertProfessionals(database.db, [{ marketplaceId: 'mp-4411', slackUserId: 'U044MP' }]);
});

const importCsv = (file: string) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/ledger/import-charges-cli.ts', file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

const storedCharges = () =>
  database.db
    .selectFrom('charges')
    .select([
      'charge_id',
      'professional_id',
      'client_first_name',
      'client_last_name',
      'client_phone',
      'client_phone_key',
      'service',
      'lead_received_at',
      'charged_at',
      'credits',
    ])
    .orderBy('charge_id')
    .execute();

describe('npm run import-charges with an Italian Excel export', () => {
  it(
    'imports it as it is: Windows-1252, ";" separators, gg/mm/aaaa dates, "8,0" credits, text-forced phones, CRLF',
    { timeout: 90_000 },
    async () => {
      const run = importCsv('test/fixtures/charges-excel-it.csv');
      expect(run).toMatchObject({ status: 0, stdout: '3 inserted, 0 unchanged\n' });
      expect(await storedCharges()).toEqual([
        {
          charge_id: 'it-1',
          professional_id: 'U012PRO',
          client_first_name: 'Niccolò',
          client_last_name: 'Pellè',
          client_phone: '+39 333 1234567',
          client_phone_key: '3331234567',
          service: 'Imbiancatura, interni',
          lead_received_at: new Date('2026-11-26T23:00:00Z'),
          charged_at: new Date('2026-11-27T09:15:00Z'),
          credits: 8,
        },
        {
          charge_id: 'it-2',
          professional_id: 'U044MP',
          client_first_name: 'Luca',
          client_last_name: "D'Angelo",
          client_phone: '+39 347 7654321',
          client_phone_key: '3477654321',
          service: 'Pulizie; uffici',
          lead_received_at: new Date('2026-11-30T23:00:00Z'),
          charged_at: new Date('2026-11-30T23:00:00Z'),
          credits: 3,
        },
        {
          charge_id: 'it-3',
          professional_id: 'U012PRO',
          client_first_name: 'Maria',
          client_last_name: 'Bianchi',
          client_phone: null,
          client_phone_key: null,
          service: 'Giardinaggio',
          lead_received_at: new Date('2026-11-29T23:00:00Z'),
          charged_at: new Date('2026-11-30T08:05:30Z'),
          credits: 12,
        },
      ]);
      expect(importCsv('test/fixtures/charges-excel-it.csv')).toMatchObject({
        status: 0,
        stdout: '0 inserted, 3 unchanged\n',
      });
    },
  );

  it(
    'names the bad rows by line, says how to export a phone in scientific notation, and writes nothing',
    { timeout: 90_000 },
    async () => {
      const run = importCsv('test/fixtures/charges-excel-it-bad.csv');
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n');
      expect(lines[0]).toMatch(/^line 2: client_phone: is in scientific notation: .*Formato celle → Testo/);
      expect(lines.slice(1)).toEqual([
        'line 3: lead_received_at: must be an ISO 8601 date-time with an offset (2026-11-20T10:15:00+01:00) or a date (2026-11-20)',
        'line 3: credits: must be a whole number',
        'line 5: charge_id: repeats the charge_id of line 2',
        'Nothing was imported.',
        '',
      ]);
      expect(await storedCharges()).toEqual([]);
    },
  );
});
