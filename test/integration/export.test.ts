import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStoryClaims } from '../support/ops-story.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertStoryClaims(database.db, [
    // Submitted on Monday 23 November at 00:30 in Rome (still the 22nd in UTC): inside the period.
    {
      reference: 'RIM-2026-000001',
      professionalId: 'UPRO1',
      reason: 'no_grazie',
      status: 'approved',
      credits: 10,
      submittedAt: '2026-11-22T23:30:00Z',
      decidedAt: '2026-11-24T15:00:00Z',
      deadline: '2026-12-07',
      clientFirstName: 'Maria',
      clientLastName: 'Bianchi',
    },
    {
      reference: 'RIM-2026-000002',
      professionalId: 'UPRO2',
      reason: 'details_changed',
      status: 'rejected',
      credits: 6,
      submittedAt: '2026-11-10T10:00:00Z',
      decidedAt: '2026-11-25T10:00:00Z',
      deadline: '2026-11-24',
      clientFirstName: 'Luca',
      clientLastName: '=Rossi, "jr"',
    },
    {
      reference: 'RIM-2026-000003',
      professionalId: 'UPRO2',
      reason: 'no_grazie',
      status: 'pending_review',
      credits: 3,
      submittedAt: '2026-11-25T10:00:00Z',
      deadline: '2026-12-09',
      clientPhone: null,
    },
    {
      reference: 'RIM-2026-000004',
      professionalId: 'UPRO3',
      reason: 'sent_by_mistake',
      status: 'ineligible',
      credits: 2,
      submittedAt: '2026-11-30T23:30:00Z',
    },
  ]);
}, 60_000);
afterAll(async () => database?.destroy());

const runExport = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/export/export-claims-cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

const HEADER =
  'reference,submitted_at,answered_on,received_on,deadline,professional,service,reason,credits,status,decided_by,decided_at,business_days_taken,within_deadline';

describe('npm run export', () => {
  it('writes the claims submitted in the period as CSV, without client data', { timeout: 90_000 }, async () => {
    const run = runExport('--from', '2026-11-10', '--to', '2026-11-30');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\r\n')).toEqual([
      HEADER,
      'RIM-2026-000002,2026-11-10T10:00:00.000Z,2026-11-10,,2026-11-24,UPRO2,Imbiancatura,details_changed,6,rejected,UREVIEWER1,2026-11-25T10:00:00.000Z,11,false',
      'RIM-2026-000001,2026-11-22T23:30:00.000Z,2026-11-22,,2026-12-07,UPRO1,Imbiancatura,no_grazie,10,approved,UREVIEWER1,2026-11-24T15:00:00.000Z,1,true',
      'RIM-2026-000003,2026-11-25T10:00:00.000Z,2026-11-25,,2026-12-09,UPRO2,Imbiancatura,no_grazie,3,pending_review,,,,',
      '',
    ]);
    expect(run.stdout).not.toMatch(/Maria|Bianchi|Rossi|\+39/);
    expect(run.stderr).toContain('3 claims exported');
  });

  it(
    'adds the client’s name and phone only with --with-personal-data, as JSON lines on request',
    { timeout: 90_000 },
    async () => {
      const run = runExport('--from', '2026-11-10', '--to', '2026-11-24', '--format', 'jsonl', '--with-personal-data');
      expect(run.status).toBe(0);
      const records = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(
        records.map((r) => [
          r.reference,
          r.client_first_name,
          r.client_last_name,
          r.client_phone,
          r.business_days_taken,
          r.within_deadline,
        ]),
      ).toEqual([
        ['RIM-2026-000002', 'Luca', '=Rossi, "jr"', '+39 333 1234567', 11, false],
        ['RIM-2026-000001', 'Maria', 'Bianchi', '+39 333 1234567', 1, true],
      ]);
      const csv = runExport('--from', '2026-11-10', '--to', '2026-11-10', '--with-personal-data');
      // A cell that a spreadsheet would run as a formula is written as text.
      expect(csv.stdout.split('\r\n')[1]).toContain(`,Luca,"'=Rossi, ""jr""",+39 333 1234567`);
    },
  );

  it('refuses bad arguments with the usage', { timeout: 90_000 }, async () => {
    const run = runExport('--from', '2026-11-31', '--to', '2026-11-30');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run export');
    expect(run.stdout).toBe('');
  });
});
