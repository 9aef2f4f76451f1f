import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { REJECT_MODAL_CALLBACK_ID } from '../../src/slack/views/reject-modal.ts';
import { claimEvents, onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import {
  buildBlockAction,
  buildRefundStateValues,
  buildSlashCommand,
  buildViewSubmission,
} from '../../src/sandbox/slack-payloads.ts';
import { REVIEW_CHANNEL, eventually, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  // Friday 20 November 2026, 11:00 in Rome.
  app = await startTestApp({ now: new Date('2026-11-20T10:00:00Z') });
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.slack.reset();
});

function blocksText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}

async function submitEligibleClaim() {
  const res = await app.send.interaction(buildViewSubmission());
  expect(res.status).toBe(200);
  const ack = (await res.json()) as { response_action: string; view: unknown };
  await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
  // The review message's ts is stored just after Slack answers the post.
  const claim = await eventually(async () => {
    const stored = await onlyClaim(app.database.db);
    expect(stored.review_message_ts).not.toBeNull();
    return stored;
  });
  // The confirmation DM's audit is written with its delivery, just after Slack answers it.
  await eventually(async () =>
    expect((await claimEvents(app.database.db, claim.id)).map((e) => e.kind)).toContain('notified'),
  );
  return { ack, claim };
}

function findRejectModal(): {
  private_metadata: string;
  blocks: Array<{ block_id?: string; element?: { action_id?: string } }>;
} {
  const opened = app.slack.calls('views.open').at(-1);
  return opened?.args.view as never;
}

describe('a claim from /rimborso to the professional’s DM', () => {
  it('opens the refund modal with the command’s trigger id before anything else', async () => {
    const command = buildSlashCommand();
    const res = await app.send.slashCommand(command);
    expect(res.status).toBe(200);
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    const [open] = app.slack.calls('views.open');
    expect(open?.args.trigger_id).toBe(command.trigger_id);
    expect(open?.args.view).toMatchObject({ type: 'modal', callback_id: 'refund_claim' });
    expect(await app.database.db.selectFrom('claims').select('id').execute()).toEqual([]);
  });

  it('tells the professional when the modal cannot open (an expired trigger), and stores nothing', async () => {
    app.slack.respond('views.open', () => ({ body: { ok: false, error: 'expired_trigger_id' } }));
    const res = await app.send.slashCommand(buildSlashCommand());
    expect(res.status).toBe(200);
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    expect(app.slack.calls('response_url')[0]?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(app.slack.calls('response_url')[0]?.args.text)).toContain('Riprova');
    // The error reaches app.error (and the log) just after the ephemeral answer went out.
    await eventually(() => expect(app.logs.some((line) => line.includes('expired_trigger_id'))).toBe(true));
  });

  it('stores an eligible claim, posts it for review, confirms by DM, and an approval returns the credits', async () => {
    const { ack, claim } = await submitEligibleClaim();
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('RIM-2026-000001');

    expect(claim).toMatchObject({
      reference: 'RIM-2026-000001',
      status: 'pending_review',
      professional_id: 'UPRO',
      credits: 12,
      review_deadline_on: '2026-12-04', // ten business days after Friday 20 November
      review_channel_id: REVIEW_CHANNEL,
    });
    expect(claim.review_message_ts).toMatch(/^\d+\.\d+$/);

    // The review post and the DM travel in separate lanes: either may arrive first.
    const review = app.slack.calls('chat.postMessage').find((c) => c.args.channel === REVIEW_CHANNEL);
    const dm = app.slack.calls('chat.postMessage').find((c) => c.args.channel !== REVIEW_CHANNEL);
    expect(review?.args.channel).toBe(REVIEW_CHANNEL);
    expect(blocksText(review?.args.blocks)).toContain(APPROVE_ACTION_ID);
    expect(blocksText(review?.args.blocks)).toContain(claim.id);
    expect(String(review?.args.text)).toContain('RIM-2026-000001');
    expect(app.slack.calls('conversations.open')[0]?.args.users).toBe('UPRO');
    expect(dm?.args.channel).toBe('DUPRO');
    expect(String(dm?.args.text)).toContain('RIM-2026-000001');
    expect(String(dm?.args.text)).toContain('4 dicembre 2026');

    app.slack.reset();
    const click = await app.send.interaction(
      buildBlockAction({
        actionId: APPROVE_ACTION_ID,
        value: claim.id,
        user: 'UREVIEWER1',
        messageTs: claim.review_message_ts ?? '',
      }),
    );
    expect(click.status).toBe(200);
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));

    // The review update travels in its own lane: it may land after the DM on a busy machine.
    const update = await eventually(() => {
      const [first] = app.slack.calls('chat.update');
      expect(first).toBeDefined();
      return first;
    });
    expect(update?.args).toMatchObject({ channel: REVIEW_CHANNEL, ts: claim.review_message_ts });
    expect(blocksText(update?.args.blocks)).not.toContain(APPROVE_ACTION_ID);
    expect(blocksText(update?.args.blocks)).toContain('UREVIEWER1');
    const [decisionDm] = app.slack.calls('chat.postMessage');
    expect(decisionDm?.args.channel).toBe('DUPRO');
    expect(String(decisionDm?.args.text)).toMatch(/12 crediti/);
    expect(String(decisionDm?.args.text)).not.toMatch(/€|euro|EUR/i);

    const decided = await onlyClaim(app.database.db);
    expect(decided).toMatchObject({ status: 'approved', decided_by: 'UREVIEWER1' });
    expect(decided.decided_at).toEqual(app.clock.now);
    // The audit row of the DM is written right after Slack answers it. The review post and the
    // confirmation DM travel in separate lanes, so either may be recorded first; the decision comes
    // after both (the reviewer clicked the posted message) and its DM after it.
    await eventually(async () => {
      const kinds = (await claimEvents(app.database.db, claim.id)).map((e) => e.kind);
      expect(kinds).toHaveLength(6);
      expect(kinds.slice(0, 2)).toEqual(['submitted', 'evaluated']);
      expect([...kinds.slice(2, 4)].sort()).toEqual(['notified', 'posted']);
      expect(kinds.slice(4)).toEqual(['decided', 'notified']);
    });
  });

  it('rejects with the reviewer’s reason, which the professional reads in the DM', async () => {
    const { claim } = await submitEligibleClaim();
    app.slack.reset();

    await app.send.interaction(buildBlockAction({ actionId: REJECT_ACTION_ID, value: claim.id, user: 'UREVIEWER2' }));
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    const modal = findRejectModal();
    const reasonBlock = modal.blocks.find((b) => b.element?.action_id);
    expect(reasonBlock?.block_id).toBeDefined();
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');

    const blockId = reasonBlock?.block_id ?? '';
    const actionId = reasonBlock?.element?.action_id ?? '';
    const reason = 'Il cliente ha risposto normalmente in chat: i crediti erano dovuti.';
    const res = await app.send.interaction(
      buildViewSubmission({
        user: 'UREVIEWER2',
        callbackId: REJECT_MODAL_CALLBACK_ID,
        privateMetadata: modal.private_metadata,
        values: { [blockId]: { [actionId]: { type: 'plain_text_input', value: reason } } },
      }),
    );
    expect(res.status).toBe(200);
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));
    expect(String(app.slack.calls('chat.postMessage')[0]?.args.text)).toContain(reason);
    expect(blocksText(app.slack.calls('chat.update')[0]?.args.blocks)).toContain(reason);
    expect(await onlyClaim(app.database.db)).toMatchObject({
      status: 'rejected',
      decided_by: 'UREVIEWER2',
      decision_reason: reason,
    });
  });

  it('keeps the modal open with errors on each bad field and stores nothing', async () => {
    const res = await app.send.interaction(
      buildViewSubmission({
        values: buildRefundStateValues({ credits: '0', answeredOn: '2026-11-25', clientPhone: 'chiamami' }),
      }),
    );
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['answered_on', 'client_phone', 'credits']);
    expect(ack.errors.credits).toContain('da 1 a 50');
    expect(await app.database.db.selectFrom('claims').select('id').execute()).toEqual([]);
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
  });
});
