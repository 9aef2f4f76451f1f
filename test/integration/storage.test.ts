import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { createDb, isDatabaseReachable, migrateToLatest } from '../../src/db/database.ts';
import { databaseUrl, withAdmin } from '../support/database.ts';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { enqueueMessages, leaseDueMessages } from '../../src/db/outbox.repository.ts';
import type { StandaloneMessage } from '../../src/domain/message-kinds.ts';
import { buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { eventually, startTestApp } from '../support/test-app.ts';

describe('migrations', () => {
  const name = `${inject('runPrefix')}empty_${Date.now()}`;
  beforeAll(async () => {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  });

  it('two instances migrating an empty database at once both succeed, and the schema is applied once', async () => {
    const a = createDb(databaseUrl(name));
    const b = createDb(databaseUrl(name));
    try {
      const results = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      const applied = results.flatMap((r) => r.results ?? []).filter((r) => r.status === 'Success');
      const all = Object.keys(migrations).sort();
      expect(applied.map((r) => r.migrationName).sort()).toEqual(all);
      const rows = await a
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .execute();
      expect(rows).toHaveLength(all.length);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});

describe('the audit table', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.destroy());

  it('is append-only: the database refuses to rewrite or delete an event', async () => {
    const app = await startTestApp({ database });
    try {
      await app.send.interaction(buildViewSubmission());
      await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
    } finally {
      await app.stop();
    }
    const db = database.db;
    await expect(sql`UPDATE claim_events SET actor = 'someone-else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM claim_events`.execute(db)).rejects.toThrow(/append-only/);
    expect((await db.selectFrom('claim_events').select('kind').execute()).length).toBeGreaterThanOrEqual(3);
  });

  it('survives PostgreSQL killing its connections (a restart, a failover) and keeps serving', async () => {
    const app = await startTestApp({ database });
    try {
      await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues({ clientFirstName: 'Prima' }) }));
      await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
      const killer = createDb(database.url, { max: 1 });
      try {
        for (let round = 0; round < 3; round += 1) {
          await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(killer);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await killer.destroy();
      }
      await eventually(async () => expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200));
      const res = await app.send.interaction(
        buildViewSubmission({ values: buildRefundStateValues({ clientFirstName: 'Dopo', answeredOn: '2026-11-11' }) }),
      );
      expect(((await res.json()) as { response_action: string }).response_action).toBe('update');
      await eventually(async () =>
        expect(
          await database.db.selectFrom('claims').select('status').where('client_first_name', '=', 'Dopo').execute(),
        ).toEqual([{ status: 'pending_review' }]),
      );
    } finally {
      await app.stop();
    }
  });

  it('health is false when the database cannot be reached', async () => {
    const unreachable = createDb('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      expect(await isDatabaseReachable(unreachable)).toBe(false);
      expect(await isDatabaseReachable(database.db)).toBe(true);
    } finally {
      await unreachable.destroy();
    }
  });
});

describe('the outbox', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.destroy());

  it('keeps a message that follows no claim, once per dedupe key, and leases it like any other', async () => {
    const now = new Date('2026-12-01T09:00:00Z');
    // The storage does not depend on the kind: a claim's kind without its claim exercises it.
    const message = { claimId: null, kind: 'home_refresh', variant: '2026-W49' } as unknown as StandaloneMessage;
    await enqueueMessages(database.db, [message, message], now);
    await enqueueMessages(database.db, [message], now);
    const leased = await leaseDueMessages(database.db, {
      now,
      leaseUntil: new Date(now.getTime() + 60_000),
      workerId: 'w',
      limit: 10,
    });
    expect(leased).toEqual([expect.objectContaining({ claimId: null, kind: 'home_refresh', payload: {} })]);
  });
});
