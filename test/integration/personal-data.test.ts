import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildBlockAction, buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { claimEvents, onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import { eventually, REVIEW_CHANNEL, startTestApp, type TestApp } from '../support/test-app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-20T10:00:00Z');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: NOW, env: { RETENTION_MONTHS: '24' } });
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  await sql`TRUNCATE ops_job_runs`.execute(app.database.db);
  app.slack.reset();
  app.clock.now = NOW;
});

const claimOf = (lastName: string) =>
  app.database.db
    .selectFrom('claims')
    .selectAll()
    .where('reference', 'like', 'RIM-%')
    .execute()
    .then((rows) => rows.find((r) => r.client_last_name === lastName));
const reviewUpdates = () => app.slack.calls('chat.update').filter((c) => c.args.channel === REVIEW_CHANNEL);

async function submit(lastName: string, phone: string) {
  const before = app.slack.calls('chat.postMessage').length;
  await app.send.interaction(
    buildViewSubmission({ values: buildRefundStateValues({ clientLastName: lastName, clientPhone: phone }) }),
  );
  await eventually(() => expect(app.slack.calls('chat.postMessage').length).toBeGreaterThanOrEqual(before + 2));
  const claim = await claimOf(lastName);
  if (!claim) throw new Error(`no claim for ${lastName}`);
  await eventually(async () => expect((await claimOf(lastName))?.review_message_ts).toBeTruthy());
  return claim;
}

async function addCharge(id: string, chargedAt: string) {
  await app.database.db
    .insertInto('charges')
    .values({
      charge_id: id,
      professional_id: 'UPRO',
      lead_id: id,
      client_first_name: 'Maria',
      client_last_name: 'Bianchi',
      client_key: 'maria bianchi',
      client_phone: '+39 333 1234567',
      client_phone_key: '3331234567',
      service: 'Imbiancatura',
      service_key: 'imbiancatura',
      lead_received_at: new Date(chargedAt),
      charged_at: new Date(chargedAt),
      credits: 5,
      trigger: 'phone_answer',
      imported_at: new Date(chargedAt),
    })
    .execute();
}

describe('retention: personal data that does not live forever', () => {
  it('25 months after its decision a claim, and an old charge, lose the client’s name and phone; the review message is redrawn; once a day', async () => {
    const decided = await submit('Bianchi', '+39 333 1234567');
    await app.send.interaction(
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: decided.id, user: 'UREVIEWER1' }),
    );
    await eventually(() => expect(reviewUpdates()).toHaveLength(1));
    const pending = await submit('Verdi', '+39 347 7654321');
    await addCharge('old', '2024-10-01T10:00:00Z');
    await app.database.db
      .insertInto('claim_questions')
      .values({
        claim_id: decided.id,
        asked_by: 'UREVIEWER1',
        question: 'Maria Bianchi ha risposto?',
        asked_at: NOW,
        answer: 'Sì, Bianchi ha detto no',
        answered_at: NOW,
      })
      .execute();
    const auditBefore = await claimEvents(app.database.db, decided.id);
    app.slack.reset();

    app.clock.now = new Date('2028-12-21T10:00:00Z');
    await app.application.sweeper.sweepOnce();
    await addCharge('recent', '2028-12-01T10:00:00Z');
    await eventually(() => expect(reviewUpdates()).toHaveLength(1));

    const rows = await app.database.db
      .selectFrom('claims')
      .select(['id', 'client_first_name', 'client_last_name', 'client_phone', 'redacted_at'])
      .orderBy('reference')
      .execute();
    expect(rows).toEqual([
      {
        id: decided.id,
        client_first_name: '[rimosso]',
        client_last_name: '[rimosso]',
        client_phone: null,
        redacted_at: new Date('2028-12-21T10:00:00Z'),
      },
      {
        id: pending.id,
        client_first_name: 'Maria',
        client_last_name: 'Verdi',
        client_phone: '+39 347 7654321',
        redacted_at: null,
      },
    ]);
    const charges = await app.database.db
      .selectFrom('charges')
      .select(['charge_id', 'client_last_name', 'client_phone', 'client_phone_key'])
      .orderBy('charge_id')
      .execute();
    expect(charges).toEqual([
      { charge_id: 'old', client_last_name: '[rimosso]', client_phone: null, client_phone_key: null },
      {
        charge_id: 'recent',
        client_last_name: 'Bianchi',
        client_phone: '+39 333 1234567',
        client_phone_key: '3331234567',
      },
    ]);
    expect(await app.database.db.selectFrom('claim_questions').select(['question', 'answer']).execute()).toEqual([
      { question: '[rimosso]', answer: '[rimosso]' },
    ]);
    const update = JSON.stringify(reviewUpdates()[0]?.args);
    expect(update).toContain('[rimosso]');
    expect(update).not.toMatch(/Bianchi|333 1234567/);
    // The audit keeps every event, with one more saying why.
    const auditAfter = await claimEvents(app.database.db, decided.id);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.at(-1)).toMatchObject({ kind: 'redacted', details: { why: 'retention' } });
    expect(JSON.stringify(auditAfter)).not.toMatch(/Bianchi|1234567/);

    // The same day, another sweep (another instance) does not run it again.
    app.slack.reset();
    await addCharge('old-2', '2024-10-02T10:00:00Z');
    await app.application.sweeper.sweepOnce();
    expect(
      (
        await app.database.db
          .selectFrom('charges')
          .select('client_last_name')
          .where('charge_id', '=', 'old-2')
          .executeTakeFirstOrThrow()
      ).client_last_name,
    ).toBe('Bianchi');
    expect(
      await app.database.db
        .selectFrom('ops_job_runs')
        .select(['job', 'run_key'])
        .where('run_key', '=', '2028-12-21')
        .execute(),
    ).toEqual([{ job: 'retention', run_key: '2028-12-21' }]);
  });

  it('a reversed automatic approval loses the client’s data 24 months after its reversal, like any decided claim', async () => {
    const claim = await submit('Gialli', '+39 333 1112223');
    // An automatic approval a reviewer undid (the auto-approval tests make real ones; here only its stored shape matters).
    await app.database.db
      .updateTable('claims')
      .set({
        status: 'reversed',
        decided_by: 'policy',
        decided_at: NOW,
        auto_approved_case: 'first_mistake',
        reversed_by: 'UREVIEWER1',
        reversed_at: NOW,
        reversal_reason: 'Non era il primo errore',
      })
      .where('id', '=', claim.id)
      .execute();

    app.clock.now = new Date('2028-11-19T10:00:00Z'); // 24 months less a day: kept
    await app.application.sweeper.sweepOnce();
    expect((await onlyClaim(app.database.db)).client_last_name).toBe('Gialli');

    app.clock.now = new Date('2028-11-21T10:00:00Z');
    await app.application.sweeper.sweepOnce();
    const redacted = await onlyClaim(app.database.db);
    expect(redacted).toMatchObject({ status: 'reversed', client_last_name: '[rimosso]', client_phone: null });
  });

  it('requests refused outside the form forget their sender after RETENTION_MONTHS, a reply allowance after its interval', async () => {
    const refused = (sender: string, at: string, messageId: string | null) => ({
      channel: 'email' as const,
      sender,
      slack_channel_id: null,
      dedupe_key: `email:${sender}:${at}`,
      at: new Date(at),
      message_id: messageId,
    });
    await app.database.db
      .insertInto('refused_requests')
      .values([
        refused('old@example.com', '2026-10-01T10:00:00Z', '<old@mail.example.com>'),
        refused('recent@example.com', '2028-12-20T10:00:00Z', '<recent@mail.example.com>'),
      ])
      .execute();
    await app.database.db
      .insertInto('email_reply_allowances')
      .values([
        { sender: 'old@example.com', last_reply_at: new Date('2026-10-01T10:00:00Z') },
        { sender: 'recent@example.com', last_reply_at: new Date('2028-12-21T08:00:00Z') },
      ])
      .execute();

    app.clock.now = new Date('2028-12-21T10:00:00Z');
    await app.application.sweeper.sweepOnce();

    const requests = await app.database.db
      .selectFrom('refused_requests')
      .select(['sender', 'message_id', 'channel'])
      .orderBy('at')
      .execute();
    expect(requests).toEqual([
      { sender: null, message_id: null, channel: 'email' },
      { sender: 'recent@example.com', message_id: '<recent@mail.example.com>', channel: 'email' },
    ]);
    const allowances = await app.database.db.selectFrom('email_reply_allowances').select('sender').execute();
    expect(allowances).toEqual([{ sender: 'recent@example.com' }]);
  });

  it('the audit stays append-only outside the redaction path', async () => {
    const claim = await submit('Rossi', '+39 333 7654321');
    await expect(
      sql`UPDATE claim_events SET details = '{}'::jsonb WHERE claim_id = ${claim.id}`.execute(app.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM claim_events WHERE claim_id = ${claim.id}`.execute(app.database.db)).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('npm run erase', () => {
  const erase = (...args: string[]) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/privacy/erase-cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.database.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it.each([
    ['--client-phone', '0039 333 1234567'],
    ['--client', 'maria  BIANCHI'],
  ])(
    '%s %j erases that client now, whatever the age: rows, the review message in Slack, the audit',
    { timeout: 90_000 },
    async (flag, value) => {
      const claim = await submit('Bianchi', '+39 333 1234567');
      const other = await submit('Verdi', '+39 347 7654321');
      await addCharge('c1', '2026-11-10T10:00:00Z');
      app.slack.reset();

      // The command runs at the real time; the app's worker delivers what it queued once its clock gets there.
      const run = erase(flag, value);
      app.clock.now = new Date(Date.now() + 60_000);
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')).toEqual([
        `claims redacted: 1 (${claim.reference})`,
        'charges redacted: 1',
        'review messages to update in Slack: 1',
        'audit events rewritten: 0',
        '',
      ]);
      expect(run.status).toBe(0);
      await eventually(() => expect(reviewUpdates()).toHaveLength(1));
      expect(JSON.stringify(reviewUpdates()[0]?.args)).not.toMatch(/Bianchi|333 1234567/);
      expect(
        await app.database.db
          .selectFrom('claims')
          .select(['client_last_name', 'client_phone'])
          .where('id', 'in', [claim.id, other.id])
          .orderBy('reference')
          .execute(),
      ).toEqual([
        { client_last_name: '[rimosso]', client_phone: null },
        { client_last_name: 'Verdi', client_phone: '+39 347 7654321' },
      ]);
      expect(
        await app.database.db.selectFrom('charges').select(['client_last_name', 'client_phone_key']).execute(),
      ).toEqual([{ client_last_name: '[rimosso]', client_phone_key: null }]);
      const audit = await claimEvents(app.database.db, claim.id);
      expect(audit.at(-1)).toMatchObject({ kind: 'redacted', details: { why: 'erasure' } });
      expect(JSON.stringify(audit)).not.toMatch(/Bianchi|1234567/);
    },
  );

  it('refuses an unclear request and changes nothing', { timeout: 90_000 }, async () => {
    const run = erase('--client', 'Bianchi');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run erase');
  });
});
