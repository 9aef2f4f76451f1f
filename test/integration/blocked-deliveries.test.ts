import { describe, expect, it } from 'vitest';
import { runOutboxCommand } from '../../src/delivery/outbox-cli.ts';
import { buildEventEnvelope, buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { REVIEWER_HOME_BLOCKED_BLOCK_ID } from '../../src/slack/views/home-view.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';

const FRIDAY = new Date('2026-11-20T10:00:00Z');
const shared = useSharedDatabase();
const start = () => shared.start({ now: FRIDAY });
const outboxRows = () => shared.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
const rowsOf = async (kind: string) => (await outboxRows()).filter((r) => r.kind === kind);
const events = (kind: string) =>
  shared.database.db.selectFrom('claim_events').selectAll().where('kind', '=', kind).orderBy('id').execute();
const advance = (app: TestApp, ms: number) => {
  app.clock.now = new Date(app.clock.now.getTime() + ms);
  app.application.worker.wake();
};
const submitTwoClaims = async (app: TestApp) => {
  await app.send.interaction(buildViewSubmission());
  await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues({ clientFirstName: 'Bruno' }) }));
};
const refuseReviewChannel = (app: TestApp, error: string) =>
  app.slack.respond('chat.postMessage', (args) =>
    args.channel === REVIEW_CHANNEL ? { body: { ok: false, error } } : app.slack.accept('chat.postMessage', args),
  );
const botJoins = (app: TestApp, channel = REVIEW_CHANNEL, user = 'UBOT') =>
  app.send.event(buildEventEnvelope({ type: 'member_joined_channel', user, channel, channel_type: 'C', team: 'T1' }));
const bannerFor = (app: TestApp, user: string) => {
  const publishes = app.slack.calls('views.publish').filter((c) => c.args.user_id === user);
  const view = publishes.at(-1)?.args.view as
    { blocks: Array<{ block_id?: string; text?: { text: string } }> } | undefined;
  return view?.blocks.find((b) => b.block_id === REVIEWER_HOME_BLOCKED_BLOCK_ID)?.text?.text;
};

describe('no stranded claim: messages Slack refuses for a cause a person must fix wait as blocked', () => {
  it('the bot not in the review channel: posts wait blocked (not given up), Home says so, and go out once when the bot joins', async () => {
    const app = await start();
    refuseReviewChannel(app, 'not_in_channel');
    await submitTwoClaims(app);
    await eventually(async () =>
      expect((await rowsOf('review_post')).map((r) => [r.status, r.blocked_reason])).toEqual([
        ['blocked', 'not_in_channel'],
        ['blocked', 'not_in_channel'],
      ]),
    );
    expect(app.logs.filter((l) => l.includes('blocked until a person fixes its cause'))).toHaveLength(1);
    expect(await events('delivery_blocked')).toHaveLength(2);
    await eventually(() => expect(bannerFor(app, 'UREVIEWER1')).toContain('2 messaggi bloccati'));
    expect(bannerFor(app, 'UREVIEWER1')).toContain('invita il bot nel canale delle revisioni');
    const notReady = await fetch(`${app.baseUrl}/readyz`);
    expect(notReady.status).toBe(503);
    expect(
      ((await notReady.json()) as { checks: Record<string, { ok: boolean; problem?: string }> }).checks
        .no_message_blocked,
    ).toEqual({
      ok: false,
      problem: '2 message(s) blocked: 2 not_in_channel (npm run outbox -- list)',
    });

    advance(app, 25 * 3_600_000); // past DELIVERY_GIVE_UP_HOURS: still waiting, never given up
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await rowsOf('review_post')).map((r) => r.status)).toEqual(['blocked', 'blocked']);
    expect(await events('delivery_failed')).toEqual([]);

    app.slack.reset(); // the bot is in the channel now: Slack accepts
    await botJoins(app, 'COTHER'); // another channel: nothing moves
    await botJoins(app, REVIEW_CHANNEL, 'USOMEONE'); // someone else joining: nothing moves
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toEqual([]);

    expect((await botJoins(app)).status).toBe(200);
    await eventually(async () =>
      expect((await rowsOf('review_post')).map((r) => r.status)).toEqual(['delivered', 'delivered']),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(2);
    expect((await events('delivery_retried')).map((e) => (e.details as { trigger: string }).trigger)).toEqual([
      'bot_joined_channel',
      'bot_joined_channel',
    ]);
    await eventually(() => expect(bannerFor(app, 'UREVIEWER1')).toBeUndefined());
    const ready = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.checks.no_message_blocked).toEqual({ ok: true });
    expect(app.logs.some((l) => l.includes('slack delivery resumed'))).toBe(true);
  });

  it('an operator lists what is blocked and why, and `npm run outbox -- retry` sends it once the cause is fixed', async () => {
    const app = await start();
    refuseReviewChannel(app, 'is_archived');
    await app.send.interaction(buildViewSubmission());
    await eventually(async () => expect((await rowsOf('review_post'))[0]?.status).toBe('blocked'));

    const out: string[] = [];
    expect(await runOutboxCommand(shared.database.db, ['list'], app.clock.now, (l) => out.push(l))).toBe(0);
    expect(out[0]).toBe('1 blocked: 1 is_archived');
    expect(out[1]).toMatch(/#\d+\s+review_post\s+RIM-2026-000001\s+is_archived/);

    expect(await runOutboxCommand(shared.database.db, ['retry', 'x'], app.clock.now, () => undefined)).toBe(2);
    app.slack.reset(); // the channel is unarchived
    out.length = 0;
    expect(
      await runOutboxCommand(shared.database.db, ['retry', '--cause', 'is_archived'], app.clock.now, (l) =>
        out.push(l),
      ),
    ).toBe(0);
    expect(out[0]).toMatch(/^1 released/);
    await eventually(async () => expect((await rowsOf('review_post'))[0]?.status).toBe('delivered'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(1);
    const [retried] = await events('delivery_retried');
    expect(retried?.actor).toMatch(/^operator:/);
    out.length = 0;
    await runOutboxCommand(shared.database.db, ['list'], app.clock.now, (l) => out.push(l));
    expect(out).toEqual(['No message is blocked.']);
  });

  it('a revoked token pauses delivery without crashing; once it works again, everything goes out once', async () => {
    const app = await start();
    const revoked = { body: { ok: false, error: 'token_revoked' } };
    for (const method of [
      'chat.postMessage',
      'conversations.open',
      'views.publish',
      'users.info',
      'conversations.members',
    ]) {
      app.slack.respond(method, () => revoked);
    }
    await app.send.interaction(buildViewSubmission());
    await eventually(async () =>
      expect((await outboxRows()).filter((r) => r.status === 'blocked').length).toBeGreaterThanOrEqual(1),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const callsWhilePaused = app.slack.calls().length;
    // A new claim while paused: accepted and stored, its messages wait; the worker does not hammer Slack.
    await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues({ clientFirstName: 'Bruno' }) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      app.slack.calls('chat.postMessage').length + app.slack.calls('conversations.open').length,
    ).toBeLessThanOrEqual(callsWhilePaused);
    expect(app.logs.filter((l) => l.includes('blocked until a person fixes its cause'))).toHaveLength(1);

    app.slack.reset(); // a new token is installed
    await app.application.worker.recheckBlocked(); // the periodic re-check
    await eventually(async () => {
      advance(app, 5_000); // past any backoff (two Home refreshes at once may collide and retry)
      expect((await outboxRows()).filter((r) => r.status !== 'delivered')).toEqual([]);
    }, 8_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(2);
    expect(app.slack.messagesIn('DUPRO')).toHaveLength(2);
  });
});
