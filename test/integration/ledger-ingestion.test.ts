import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  findChargesForMatching,
  hasLedgerData,
  insertCharges,
  ledgerTotals90Days,
  resolveProfessionals,
  upsertProfessionals,
} from '../../src/db/charge.repository.ts';
import type { Charge } from '../../src/domain/ledger.ts';
import { resetDatabase } from '../support/db-helpers.ts';
import { LEDGER_TOKEN, buildChargeItem as buildSharedChargeItem } from '../support/ledger-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-20T10:00:00Z');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { LEDGER_TOKEN }, now: NOW });
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.clock.now = NOW;
  app.logs.length = 0;
  await upsertProfessionals(app.database.db, [{ marketplaceId: 'mp-4411', slackUserId: 'U044MP' }]);
});

/** The shared charge item, with a service whose case and spaces the matching key folds. */
const buildChargeItem = (overrides: Record<string, unknown> = {}) =>
  buildSharedChargeItem({ service: 'Imbiancatura  Interni', ...overrides });

const postCharges = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${LEDGER_TOKEN}` }) =>
  fetch(`${app.baseUrl}/ledger/charges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const storedCharges = () => app.database.db.selectFrom('charges').selectAll().orderBy('charge_id').execute();
const storedIds = async () => (await storedCharges()).map((row) => row.charge_id);

describe('POST /ledger/charges', () => {
  it('stores a good batch with its matching keys, the marketplace id mapped to the Slack user', async () => {
    const res = await postCharges({
      charges: [
        buildChargeItem(),
        buildChargeItem({
          charge_id: 'ch_1002',
          slack_user_id: undefined,
          marketplace_id: 'mp-4411',
          client_phone: null,
        }),
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: 2, unchanged: 0 });
    const [first, second] = await storedCharges();
    expect(first).toMatchObject({
      charge_id: 'ch_1001',
      professional_id: 'U012PRO',
      client_key: 'maria bianchi',
      client_phone: '+39 333 1234567',
      client_phone_key: '3331234567',
      service: 'Imbiancatura  Interni',
      service_key: 'imbiancatura interni',
      lead_received_at: new Date('2026-11-10T08:30:00Z'),
      charged_at: new Date('2026-11-10T10:00:00Z'),
      credits: 5,
      trigger: 'phone_answer',
      imported_at: NOW,
    });
    expect(second).toMatchObject({
      charge_id: 'ch_1002',
      professional_id: 'U044MP',
      client_phone: null,
      client_phone_key: null,
    });
  });

  it('takes a single charge object and a bare array', async () => {
    const single = await postCharges(buildChargeItem());
    expect(await single.json()).toEqual({ inserted: 1, unchanged: 0 });
    const array = await postCharges([buildChargeItem({ charge_id: 'ch_2' }), buildChargeItem({ charge_id: 'ch_3' })]);
    expect(await array.json()).toEqual({ inserted: 2, unchanged: 0 });
    expect(await storedIds()).toEqual(['ch_1001', 'ch_2', 'ch_3']);
  });

  it('answers 400 naming every bad field of the bad item, and writes none of the batch', async () => {
    const res = await postCharges({
      charges: [
        buildChargeItem({ charge_id: 'ok_1' }),
        buildChargeItem({ charge_id: 'bad_1', credits: 0, trigger: 'lead_view' }),
        buildChargeItem({ charge_id: 'ok_2' }),
      ],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_charges',
      errors: [
        { item: 1, field: 'credits', message: 'must be more than 0' },
        { item: 1, field: 'trigger', message: 'must be one of: phone_answer, client_chat' },
      ],
    });
    expect(await storedIds()).toEqual([]);
  });

  it('answers 400 for a marketplace id nobody is mapped to, and writes none of the batch', async () => {
    const res = await postCharges([
      buildChargeItem({ charge_id: 'ok_1' }),
      buildChargeItem({ charge_id: 'x_2', slack_user_id: undefined, marketplace_id: 'mp-unknown' }),
    ]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_charges',
      errors: [{ item: 1, field: 'marketplace_id', message: 'is not a known professional' }],
    });
    expect(await storedIds()).toEqual([]);
  });

  it('answers 400 to a charge_id repeated within the batch', async () => {
    const res = await postCharges([buildChargeItem(), buildChargeItem()]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: [{ item: 1, field: 'charge_id', message: 'repeats the charge_id of item 0' }],
    });
    expect(await storedIds()).toEqual([]);
  });

  it('counts a re-sent charge as unchanged, and stores only the new ones of a batch', async () => {
    await postCharges(buildChargeItem());
    app.clock.now = new Date('2026-11-21T10:00:00Z');
    const again = await postCharges([
      buildChargeItem({ client_phone: '+39 333 1234567' }),
      buildChargeItem({ charge_id: 'ch_new' }),
    ]);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ inserted: 1, unchanged: 1 });
    const [resent] = await storedCharges();
    expect(resent?.imported_at).toEqual(NOW);
  });

  it('answers 409 to a charge_id re-sent with different content, and writes none of the batch', async () => {
    await postCharges(buildChargeItem());
    const res = await postCharges([buildChargeItem({ charge_id: 'ch_new' }), buildChargeItem({ credits: 6 })]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'conflicting_charges', charge_ids: ['ch_1001'] });
    expect(await storedIds()).toEqual(['ch_1001']);
    expect((await storedCharges())[0]?.credits).toBe(5);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-ledger-token' }],
    ['the token under another scheme', { authorization: `Basic ${LEDGER_TOKEN}` }],
  ])('answers 401 with %s and writes nothing', async (_case, headers) => {
    const res = await postCharges(buildChargeItem(), headers);
    expect(res.status).toBe(401);
    expect(await storedIds()).toEqual([]);
  });

  it.each([['{not json'], [''], ['"a string"'], ['{"charges": {"charge_id": "x"}}']])(
    'answers 400 to the body %j',
    async (body) => {
      const res = await postCharges(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_json' });
    },
  );

  it('answers 413 to a body over 5 MB', async () => {
    const res = await postCharges({ charges: [buildChargeItem({ service: 'x'.repeat(5 * 1024 * 1024) })] });
    expect(res.status).toBe(413);
    expect(await storedIds()).toEqual([]);
  });

  it('logs counts, never a client’s name or phone', async () => {
    await postCharges([buildChargeItem(), buildChargeItem({ charge_id: 'ch_bad', client_last_name: '' })]);
    await postCharges(buildChargeItem());
    const logs = app.logs.join('\n');
    expect(logs).toContain('ledger charges');
    expect(logs).not.toMatch(/Bianchi|Maria|333/);
  });

  it('answers 404 when LEDGER_TOKEN is not configured', async () => {
    const other = await startTestApp({ database: app.database });
    try {
      const res = await fetch(`${other.baseUrl}/ledger/charges`, {
        method: 'POST',
        headers: { authorization: `Bearer ${LEDGER_TOKEN}` },
        body: JSON.stringify(buildChargeItem()),
      });
      expect(res.status).toBe(404);
      expect(await storedIds()).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});

function buildCharge(overrides: Partial<Charge> = {}): Charge {
  return {
    chargeId: 'ch_1',
    professionalId: 'U012PRO',
    leadId: 'lead_1',
    clientFirstName: 'Maria',
    clientLastName: 'Bianchi',
    clientPhone: null,
    service: 'Imbiancatura',
    leadReceivedAt: new Date('2026-10-01T09:00:00Z'),
    chargedAt: new Date('2026-11-01T10:00:00Z'),
    credits: 5,
    trigger: 'client_chat',
    ...overrides,
  };
}

async function addCreditEntry(professionalId: string, credits: number, createdAt: Date) {
  const { db } = app.database;
  const claim = await db
    .insertInto('claims')
    .values({
      reference: `RIM-TEST-${Math.random().toString(36).slice(2, 10)}`,
      team_id: 'T0TEAM',
      professional_id: professionalId,
      source_view_id: `V${Math.random().toString(36).slice(2, 10)}`,
      client_first_name: 'Maria',
      client_last_name: 'Bianchi',
      client_key: 'maria bianchi',
      client_phone: null,
      service: 'Imbiancatura',
      answered_on: '2026-11-01',
      received_on: null,
      credits,
      reason: 'no_grazie',
      description: null,
      status: 'ineligible',
      verdict: '{}',
      submitted_at: createdAt,
      review_deadline_on: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      review_channel_id: null,
      review_message_ts: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('credit_entries')
    .values({ claim_id: claim.id, professional_id: professionalId, charge_id: null, credits, created_at: createdAt })
    .execute();
}

describe('the ledger as the policy reads it', () => {
  it('finds a professional’s charges between two instants, both included, oldest first', async () => {
    const { db } = app.database;
    await insertCharges(
      db,
      [
        buildCharge({ chargeId: 'before', chargedAt: new Date('2026-10-31T23:59:59Z') }),
        buildCharge({ chargeId: 'late', chargedAt: new Date('2026-11-03T00:00:00Z') }),
        buildCharge({ chargeId: 'early', chargedAt: new Date('2026-11-01T00:00:00Z') }),
        buildCharge({ chargeId: 'after', chargedAt: new Date('2026-11-03T00:00:01Z') }),
        buildCharge({
          chargeId: 'someone-else',
          professionalId: 'U0OTHER',
          chargedAt: new Date('2026-11-02T00:00:00Z'),
        }),
      ],
      NOW,
    );
    const found = await findChargesForMatching(
      db,
      'U012PRO',
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-11-03T00:00:00Z'),
    );
    expect(found.map((c) => c.chargeId)).toEqual(['early', 'late']);
    expect(found[0]).toEqual(buildCharge({ chargeId: 'early', chargedAt: new Date('2026-11-01T00:00:00Z') }));
  });

  it('knows whether the marketplace ever reported a charge for a professional', async () => {
    await insertCharges(app.database.db, [buildCharge({ chargedAt: new Date('2026-11-01T10:00:00Z') })], NOW);
    expect(await hasLedgerData(app.database.db, 'U012PRO')).toBe(true);
    expect(await hasLedgerData(app.database.db, 'U0OTHER')).toBe(false);
  });

  it('totals the last 90 days of refunds and charges', async () => {
    const { db } = app.database;
    const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
    await insertCharges(
      db,
      [
        buildCharge({ chargeId: 'in-1', leadReceivedAt: daysAgo(89), chargedAt: daysAgo(89), credits: 4 }),
        buildCharge({ chargeId: 'in-2', leadReceivedAt: daysAgo(1), chargedAt: daysAgo(1), credits: 6 }),
        buildCharge({ chargeId: 'out-old', leadReceivedAt: daysAgo(90), chargedAt: daysAgo(90), credits: 100 }),
        buildCharge({
          chargeId: 'other',
          professionalId: 'U0OTHER',
          leadReceivedAt: daysAgo(1),
          chargedAt: daysAgo(1),
          credits: 100,
        }),
      ],
      NOW,
    );
    await addCreditEntry('U012PRO', 3, daysAgo(10));
    await addCreditEntry('U012PRO', 2, daysAgo(0));
    await addCreditEntry('U012PRO', 50, daysAgo(91));
    await addCreditEntry('U0OTHER', 50, daysAgo(1));
    expect(await ledgerTotals90Days(db, 'U012PRO', NOW)).toEqual({
      refunds: 2,
      creditsRefunded: 5,
      creditsCharged: 10,
    });
    expect(await ledgerTotals90Days(db, 'U0NOBODY', NOW)).toEqual({
      refunds: 0,
      creditsRefunded: 0,
      creditsCharged: 0,
    });
  });

  it('moves a marketplace id to another Slack user when the mapping is sent again', async () => {
    await upsertProfessionals(app.database.db, [
      { marketplaceId: 'mp-4411', slackUserId: 'U0NEW' },
      { marketplaceId: 'mp-2', slackUserId: 'U0TWO' },
    ]);
    const resolved = await resolveProfessionals(app.database.db, ['mp-4411', 'mp-2', 'mp-none']);
    expect(Object.fromEntries(resolved)).toEqual({ 'mp-4411': 'U0NEW', 'mp-2': 'U0TWO' });
  });
});

describe('npm run import-charges -- FILE.csv', () => {
  const importCsv = (file: string) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/ledger/import-charges-cli.ts', file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.database.url },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it(
    'imports a good file (quoted commas, doubled quotes, newlines in quotes), and a re-import changes nothing',
    { timeout: 90_000 },
    async () => {
      const first = importCsv('test/fixtures/charges-good.csv');
      expect(first).toMatchObject({ status: 0, stdout: '3 inserted, 0 unchanged\n' });
      const rows = await storedCharges();
      expect(rows.map((r) => [r.charge_id, r.professional_id, r.client_last_name, r.service])).toEqual([
        ['csv-1', 'U012PRO', 'Bianchi', 'Imbiancatura, interni'],
        ['csv-2', 'U044MP', "D'Angelo", 'Pulizie "Casa Felice"\nuffici e negozi'],
        ['csv-3', 'U012PRO', 'Pellè, jr', 'Giardinaggio'],
      ]);
      expect(rows[2]).toMatchObject({
        client_phone_key: '3337654321',
        credits: 2,
        lead_received_at: new Date('2026-11-11T23:00:00Z'),
      });

      const again = importCsv('test/fixtures/charges-good.csv');
      expect(again).toMatchObject({ status: 0, stdout: '0 inserted, 3 unchanged\n' });
      expect(await storedIds()).toEqual(['csv-1', 'csv-2', 'csv-3']);
    },
  );

  it('reports every bad field with the line its row starts on, and writes nothing', { timeout: 90_000 }, async () => {
    const run = importCsv('test/fixtures/charges-bad-lines.csv');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      'line 4: credits: must be more than 0',
      'line 4: trigger: must be one of: phone_answer, client_chat',
      'line 7: charged_at: is before lead_received_at (a bare date is midnight in Rome)',
      'line 10: charge_id: repeats the charge_id of line 2',
      'line 11: has 11 fields, the header has 12',
      'Nothing was imported.',
      '',
    ]);
    expect(await storedIds()).toEqual([]);
  });
});
