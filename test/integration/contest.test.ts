import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { buildBlockAction, buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { CONTEST_ACTION_ID } from '../../src/slack/messages/contest-button.ts';
import { CONTEST_MODAL } from '../../src/slack/views/contest-modal.ts';
import { outboxMetadata } from '../../src/delivery/find-posted-message.ts';
import { claimEvents, onlyClaim } from '../support/db-helpers.ts';
import { leaseAsDeadInstance, outliveDeadLease } from '../support/dead-instance.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';

// Friday 20 November 2026, 11:00 in Rome.
const NOW = new Date('2026-11-20T10:00:00Z');
const shared = useSharedDatabase();

/** Received on 10 October: day 41, refused by the policy. */
async function refusedClaim(app: TestApp) {
  const res = await app.send.interaction(
    buildViewSubmission({ values: buildRefundStateValues({ receivedOn: '2026-10-10', answeredOn: '2026-10-11' }) }),
  );
  const ack = (await res.json()) as { response_action: string; view: { blocks: unknown[] } };
  const claim = await onlyClaim(shared.database.db);
  expect(claim.status).toBe('ineligible');
  return { ack, claim };
}

const contestValues = (reason: string) => ({
  [CONTEST_MODAL.blockId]: { [CONTEST_MODAL.actionId]: { type: 'plain_text_input', value: reason } },
});
async function contest(
  app: TestApp,
  claimId: string,
  options: { user?: string; viewId?: string; reason?: string } = {},
) {
  const res = await app.send.interaction(
    buildViewSubmission({
      user: options.user,
      viewId: options.viewId,
      callbackId: CONTEST_MODAL.callbackId,
      privateMetadata: JSON.stringify({ claimId }),
      values: contestValues(options.reason ?? 'Il cliente mi ha scritto solo ieri: la richiesta era ferma.'),
    }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { response_action: string; errors?: Record<string, string>; view?: unknown };
}
const reviewPosts = (app: TestApp) =>
  app.slack.calls('chat.postMessage').filter((c) => c.args.channel === REVIEW_CHANNEL);

describe('asking for a review of a refused claim (“Chiedi una verifica”)', () => {
  it('the result view and the DM of an ineligible claim offer it; the claimant’s click opens the reason’s modal', async () => {
    const app = await shared.start({ now: NOW });
    const { ack, claim } = await refusedClaim(app);
    expect(JSON.stringify(ack.view.blocks)).toContain(CONTEST_ACTION_ID);
    expect(JSON.stringify(ack.view.blocks)).toContain(claim.id);
    const dm = await eventually(() => {
      const sent = app.slack.calls('chat.postMessage').find((c) => c.args.channel === 'DUPRO');
      expect(sent).toBeDefined();
      return sent;
    });
    expect(JSON.stringify(dm?.args.blocks)).toContain('Chiedi una verifica');

    await app.send.interaction(
      buildBlockAction({ actionId: CONTEST_ACTION_ID, value: claim.id, user: 'UPRO', channel: 'DUPRO' }),
    );
    const opened = await eventually(() => {
      const call = app.slack.calls('views.open').at(-1);
      expect(call).toBeDefined();
      return call?.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    });
    expect(opened.callback_id).toBe(CONTEST_MODAL.callbackId);
    expect(JSON.parse(opened.private_metadata)).toEqual({ claimId: claim.id });
    expect(JSON.stringify(opened.blocks)).toContain('il rimborso si può chiedere entro 30 giorni');
  });

  it('a contested claim reaches the review channel marked as such, with the rule and the reason, under the usual SLA; a second contest is refused', async () => {
    const app = await shared.start({ now: NOW });
    const { claim } = await refusedClaim(app);
    // Contested the next Monday: the deadline counts 10 business days from the contest.
    app.clock.now = new Date('2026-11-23T09:00:00Z');
    const ack = await contest(app, claim.id);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('entro *il 7 dicembre 2026*');

    const stored = await onlyClaim(shared.database.db);
    expect(stored).toMatchObject({
      status: 'pending_review',
      contest_reason: 'Il cliente mi ha scritto solo ieri: la richiesta era ferma.',
      review_deadline_on: '2026-12-07',
    });
    expect(stored.verdict).toMatchObject({ kind: 'ineligible', rule: 'window_expired' });
    expect(
      await shared.database.db.selectFrom('claim_reminders').select('kind').where('claim_id', '=', claim.id).execute(),
    ).not.toEqual([]);

    await eventually(() => expect(reviewPosts(app)).toHaveLength(1));
    const post = reviewPosts(app)[0];
    expect(String(post?.args.text)).toContain('verifica richiesta');
    const blocks = JSON.stringify(post?.args.blocks);
    expect(blocks).toContain('Verifica richiesta dal professionista');
    expect(blocks).toContain('il rimborso si può chiedere entro 30 giorni');
    expect(blocks).toContain('la richiesta era ferma');
    expect(blocks).toContain(APPROVE_ACTION_ID);
    await eventually(() =>
      expect(
        app.slack
          .calls('chat.postMessage')
          .some((c) => c.args.channel === 'DUPRO' && String(c.args.text).includes('Hai chiesto una verifica')),
      ).toBe(true),
    );
    expect((await claimEvents(shared.database.db, claim.id)).map((e) => e.kind)).toContain('contested');

    const again = await contest(app, claim.id, { reason: 'Ci riprovo con un altro motivo, per favore.' });
    expect(again.response_action).toBe('errors');
    expect(Object.values(again.errors ?? {})[0]).toContain('Hai già chiesto una verifica');
    expect((await onlyClaim(shared.database.db)).contest_reason).toBe(
      'Il cliente mi ha scritto solo ieri: la richiesta era ferma.',
    );

    // Reviewers decide as for any claim.
    await eventually(async () => expect((await onlyClaim(shared.database.db)).review_message_ts).not.toBeNull());
    await app.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }));
    await eventually(async () => expect((await onlyClaim(shared.database.db)).status).toBe('approved'));
  });

  it('two contests sent at once, and one sent twice, contest the claim exactly once', async () => {
    const app = await shared.start({ now: NOW });
    const { claim } = await refusedClaim(app);
    const acks = await Promise.all([
      contest(app, claim.id, { viewId: 'VSAME0001' }),
      contest(app, claim.id, { viewId: 'VSAME0001' }),
      contest(app, claim.id, { viewId: 'VOTHER001' }),
      contest(app, claim.id, { viewId: 'VOTHER002' }),
    ]);
    // One view wins; sent twice, the winner is told twice; every other view is refused.
    const winner = (await onlyClaim(shared.database.db)).contest_source_view_id;
    const updates = winner === 'VSAME0001' ? 2 : 1;
    expect(acks.filter((a) => a.response_action === 'update')).toHaveLength(updates);
    expect(acks.filter((a) => a.response_action === 'errors')).toHaveLength(4 - updates);
    expect((await claimEvents(shared.database.db, claim.id)).filter((e) => e.kind === 'contested')).toHaveLength(1);
    await eventually(() => expect(reviewPosts(app)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reviewPosts(app)).toHaveLength(1);
    expect(
      await shared.database.db.selectFrom('outbox').select('kind').where('kind', '=', 'review_post').execute(),
    ).toHaveLength(1);
  });

  it('only the claimant may contest: anyone else is told so and nothing changes', async () => {
    const app = await shared.start({ now: NOW });
    const { claim } = await refusedClaim(app);
    const ack = await contest(app, claim.id, { user: 'UOTHER' });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { [CONTEST_MODAL.blockId]: 'Solo chi ha inviato la segnalazione può chiederne la verifica.' },
    });
    expect((await onlyClaim(shared.database.db)).status).toBe('ineligible');

    await app.send.interaction(
      buildBlockAction({ actionId: CONTEST_ACTION_ID, value: claim.id, user: 'UOTHER', channel: 'DUOTHER' }),
    );
    const opened = await eventually(() => {
      const call = app.slack.calls('views.open').at(-1);
      expect(call).toBeDefined();
      return call?.args.view as { callback_id?: string; blocks: unknown[] };
    });
    expect(opened.callback_id).toBeUndefined();
    expect(JSON.stringify(opened.blocks)).toContain('Solo chi ha inviato la segnalazione');
  });

  it('a claim to review cannot be contested, and a reason too short is a field error', async () => {
    const app = await shared.start({ now: NOW });
    await app.send.interaction(buildViewSubmission());
    const claim = await onlyClaim(shared.database.db);
    expect((await contest(app, claim.id)).errors?.[CONTEST_MODAL.blockId]).toContain('è già all’esame del team');
    expect((await contest(app, claim.id, { reason: 'no' })).errors?.[CONTEST_MODAL.blockId]).toBe(
      'Scrivi almeno 10 caratteri.',
    );
  });

  it('a contest DM whose lease expired with the DM already in Slack is found by its metadata, not sent again; its audit is written once', async () => {
    const app = await shared.start({ now: NOW });
    const { claim } = await refusedClaim(app);
    await eventually(async () =>
      expect(
        await shared.database.db.selectFrom('outbox').select('status').where('status', '!=', 'delivered').execute(),
      ).toEqual([]),
    );
    await app.application.worker.stop();
    expect((await contest(app, claim.id)).response_action).toBe('update');
    const contestDm = await leaseAsDeadInstance(shared.database.db, app.clock.now, 'contest_dm');
    app.slack.accept('chat.postMessage', {
      channel: 'DUPRO',
      text: 'verifica',
      metadata: outboxMetadata(contestDm.id),
    });

    outliveDeadLease(app);
    await eventually(async () =>
      expect(
        await shared.database.db
          .selectFrom('outbox')
          .select('status')
          .where('id', '=', contestDm.id)
          .executeTakeFirst(),
      ).toEqual({ status: 'delivered' }),
    );
    const sentWithItsId = app.slack
      .messagesIn('DUPRO')
      .filter((m) => m.metadata?.event_payload.outbox_id === contestDm.id);
    expect(sentWithItsId).toHaveLength(1);
    expect(app.slack.calls('conversations.history').some((c) => c.args.channel === 'DUPRO')).toBe(true);
    const notified = (await claimEvents(shared.database.db, claim.id)).filter(
      (e) => e.kind === 'notified' && (e.details as { message?: string }).message === 'contest_dm',
    );
    expect(notified).toHaveLength(1);
  });
});
