import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.ts';
import { buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { claimEvents, onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

/**
 * The submission's ack waits for every SQL round trip: a count, not a time (the bench measures the
 * time). Kysely's query log sees every statement on a connection, BEGIN and COMMIT included.
 */
let database: TestDatabase;
let counted: Kysely<Database>;
let app: TestApp;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  counted = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 4 }) }),
    log: (event) => {
      statements.push(event.query.sql);
    },
  });
  app = await startTestApp({
    database: { ...database, db: counted },
    now: new Date('2026-11-20T10:00:00Z'),
  });
  // Only the ack path is counted: the outbox worker and the SLA sweeper would add their own statements.
  await app.application.worker.stop();
  await app.application.sweeper.stop();
});
afterAll(async () => {
  await app?.stop();
  await counted?.destroy();
  await database?.destroy();
});
beforeEach(async () => {
  await resetDatabase(database.db);
  app.slack.reset();
});

async function countAckStatements(payload: unknown): Promise<{ body: unknown; statements: string[] }> {
  statements.length = 0;
  const res = await app.send.interaction(payload);
  expect(res.status).toBe(200);
  const body = await res.json();
  return { body, statements: [...statements] };
}

describe('the statements in a submission’s ack', () => {
  it('stores a claim to review, its messages, reminders and audit in at most 6 statements', async () => {
    // The locale is looked up once, then cached: the count is of a professional's usual submission.
    await countAckStatements(buildViewSubmission({ values: buildRefundStateValues({ clientFirstName: 'Primo' }) }));
    const { body, statements: sent } = await countAckStatements(buildViewSubmission());
    expect(body).toMatchObject({ response_action: 'update' });
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(6);
    expect(sent[0]?.toLowerCase()).toBe('begin');
    expect(sent.at(-1)?.toLowerCase()).toBe('commit');

    const claims = await database.db.selectFrom('claims').select(['id', 'client_first_name', 'status']).execute();
    expect(claims).toHaveLength(2);
    const second = claims.find((c) => c.client_first_name !== 'Primo');
    expect(second?.status).toBe('pending_review');
    const events = await claimEvents(database.db, second?.id ?? '');
    expect(events.map((e) => e.kind)).toEqual(['submitted', 'evaluated']);
    const outbox = await database.db
      .selectFrom('outbox')
      .select('kind')
      .where('claim_id', '=', second?.id ?? '')
      .execute();
    expect(outbox.map((m) => m.kind).sort()).toEqual(['home_refresh', 'home_refresh', 'review_post', 'submission_dm']);
    const reminders = await database.db
      .selectFrom('claim_reminders')
      .select('kind')
      .where('claim_id', '=', second?.id ?? '')
      .execute();
    expect(reminders.length).toBeGreaterThan(0);
  });

  it('a replayed submission finds its claim without storing another, in as few statements', async () => {
    const payload = buildViewSubmission();
    await countAckStatements(payload);
    const { body, statements: sent } = await countAckStatements(payload);
    expect(body).toMatchObject({ response_action: 'update' });
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(6);
    expect((await onlyClaim(database.db)).source_view_id).toBe(payload.view.id);
  });
});
