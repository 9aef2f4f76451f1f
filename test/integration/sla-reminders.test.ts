import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/database.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { runSlaSweep } from '../../src/use-cases/run-sla-sweep.ts';
import { claimEvents, onlyClaim } from '../support/db-helpers.ts';
import { buildBlockAction, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';
import { useSharedDatabase } from '../support/shared-database.ts';

// Submitted Friday 20 November 2026 at 11:00 in Rome: due Friday 4 December (10 business days).
// Reminders at 09:00 Rome (08:00 UTC): 2 business days left on Wednesday 2 December, the last
// business day on Friday 4 December; the escalation on the next business morning, Monday 7 December.
const SUBMITTED = new Date('2026-11-20T10:00:00Z');
const at = (iso: string) => new Date(iso);

const shared = useSharedDatabase();
const start = (now = SUBMITTED) => shared.start({ now });

async function submitClaim(app: TestApp) {
  await app.send.interaction(buildViewSubmission());
  await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
  // The review message's ts is stored just after Slack answers the post.
  const claim = await eventually(async () => {
    const stored = await onlyClaim(shared.database.db);
    expect(stored.review_message_ts).not.toBeNull();
    return stored;
  });
  app.slack.reset();
  return claim;
}

async function sweepAt(app: TestApp, iso: string): Promise<number> {
  app.clock.now = at(iso);
  return app.application.sweeper.sweepOnce();
}

const threadMessages = (app: TestApp) => app.slack.calls('chat.postMessage').filter((c) => c.args.thread_ts);

describe('reminders before the deadline, escalation after it', () => {
  it('each notice goes out once, on its business day, in the claim’s thread, with the time left', async () => {
    const app = await start();
    const claim = await submitClaim(app);
    expect(claim.review_deadline_on).toBe('2026-12-04');

    expect(await sweepAt(app, '2026-12-02T07:59:00Z')).toBe(0);
    expect(await sweepAt(app, '2026-12-02T08:00:00Z')).toBe(1);
    await eventually(() => expect(threadMessages(app)).toHaveLength(1));
    const [twoDays] = threadMessages(app);
    expect(twoDays?.args).toMatchObject({ channel: REVIEW_CHANNEL, thread_ts: claim.review_message_ts });
    expect(String(twoDays?.args.text)).toContain('Restano 2 giorni lavorativi');
    expect(String(twoDays?.args.text)).toContain('4 dicembre 2026');

    expect(await sweepAt(app, '2026-12-03T12:00:00Z')).toBe(0);
    expect(await sweepAt(app, '2026-12-04T08:00:00Z')).toBe(1);
    await eventually(() => expect(threadMessages(app)).toHaveLength(2));
    expect(String(threadMessages(app)[1]?.args.text)).toContain('Ultimo giorno lavorativo');

    expect(await sweepAt(app, '2026-12-05T12:00:00Z')).toBe(0); // Saturday: the team hears on Monday
    expect(await sweepAt(app, '2026-12-07T08:00:00Z')).toBe(1);
    await eventually(() => expect(threadMessages(app)).toHaveLength(3));
    const escalation = threadMessages(app)[2];
    // Form-encoded by the Web API client: the boolean arrives as the string Slack parses.
    expect(escalation?.args).toMatchObject({ thread_ts: claim.review_message_ts, reply_broadcast: 'true' });
    expect(String(escalation?.args.text)).toMatch(/^<!here> .*RIM-2026-000001.*scadenza/);

    expect(await sweepAt(app, '2026-12-20T08:00:00Z')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(threadMessages(app)).toHaveLength(3);
    const kinds = (await claimEvents(shared.database.db, claim.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'reminded')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'escalated')).toHaveLength(1);
  });

  it('a decided claim gets no reminder and no escalation', async () => {
    const app = await start();
    const claim = await submitClaim(app);
    await app.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }));
    await eventually(() => {
      expect(app.slack.calls('chat.update')).toHaveLength(1);
      expect(app.slack.calls('chat.postMessage')).toHaveLength(1);
    });
    app.slack.reset();
    expect(await sweepAt(app, '2026-12-20T08:00:00Z')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
  });

  it('a reminder queued just before the decision is not sent', async () => {
    const app = await start();
    const claim = await submitClaim(app);
    await app.application.worker.stop();
    expect(await sweepAt(app, '2026-12-02T08:00:00Z')).toBe(1);
    await app.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }));
    await eventually(async () => expect((await onlyClaim(shared.database.db)).status).toBe('approved'));
    app.application.worker.start();
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(threadMessages(app)).toEqual([]);
  });

  it('two sweeps at once, on two connections, queue one reminder', async () => {
    const app = await start();
    await submitClaim(app);
    const other = createDb(shared.database.url);
    app.clock.now = at('2026-12-02T09:00:00Z');
    try {
      const clock = () => app.clock.now;
      const counts = await Promise.all([
        runSlaSweep({ db: shared.database.db, clock }),
        runSlaSweep({ db: other, clock }),
        runSlaSweep({ db: other, clock }),
      ]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await other.destroy();
    }
    app.application.worker.wake();
    await eventually(() => expect(threadMessages(app)).toHaveLength(1));
  });

  it('a restart between two sweeps repeats nothing', async () => {
    const first = await start();
    await submitClaim(first);
    expect(await sweepAt(first, '2026-12-02T08:30:00Z')).toBe(1);
    await eventually(() => expect(threadMessages(first)).toHaveLength(1));
    await shared.stop(first);

    const second = await start();
    expect(await sweepAt(second, '2026-12-02T10:00:00Z')).toBe(0);
    expect(await sweepAt(second, '2026-12-04T08:00:00Z')).toBe(1);
    await eventually(() => expect(threadMessages(second)).toHaveLength(1));
    expect(String(threadMessages(second)[0]?.args.text)).toContain('Ultimo giorno');
  });

  it('the sweep runs at start-up: a notice that fell due while no instance ran goes out when one starts', async () => {
    const first = await start();
    await submitClaim(first);
    await shared.stop(first);

    const app = await start(at('2026-12-02T09:00:00Z'));
    await eventually(() => expect(threadMessages(app)).toHaveLength(1));
  });
});
