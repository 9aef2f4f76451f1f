import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import {
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
} from '../../src/slack/views/reject-modal.ts';
import { claimEvents, onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import { buildBlockAction, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { eventually, startTestApp, type TestApp } from '../support/test-app.ts';
import { authorizeDecision } from '../../src/use-cases/decide-claim.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ channelMembers: ['UREVIEWER1', 'UREVIEWER2', 'UPRO'] });
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.slack.reset();
});

async function pendingClaim() {
  await app.send.interaction(buildViewSubmission());
  await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
  app.slack.reset();
  return onlyClaim(app.database.db);
}

const approve = (claimId: string, user: string) =>
  app.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claimId, user }));

describe('who may decide, and exactly once', () => {
  it('a click on a decided claim is "already decided" even when Slack cannot say who the reviewers are', async () => {
    const claim = await pendingClaim();
    const slackDown = {
      db: app.database.db,
      isReviewer: () => Promise.reject(new Error('conversations.members: 503')),
    };
    const click = { claimId: claim.id, userId: 'UREVIEWER2', now: new Date() };
    // Pending, the answer needs the lookup, and its failure is the listener's to tell.
    await expect(authorizeDecision(slackDown, 'decide', click)).rejects.toThrow('conversations.members: 503');

    expect((await approve(claim.id, 'UREVIEWER1')).status).toBe(200);
    expect((await onlyClaim(app.database.db)).status).toBe('approved');
    expect((await authorizeDecision(slackDown, 'decide', click)).kind).toBe('already_decided');
  });

  it('when two reviewers approve at once, one decision is recorded and one DM is sent', async () => {
    const claim = await pendingClaim();
    const responses = await Promise.all([
      approve(claim.id, 'UREVIEWER1'),
      approve(claim.id, 'UREVIEWER2'),
      approve(claim.id, 'UREVIEWER1'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);

    await eventually(() => {
      expect(app.slack.calls('chat.postMessage')).toHaveLength(1);
      expect(app.slack.calls('response_url')).toHaveLength(2);
    });
    const decided = await onlyClaim(app.database.db);
    expect(decided.status).toBe('approved');
    // The review update travels in its own lane: it may land after the DM on a busy machine.
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(1));
    for (const ephemeral of app.slack.calls('response_url')) {
      expect(String(ephemeral.args.text)).toContain(`già stata approvata da <@${decided.decided_by}>`);
    }
    const kinds = (await claimEvents(app.database.db, claim.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'decided')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'refused_click')).toHaveLength(2);
  });

  it('a later reject click is told who approved, and no reject modal opens', async () => {
    const claim = await pendingClaim();
    await approve(claim.id, 'UREVIEWER1');
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));
    await app.send.interaction(buildBlockAction({ actionId: REJECT_ACTION_ID, value: claim.id, user: 'UREVIEWER2' }));
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    expect(String(app.slack.calls('response_url')[0]?.args.text)).toContain('approvata da <@UREVIEWER1>');
    expect(app.slack.calls('views.open')).toEqual([]);
  });

  it('a reject reason sent after another reviewer approved is refused on the field, and nothing changes', async () => {
    const claim = await pendingClaim();
    await app.send.interaction(buildBlockAction({ actionId: REJECT_ACTION_ID, value: claim.id, user: 'UREVIEWER2' }));
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    const modal = app.slack.calls('views.open')[0]?.args.view as { private_metadata: string };

    await approve(claim.id, 'UREVIEWER1');
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));

    const res = await app.send.interaction(
      buildViewSubmission({
        user: 'UREVIEWER2',
        callbackId: REJECT_MODAL_CALLBACK_ID,
        privateMetadata: modal.private_metadata,
        values: {
          [REJECT_REASON_BLOCK_ID]: { [REJECT_REASON_ACTION_ID]: { type: 'plain_text_input', value: 'Troppo tardi' } },
        },
      }),
    );
    const ack = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(ack.errors[REJECT_REASON_BLOCK_ID]).toContain('approvata da <@UREVIEWER1>');
    expect(await onlyClaim(app.database.db)).toMatchObject({
      status: 'approved',
      decided_by: 'UREVIEWER1',
      decision_reason: null,
    });
    expect(app.slack.calls('chat.postMessage')).toHaveLength(1);
  });

  it('a reject modal whose metadata was tampered with decides nothing', async () => {
    const claim = await pendingClaim();
    const res = await app.send.interaction(
      buildViewSubmission({
        user: 'UREVIEWER2',
        callbackId: REJECT_MODAL_CALLBACK_ID,
        privateMetadata: '{"claimId":"not-a-uuid"}',
        values: {
          [REJECT_REASON_BLOCK_ID]: { [REJECT_REASON_ACTION_ID]: { type: 'plain_text_input', value: 'Motivo valido' } },
        },
      }),
    );
    expect(((await res.json()) as { response_action: string }).response_action).toBe('errors');
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
    expect(claim.status).toBe('pending_review');
  });

  it.each([
    ['someone outside the review channel', 'UOUTSIDER', 'Solo i revisori'],
    ['the claimant, even as a channel member', 'UPRO', 'una tua segnalazione'],
  ])('refuses %s with an ephemeral message, changes nothing and audits the attempt', async (_who, user, message) => {
    const claim = await pendingClaim();
    const res = await approve(claim.id, user);
    expect(res.status).toBe(200);
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    const [ephemeral] = app.slack.calls('response_url');
    expect(ephemeral?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(ephemeral?.args.text)).toContain(message);
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
    expect(app.slack.calls('chat.update')).toEqual([]);
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
    const refused = (await claimEvents(app.database.db, claim.id)).filter((e) => e.kind === 'refused_click');
    expect(refused).toEqual([expect.objectContaining({ actor: user })]);
  });

  it('refuses a non-reviewer’s reject click before any modal opens', async () => {
    const claim = await pendingClaim();
    await app.send.interaction(buildBlockAction({ actionId: REJECT_ACTION_ID, value: claim.id, user: 'UOUTSIDER' }));
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    expect(app.slack.calls('views.open')).toEqual([]);
  });

  it('ignores a button whose value is not a claim id, without touching any claim', async () => {
    const claim = await pendingClaim();
    const res = await app.send.interaction(
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: `' OR 1=1; --`, user: 'UREVIEWER1' }),
    );
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
    expect(claim.status).toBe('pending_review');
  });
});

describe('REVIEWER_USER_IDS narrows the review channel', () => {
  let narrowed: TestApp;
  beforeAll(async () => {
    narrowed = await startTestApp({
      env: { REVIEWER_USER_IDS: 'UREVIEWER1' },
      channelMembers: ['UREVIEWER1', 'UREVIEWER2', 'UPRO'],
    });
  });
  afterAll(async () => narrowed?.stop());

  it('a channel member not on the list cannot approve; one on the list can', async () => {
    await narrowed.send.interaction(buildViewSubmission());
    await eventually(() => expect(narrowed.slack.calls('chat.postMessage')).toHaveLength(2));
    const claim = await onlyClaim(narrowed.database.db);

    await narrowed.send.interaction(
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER2' }),
    );
    await eventually(() => expect(narrowed.slack.calls('response_url')).toHaveLength(1));
    expect((await onlyClaim(narrowed.database.db)).status).toBe('pending_review');

    await narrowed.send.interaction(
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }),
    );
    await eventually(async () => expect((await onlyClaim(narrowed.database.db)).status).toBe('approved'));
  });
});
