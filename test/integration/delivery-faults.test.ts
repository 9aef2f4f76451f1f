import { describe, expect, it } from 'vitest';
import { leaseDueMessages } from '../../src/db/outbox.repository.ts';
import { OUTBOX_EVENT_TYPE, outboxMetadata } from '../../src/delivery/find-posted-message.ts';
import { buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import type { Reply } from '../../src/sandbox/slack-api-double.ts';
import { withAdmin } from '../support/database.ts';
import { claimEvents, onlyClaim } from '../support/db-helpers.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';

const FRIDAY = new Date('2026-11-20T10:00:00Z');
const shared = useSharedDatabase();
const outboxRows = () => shared.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
const rowOf = async (kind: string) => (await outboxRows()).find((r) => r.kind === kind);
const advance = (app: TestApp, ms: number) => {
  app.clock.now = new Date(app.clock.now.getTime() + ms);
  app.application.worker.wake();
};
const databaseName = () => new URL(shared.database.url).pathname.slice(1);

/** The database refuses every connection and drops the open ones: PostgreSQL gone, for this test's database only. */
async function takeDatabaseAway(): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.query(`ALTER DATABASE "${databaseName()}" WITH ALLOW_CONNECTIONS false`);
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [databaseName()],
    );
  });
}
async function bringDatabaseBack(): Promise<void> {
  await withAdmin((admin) => admin.query(`ALTER DATABASE "${databaseName()}" WITH ALLOW_CONNECTIONS true`));
}

describe('delivery faults: nothing sent twice, nothing stalled', () => {
  it('when the bookkeeping after Slack accepted the review post fails, it is retried: one message in Slack, the row delivered', async () => {
    const app = await start();
    let away = false;
    app.slack.respond('chat.postMessage', async (args) => {
      const answer = app.slack.accept('chat.postMessage', args);
      if (args.channel === REVIEW_CHANNEL && !away) {
        away = true;
        await takeDatabaseAway(); // right after Slack accepted, before the app hears back
        setTimeout(() => void bringDatabaseBack(), 700);
      }
      return answer;
    });
    await app.send.interaction(buildViewSubmission());
    await eventually(async () => expect((await onlyClaim(shared.database.db)).review_message_ts).toBeTruthy(), 10_000);
    await eventually(async () =>
      expect(await rowOf('review_post')).toMatchObject({ status: 'delivered', attempts: 1 }),
    );
    expect(away).toBe(true);

    advance(app, 61_000); // past any lease: a row left leased would be sent again now
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(1);
    const claim = await onlyClaim(shared.database.db);
    expect(claim.review_message_ts).toBe(app.slack.messagesIn(REVIEW_CHANNEL)[0]?.ts);
    expect((await claimEvents(shared.database.db, claim.id)).filter((e) => e.kind === 'posted')).toHaveLength(1);
    await eventually(() => expect(app.logs.filter((l) => l.includes('database reachable again'))).toHaveLength(1));
    expect(app.logs.filter((l) => l.includes('database unreachable'))).toHaveLength(1);
  });

  it('the database going away and coming back is logged once each way by the worker and the sweeper, not once per pass', async () => {
    const app = await start();
    await takeDatabaseAway();
    for (let i = 0; i < 5; i += 1) await app.application.sweeper.tick();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // ~50 worker passes at a 20 ms poll
    await bringDatabaseBack();
    await app.application.sweeper.tick();
    await eventually(
      () => expect(app.logs.filter((l) => l.includes('database reachable again'))).toHaveLength(2),
      5_000,
    );
    const lines = (text: string, source: string) =>
      app.logs.filter((l) => l.includes(text) && l.includes(`"source":"${source}"`));
    for (const source of ['outbox', 'sla-sweeper']) {
      expect(lines('database unreachable', source)).toHaveLength(1);
      expect(lines('database reachable again', source)).toHaveLength(1);
    }
    expect(app.logs.filter((l) => l.includes('"stack"'))).toEqual([]);
  });

  it('a Slack call that hangs holds only its own message: a 429 retry due in 1 s and other DMs go through on time', async () => {
    const app = await start();
    let releaseHang: (reply: Reply) => void = () => undefined;
    const hung = new Promise<Reply>((resolve) => {
      releaseHang = resolve;
    });
    let reviewAttempts = 0;
    app.slack.respond('chat.postMessage', (args) => {
      if (args.channel === 'DUPRO') return hung.then(() => app.slack.accept('chat.postMessage', args));
      if (args.channel === REVIEW_CHANNEL && ++reviewAttempts === 1) {
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
      return app.slack.accept('chat.postMessage', args);
    });
    await app.send.interaction(buildViewSubmission());
    await eventually(() =>
      expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === 'DUPRO')).toHaveLength(1),
    );
    await eventually(() => expect(reviewAttempts).toBe(1));

    const started = Date.now();
    advance(app, 1_500); // the Retry-After has passed
    await app.send.interaction(
      buildViewSubmission({ user: 'UOTHER', values: buildRefundStateValues({ clientFirstName: 'Bruno' }) }),
    );
    await eventually(() => {
      expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(2);
      expect(app.slack.messagesIn('DUOTHER')).toHaveLength(1);
    }, 8_000);
    // Well before the hung call's 15 s timeout (a pass waiting for it would have held them that long).
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(app.slack.messagesIn('DUPRO')).toHaveLength(0); // still hanging

    releaseHang({ body: { ok: true } });
    await eventually(() => expect(app.slack.messagesIn('DUPRO')).toHaveLength(1));
    await eventually(async () => {
      advance(app, 60_000); // past any backoff (two Home refreshes at once may collide and retry)
      expect((await outboxRows()).filter((r) => r.status !== 'delivered')).toEqual([]);
    });
    expect(app.slack.messagesIn('DUPRO')).toHaveLength(1);
  });

  it('a lease is renewed while its call is in flight: another instance does not take the message and send it again', async () => {
    const a = await shared.start({ now: FRIDAY, worker: { leaseMs: 300 } });
    let releaseHang: (reply: Reply) => void = () => undefined;
    const hung = new Promise<Reply>((resolve) => {
      releaseHang = resolve;
    });
    a.slack.respond('chat.postMessage', (args) =>
      args.channel === 'DUPRO'
        ? hung.then(() => a.slack.accept('chat.postMessage', args))
        : a.slack.accept('chat.postMessage', args),
    );
    await a.send.interaction(buildViewSubmission());
    await eventually(() =>
      expect(a.slack.calls('chat.postMessage').filter((c) => c.args.channel === 'DUPRO')).toHaveLength(1),
    );
    a.clock.now = new Date(FRIDAY.getTime() + 10_000); // A lives on: its renewals move the lease to 10.3 s
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Another instance at 5 s: past the first lease (0.3 s), not past the renewed one.
    const b = await shared.start({ now: new Date(FRIDAY.getTime() + 5_000) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.slack.calls('chat.postMessage')).toEqual([]);
    expect(b.slack.calls('conversations.open')).toEqual([]);

    releaseHang({ body: { ok: true } });
    await eventually(async () =>
      expect(await rowOf('submission_dm')).toMatchObject({ status: 'delivered', attempts: 1 }),
    );
    expect(a.slack.messagesIn('DUPRO')).toHaveLength(1);
  });

  it('a lease that expired with the message already in Slack: found by its metadata, not resent; a message not there is sent once', async () => {
    const app = await start();
    await app.application.worker.stop();
    await app.send.interaction(buildViewSubmission());
    await eventually(async () => expect(await rowOf('review_post')).toBeDefined());
    // An instance leased both messages, posted the review post, and died before recording anything.
    const leased = await leaseDueMessages(shared.database.db, {
      now: FRIDAY,
      leaseUntil: new Date(FRIDAY.getTime() + 60_000),
      workerId: 'dead-instance',
      limit: 10,
    });
    const reviewPost = leased.find((m) => m.kind === 'review_post');
    expect(reviewPost).toBeDefined();
    app.slack.accept('chat.postMessage', {
      channel: REVIEW_CHANNEL,
      text: 'RIM-2026-000001',
      metadata: outboxMetadata(reviewPost?.id ?? ''),
    });

    app.application.worker.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(app.slack.calls('chat.postMessage')).toEqual([]); // the lease still holds
    advance(app, 61_000);
    await eventually(async () =>
      expect((await outboxRows()).filter((r) => r.kind !== 'home_refresh').every((r) => r.status === 'delivered')).toBe(
        true,
      ),
    );

    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(1);
    expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === REVIEW_CHANNEL)).toEqual([]);
    expect((await onlyClaim(shared.database.db)).review_message_ts).toBe(app.slack.messagesIn(REVIEW_CHANNEL)[0]?.ts);
    const lookups = app.slack.calls('conversations.history');
    expect(lookups.map((c) => c.args.channel).sort()).toEqual(['CREVIEW', 'DUPRO']);
    expect(lookups.every((c) => c.args.include_all_metadata === 'true')).toBe(true);
    // The DM was not in Slack: sent once, with its metadata.
    expect(app.slack.messagesIn('DUPRO')).toHaveLength(1);
    expect(app.slack.messagesIn('DUPRO')[0]?.metadata).toEqual(
      outboxMetadata((await rowOf('submission_dm'))?.id ?? ''),
    );
  });

  it('an answer lost on the way back (Slack posted, the connection dropped) is found on the next attempt, not posted twice', async () => {
    const app = await start();
    let lost = false;
    app.slack.respond('chat.postMessage', (args) => {
      const answer = app.slack.accept('chat.postMessage', args);
      if (args.channel !== REVIEW_CHANNEL || lost) return answer;
      lost = true;
      return { networkError: 'ECONNRESET' };
    });
    await app.send.interaction(buildViewSubmission());
    await eventually(async () => expect((await rowOf('review_post'))?.attempts).toBe(1));
    advance(app, 5_000); // past the backoff
    await eventually(async () =>
      expect(await rowOf('review_post')).toMatchObject({ status: 'delivered', attempts: 2 }),
    );
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(1);
    expect((await onlyClaim(shared.database.db)).review_message_ts).toBe(app.slack.messagesIn(REVIEW_CHANNEL)[0]?.ts);
    expect(app.logs.some((l) => l.includes('found from an earlier attempt'))).toBe(true);
  });

  it('an answer lost, then a definite refusal before the look-up (429 on conversations.open): the next attempt still looks first, one DM', async () => {
    const app = await start();
    let lost = false;
    app.slack.respond('chat.postMessage', (args) => {
      const answer = app.slack.accept('chat.postMessage', args);
      if (args.channel !== 'DUPRO' || lost) return answer;
      lost = true;
      app.slack.respondInTurn('conversations.open', [
        { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
      ]);
      return { networkError: 'ECONNRESET' };
    });
    await app.send.interaction(buildViewSubmission());
    await eventually(async () => expect((await rowOf('submission_dm'))?.attempts).toBe(1));
    advance(app, 5_000); // past the backoff: the 429
    await eventually(async () => expect((await rowOf('submission_dm'))?.attempts).toBe(2));
    advance(app, 5_000);
    await eventually(async () => expect(await rowOf('submission_dm')).toMatchObject({ status: 'delivered' }));
    expect(app.slack.messagesIn('DUPRO')).toHaveLength(1);
    expect(app.slack.calls('conversations.history').some((c) => c.args.channel === 'DUPRO')).toBe(true);
  });

  it('every message the outbox posts carries its outbox id as metadata', async () => {
    const app = await start();
    await app.send.interaction(buildViewSubmission());
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
    const ids = new Set((await outboxRows()).map((r) => r.id));
    for (const call of app.slack.calls('chat.postMessage')) {
      const metadata = call.args.metadata as { event_type: string; event_payload: { outbox_id: string } };
      expect(metadata.event_type).toBe(OUTBOX_EVENT_TYPE);
      expect(ids.has(metadata.event_payload.outbox_id)).toBe(true);
    }
  });
});

function start() {
  return shared.start({ now: FRIDAY, channelMembers: ['UREVIEWER1', 'UREVIEWER2', 'UPRO', 'UOTHER'] });
}
