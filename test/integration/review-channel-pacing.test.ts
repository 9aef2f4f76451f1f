import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { REVIEW_CHANNEL, eventually, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Slack takes about one post per second per channel, with short bursts, and answers 429 beyond. The
 * stand-in here does the same (faster, to keep the test short): more than the pace plus its burst in
 * any second is a 429. A burst of claims must reach the review channel without one.
 */
const PACE = { perSecond: 10, burst: 3 };
const CLAIMS = 30;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    now: new Date('2026-11-20T10:00:00Z'),
    // A short lease: pacing must not keep messages leased while they wait for their turn.
    worker: { reviewChannelPacing: PACE, leaseMs: 300 },
  });
});
afterAll(async () => app?.stop());

describe('posts to the review channel are paced', () => {
  it('a burst of claims reaches the review channel without a 429, each once, while the DMs go out at once', async () => {
    const reviewPostsAt: number[] = [];
    const dmsAt: number[] = [];
    let rateLimited = 0;
    app.slack.respond('chat.postMessage', (args) => {
      const now = performance.now();
      if (args.channel !== REVIEW_CHANNEL) {
        dmsAt.push(now);
        return app.slack.accept('chat.postMessage', args);
      }
      const lastSecond = reviewPostsAt.filter((at) => at > now - 1_000).length;
      if (lastSecond >= PACE.perSecond + PACE.burst) {
        rateLimited += 1;
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
      reviewPostsAt.push(now);
      return app.slack.accept('chat.postMessage', args);
    });

    const sent = await Promise.all(
      Array.from({ length: CLAIMS }, (_, i) =>
        app.send.interaction(
          buildViewSubmission({ user: `UPRO${i}`, values: buildRefundStateValues({ clientFirstName: `Cliente${i}` }) }),
        ),
      ),
    );
    expect(sent.map((res) => res.status)).toEqual(Array(CLAIMS).fill(200));

    await eventually(() => expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(CLAIMS), 20_000);
    await eventually(() => expect(dmsAt).toHaveLength(CLAIMS));
    expect(rateLimited).toBe(0);
    // Paced, not all at once: 30 posts at 10/s after a burst of 3 take well over two seconds.
    expect((reviewPostsAt.at(-1) ?? 0) - (reviewPostsAt[0] ?? 0)).toBeGreaterThan(2_000);
    // The DMs, one channel each, did not wait for the review channel's pace.
    expect(Math.max(...dmsAt)).toBeLessThan(reviewPostsAt.at(-1) ?? 0);

    // Each sent once, and recorded: no lease ran out while a post waited for its turn.
    await eventually(async () => {
      const reviewRows = await app.database.db
        .selectFrom('outbox')
        .select(['status', 'attempts'])
        .where('kind', '=', 'review_post')
        .execute();
      expect(reviewRows).toEqual(Array(CLAIMS).fill({ status: 'delivered', attempts: 1 }));
    });
  });
});
