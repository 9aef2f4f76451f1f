import { describe, expect, it } from 'vitest';
import { leaseDueMessages } from '../../src/db/outbox.repository.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { claimEvents, onlyClaim } from '../support/db-helpers.ts';
import { buildBlockAction, buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';
import { useSharedDatabase } from '../support/shared-database.ts';

const FRIDAY = new Date('2026-11-20T10:00:00Z');
const shared = useSharedDatabase();
const start = (now = FRIDAY, worker?: { batchSize: number }) => shared.start({ now, ...(worker ? { worker } : {}) });

const outboxRows = () => shared.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
const advance = (app: TestApp, ms: number) => {
  app.clock.now = new Date(app.clock.now.getTime() + ms);
  app.application.worker.wake();
};
/** Waits until the worker has recorded `n` attempts of the review post (not just sent the request). */
const reviewPostAttempts = (n: number) =>
  eventually(async () => expect((await outboxRows()).find((r) => r.kind === 'review_post')?.attempts).toBe(n));
const reviewPosts = (app: TestApp) =>
  app.slack.calls('chat.postMessage').filter((c) => c.args.channel === REVIEW_CHANNEL);

describe('durable delivery of Slack messages', () => {
  it('503, then 429 with Retry-After, then a network error, then 200: the review post goes out once, and the DM is not held up', async () => {
    const app = await start();
    let reviewAttempts = 0;
    app.slack.respond('chat.postMessage', (args) => {
      if (args.channel !== REVIEW_CHANNEL)
        return { body: { ok: true, channel: args.channel, ts: '1700000000.000500' } };
      reviewAttempts += 1;
      if (reviewAttempts === 1) return { status: 503, body: { ok: false } };
      if (reviewAttempts === 2)
        return { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } };
      if (reviewAttempts === 3) return { networkError: 'ECONNRESET' };
      return { body: { ok: true, channel: args.channel, ts: '1700000000.000900' } };
    });

    await app.send.interaction(buildViewSubmission());
    // The DM travels in its own lane: delivered while the review post is still failing.
    await eventually(() => expect(app.slack.calls('conversations.open')).toHaveLength(1));
    await reviewPostAttempts(1);

    advance(app, 5_000); // past the first backoff (2 s ± 20 %)
    await reviewPostAttempts(2);

    advance(app, 20_000); // Retry-After says 30 s: not yet
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(reviewAttempts).toBe(2);

    advance(app, 15_000); // now past it
    await reviewPostAttempts(3);

    advance(app, 15_000); // past the third backoff (8 s ± 20 %)
    await eventually(async () =>
      expect((await onlyClaim(shared.database.db)).review_message_ts).toBe('1700000000.000900'),
    );
    expect(reviewAttempts).toBe(4);

    // The review message's ts is recorded just before the outbox row is finished: wait for both.
    await eventually(async () => {
      const [row] = (await outboxRows()).filter((r) => r.kind === 'review_post');
      expect(row).toMatchObject({ status: 'delivered', attempts: 4 });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reviewAttempts).toBe(4);
    expect(app.logs.some((l) => l.includes('rate_limited (retry after 30s)'))).toBe(true);
  });

  it('a message that keeps failing is given up after the bounded time, with the failure in the audit', async () => {
    const app = await start();
    app.slack.respond('conversations.open', () => ({ status: 500, body: { ok: false } }));
    await app.send.interaction(buildViewSubmission());
    await eventually(() => expect(app.slack.calls('conversations.open').length).toBeGreaterThanOrEqual(1));
    advance(app, 25 * 3_600_000); // past DELIVERY_GIVE_UP_HOURS (24)
    await eventually(async () => {
      const dm = (await outboxRows()).find((r) => r.kind === 'submission_dm');
      expect(dm).toMatchObject({ status: 'failed' });
      expect(dm?.last_error).toContain('gave up');
    });
    const claim = await onlyClaim(shared.database.db);
    await eventually(async () =>
      expect(await claimEvents(shared.database.db, claim.id)).toContainEqual(
        expect.objectContaining({
          kind: 'delivery_failed',
          details: expect.objectContaining({ message: 'submission_dm' }),
        }),
      ),
    );
    const attempts = app.slack.calls('conversations.open').length;
    advance(app, 3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.slack.calls('conversations.open')).toHaveLength(attempts);
  });

  it('when the app stops between a decision and its DM, the DM is delivered after the restart', async () => {
    const first = await start();
    await first.send.interaction(buildViewSubmission());
    await eventually(() => expect(first.slack.calls('chat.postMessage')).toHaveLength(2));
    const claim = await onlyClaim(shared.database.db);

    await first.application.worker.stop(); // nothing will be delivered by this instance any more
    await first.send.interaction(
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }),
    );
    await eventually(async () => expect((await onlyClaim(shared.database.db)).status).toBe('approved'));
    await shared.stop(first);
    expect(first.slack.calls('chat.update')).toEqual([]);

    const second = await start();
    await eventually(() => {
      expect(second.slack.calls('chat.postMessage')).toHaveLength(1);
      expect(second.slack.calls('chat.update')).toHaveLength(1);
    });
    expect(String(second.slack.calls('chat.postMessage')[0]?.args.text)).toContain('approvata');
  });

  it('a message leased by an instance that crashed mid-send is delivered once its lease runs out', async () => {
    const app = await start();
    await app.application.worker.stop();
    await app.send.interaction(buildViewSubmission());
    await eventually(async () => expect((await outboxRows()).map((r) => r.kind)).toContain('review_post'));
    // Another instance took the messages (the head of each lane) and died before finishing them.
    const leased = await leaseDueMessages(shared.database.db, {
      now: FRIDAY,
      leaseUntil: new Date(FRIDAY.getTime() + 60_000),
      workerId: 'crashed-instance',
      limit: 10,
    });
    expect(leased.map((m) => m.kind)).toEqual(expect.arrayContaining(['review_post', 'submission_dm']));

    const other = await start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(other.slack.calls('chat.postMessage')).toEqual([]); // the lease still holds
    advance(other, 61_000);
    await eventually(() => expect(other.slack.calls('chat.postMessage')).toHaveLength(2));
  });

  it('two instances on one database deliver each message of a whole claim exactly once', async () => {
    const a = await start();
    const b = await start();
    const everyCall = (method: string) => [...a.slack.calls(method), ...b.slack.calls(method)];

    await a.send.interaction(buildViewSubmission());
    await eventually(() => expect(everyCall('chat.postMessage')).toHaveLength(2));
    const claim = await onlyClaim(shared.database.db);
    await b.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }));
    await eventually(() => {
      expect(everyCall('chat.postMessage')).toHaveLength(3);
      expect(everyCall('chat.update')).toHaveLength(1);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(everyCall('chat.postMessage')).toHaveLength(3);
    expect(everyCall('conversations.open')).toHaveLength(2);
    await eventually(async () =>
      expect(new Set((await outboxRows()).map((r) => r.status))).toEqual(new Set(['delivered'])),
    );
    const kinds = (await outboxRows()).map((r) => r.kind).filter((k) => k !== 'home_refresh');
    expect(kinds.sort()).toEqual(['decision_dm', 'refund_webhook', 'review_post', 'review_update', 'submission_dm']);
    expect(reviewPosts(a).length + reviewPosts(b).length).toBe(1);
  });

  it('a backlog of Home refreshes for one person costs one publish, not one per change', async () => {
    const app = await start(FRIDAY, { batchSize: 1 });
    await app.application.worker.stop();
    for (const name of ['Anna', 'Bruno', 'Carla', 'Dario', 'Elena']) {
      await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues({ clientFirstName: name }) }));
    }
    await eventually(async () =>
      expect((await outboxRows()).filter((r) => r.kind === 'home_refresh')).toHaveLength(10),
    );
    app.application.worker.start();
    await eventually(async () => expect((await outboxRows()).every((r) => r.status === 'delivered')).toBe(true));
    // Five changes, two refreshes each (UPRO's Home; every reviewer's queue, UPRO being a channel
    // member here too): without coalescing, 5 × (1 + 3) publishes; with it, one per person and kind.
    const publishes = app.slack.calls('views.publish');
    expect(publishes.map((c) => c.args.user_id).sort()).toEqual(['UPRO', 'UPRO', 'UREVIEWER1', 'UREVIEWER2']);
    for (const publish of publishes) expect(JSON.stringify(publish.args.view)).toContain('RIM-2026-000005');
  });
});
