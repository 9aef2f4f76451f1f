import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_QUESTION_ACTION_ID } from '../../src/slack/messages/question-messages.ts';
import { APPROVE_ACTION_ID, ASK_INFO_ACTION_ID, TAKE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { ANSWER_MODAL, ASK_MODAL } from '../../src/slack/views/question-modals.ts';
import {
  buildBlockAction,
  buildEventEnvelope,
  buildSlashCommand,
  buildViewSubmission,
} from '../../src/sandbox/slack-payloads.ts';
import { claimEvents, onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import { REVIEW_CHANNEL, eventually, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ channelMembers: ['UREVIEWER1', 'UREVIEWER2'] });
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.slack.reset();
});

async function pendingClaim(user = 'UPRO') {
  await app.send.interaction(buildViewSubmission({ user }));
  await eventually(() =>
    expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === REVIEW_CHANNEL)).toHaveLength(1),
  );
  await eventually(async () =>
    expect(
      (await app.database.db.selectFrom('outbox').select('status').where('status', '=', 'pending').execute()).length,
    ).toBe(0),
  );
  // Read after the outbox drained: the worker records the review message's ts once Slack answered.
  const claim = await onlyClaim(app.database.db);
  app.slack.reset();
  return claim;
}
const click = (actionId: string, value: string, user: string, channel = REVIEW_CHANNEL) =>
  app.send.interaction(buildBlockAction({ actionId, value, user, channel }));
const homeOpened = (user: string) =>
  app.send.event(buildEventEnvelope({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' }));
const publishedFor = (user: string) => app.slack.calls('views.publish').filter((c) => c.args.user_id === user);
const text = (value: unknown) => JSON.stringify(value);

describe('App Home', () => {
  it('a professional sees their claims with state and deadline, and the form button', async () => {
    const claim = await pendingClaim();
    await homeOpened('UPRO');
    await eventually(() => expect(publishedFor('UPRO')).toHaveLength(1));
    const view = publishedFor('UPRO')[0]?.args.view;
    expect(view).toMatchObject({ type: 'home' });
    expect(text(view)).toContain(claim.reference);
    expect(text(view)).toContain('In revisione');
    expect(text(view)).toContain('4 dicembre 2026');
    expect(text(view)).toContain('open_refund_form');
  });

  it('a reviewer sees the queue, with who has taken each claim; it refreshes when a claim changes', async () => {
    const claim = await pendingClaim();
    await click(TAKE_ACTION_ID, claim.id, 'UREVIEWER1');
    await eventually(() => expect(publishedFor('UREVIEWER2').length).toBeGreaterThanOrEqual(1));
    const queue = text(publishedFor('UREVIEWER2').at(-1)?.args.view);
    expect(queue).toContain(claim.reference);
    expect(queue).toContain('UREVIEWER1');

    app.slack.reset();
    await click(APPROVE_ACTION_ID, claim.id, 'UREVIEWER2');
    await eventually(() => {
      expect(publishedFor('UPRO').length).toBeGreaterThanOrEqual(1);
      expect(publishedFor('UREVIEWER1').length).toBeGreaterThanOrEqual(1);
    });
    expect(text(publishedFor('UREVIEWER1').at(-1)?.args.view)).not.toContain(claim.reference);
    expect(text(publishedFor('UPRO').at(-1)?.args.view)).toContain('Approvata');
  });
});

describe('/rimborso stato and /rimborso aiuto', () => {
  it.each(['stato', 'status', ' STATO '])(
    '"/rimborso %s" answers privately with the recent claims, without opening the form',
    async (word) => {
      const claim = await pendingClaim();
      const res = await app.send.slashCommand(buildSlashCommand({ text: word }));
      const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain(claim.reference);
      expect(app.slack.calls('views.open')).toEqual([]);
    },
  );

  it('"/rimborso aiuto" explains the policy with the form button', async () => {
    const res = await app.send.slashCommand(buildSlashCommand({ text: 'aiuto' }));
    const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('30 giorni');
    expect(text(body.blocks)).toContain('open_refund_form');
  });

  it('plain "/rimborso" still opens the form', async () => {
    await app.send.slashCommand(buildSlashCommand({ text: '' }));
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
  });
});

describe('taking a claim', () => {
  it('a reviewer takes it, another takes it over: the review message shows the assignee, both are audited', async () => {
    const claim = await pendingClaim();
    await click(TAKE_ACTION_ID, claim.id, 'UREVIEWER1');
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(1));
    expect(text(app.slack.calls('chat.update')[0]?.args.blocks)).toContain('Presa in carico da <@UREVIEWER1>');

    await click(TAKE_ACTION_ID, claim.id, 'UREVIEWER2');
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(2));
    expect(text(app.slack.calls('chat.update')[1]?.args.blocks)).toContain('Presa in carico da <@UREVIEWER2>');
    expect((await onlyClaim(app.database.db)).assigned_to).toBe('UREVIEWER2');
    const assigned = (await claimEvents(app.database.db, claim.id)).filter((e) => e.kind === 'assigned');
    expect(assigned).toEqual([
      expect.objectContaining({ actor: 'UREVIEWER1', details: { previous: null } }),
      expect.objectContaining({ actor: 'UREVIEWER2', details: { previous: 'UREVIEWER1' } }),
    ]);
  });

  it.each([
    ['the claimant', 'UPRO', 'una tua segnalazione'],
    ['someone outside the review channel', 'UOUTSIDER', 'Solo i revisori'],
  ])('%s cannot take it', async (_who, user, message) => {
    const claim = await pendingClaim();
    await click(TAKE_ACTION_ID, claim.id, user);
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    expect(String(app.slack.calls('response_url')[0]?.args.text)).toContain(message);
    expect((await onlyClaim(app.database.db)).assigned_to).toBeNull();
  });

  it('reminders also reach the assignee by DM', async () => {
    const claim = await pendingClaim();
    await click(TAKE_ACTION_ID, claim.id, 'UREVIEWER1');
    await eventually(async () => expect((await onlyClaim(app.database.db)).assigned_to).toBe('UREVIEWER1'));
    app.clock.now = new Date('2026-12-02T08:00:00Z');
    try {
      expect(await app.application.sweeper.sweepOnce()).toBe(1);
      // The DM and the thread reminder travel in lanes of their own: either may arrive first.
      await eventually(() => {
        expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === 'DUREVIEWER1')).toHaveLength(1);
        expect(app.slack.calls('chat.postMessage').filter((c) => c.args.thread_ts)).toHaveLength(1);
      });
    } finally {
      app.clock.now = new Date('2026-11-20T10:00:00Z');
    }
  });
});

describe('asking the professional for more information', () => {
  it('the question reaches the professional by DM and the answer lands in the thread; the claim stays pending', async () => {
    const claim = await pendingClaim();
    await click(ASK_INFO_ACTION_ID, claim.id, 'UREVIEWER1');
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    const askModal = app.slack.calls('views.open')[0]?.args.view as { private_metadata: string; callback_id: string };
    expect(askModal.callback_id).toBe(ASK_MODAL.callbackId);

    const question = 'Puoi mandarci lo screenshot della chat con la cliente?';
    await app.send.interaction(
      buildViewSubmission({
        user: 'UREVIEWER1',
        callbackId: ASK_MODAL.callbackId,
        privateMetadata: askModal.private_metadata,
        values: { [ASK_MODAL.blockId]: { [ASK_MODAL.actionId]: { type: 'plain_text_input', value: question } } },
      }),
    );
    await eventually(() => {
      expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === 'DUPRO')).toHaveLength(1);
      expect(app.slack.calls('chat.postMessage').filter((c) => c.args.thread_ts)).toHaveLength(1);
    });
    const dm = app.slack.calls('chat.postMessage').find((c) => c.args.channel === 'DUPRO');
    expect(String(dm?.args.text)).toContain(question);
    const elements = (dm?.args.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>).flatMap(
      (b) => b.elements ?? [],
    );
    const answerButton = elements.find((e) => e.action_id === ANSWER_QUESTION_ACTION_ID)?.value;
    expect(answerButton).toMatch(/^[0-9a-f-]{36}$/);

    app.slack.reset();
    await click(ANSWER_QUESTION_ACTION_ID, answerButton ?? '', 'UOTHERPRO', 'DUOTHERPRO');
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    expect(String(app.slack.calls('response_url')[0]?.args.text)).toContain('un altro professionista');
    expect(app.slack.calls('views.open')).toEqual([]);

    await click(ANSWER_QUESTION_ACTION_ID, answerButton ?? '', 'UPRO', 'DUPRO');
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    const answerModal = app.slack.calls('views.open')[0]?.args.view as { private_metadata: string };
    const answer = 'Certo, eccolo: la cliente ha scritto "No grazie" alle 10:02.';
    const send = () =>
      app.send.interaction(
        buildViewSubmission({
          user: 'UPRO',
          callbackId: ANSWER_MODAL.callbackId,
          privateMetadata: answerModal.private_metadata,
          values: { [ANSWER_MODAL.blockId]: { [ANSWER_MODAL.actionId]: { type: 'plain_text_input', value: answer } } },
        }),
      );
    const first = (await (await send()).json()) as { response_action: string };
    expect(first.response_action).toBe('update');
    const again = (await (await send()).json()) as { response_action: string; errors: Record<string, string> };
    expect(again.errors[ANSWER_MODAL.blockId]).toContain('già risposto');

    await eventually(() => expect(app.slack.calls('chat.postMessage').filter((c) => c.args.thread_ts)).toHaveLength(1));
    const threadAnswer = app.slack.calls('chat.postMessage').find((c) => c.args.thread_ts);
    expect(threadAnswer?.args.thread_ts).toBe(claim.review_message_ts);
    expect(String(threadAnswer?.args.text)).toContain('eccolo');

    app.slack.reset();
    await click(ANSWER_QUESTION_ACTION_ID, answerButton ?? '', 'UPRO', 'DUPRO');
    await eventually(() => expect(app.slack.calls('response_url')).toHaveLength(1));
    expect(String(app.slack.calls('response_url')[0]?.args.text)).toContain('già risposto');
    expect(app.slack.calls('views.open')).toEqual([]);

    const after = await onlyClaim(app.database.db);
    expect(after).toMatchObject({ status: 'pending_review', review_deadline_on: claim.review_deadline_on });
    const kinds = (await claimEvents(app.database.db, claim.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['info_requested', 'info_answered']));
  });
});

describe('asking twice by accident', () => {
  it('the same question submission delivered twice asks once', async () => {
    const claim = await pendingClaim();
    await click(ASK_INFO_ACTION_ID, claim.id, 'UREVIEWER1');
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    const askModal = app.slack.calls('views.open')[0]?.args.view as { private_metadata: string };
    const submission = buildViewSubmission({
      user: 'UREVIEWER1',
      viewId: 'VASKTWICE',
      callbackId: ASK_MODAL.callbackId,
      privateMetadata: askModal.private_metadata,
      values: {
        [ASK_MODAL.blockId]: { [ASK_MODAL.actionId]: { type: 'plain_text_input', value: 'Hai lo screenshot?' } },
      },
    });
    await Promise.all([app.send.interaction(submission), app.send.interaction(submission)]);
    await eventually(() =>
      expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === 'DUPRO')).toHaveLength(1),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.slack.calls('chat.postMessage').filter((c) => c.args.channel === 'DUPRO')).toHaveLength(1);
    expect(await app.database.db.selectFrom('claim_questions').select('id').execute()).toHaveLength(1);
  });
});

describe('languages', () => {
  it('a professional whose Slack is in English gets the form and the DMs in English; the review channel stays Italian', async () => {
    app.slack.respond('users.info', (args) => ({
      body: { ok: true, user: { id: args.user, locale: args.user === 'UENGLISH' ? 'en-US' : 'it-IT' } },
    }));
    await app.send.slashCommand(buildSlashCommand({ user_id: 'UENGLISH' }));
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    expect(text(app.slack.calls('views.open')[0]?.args.view)).toContain('Credit refund');

    await app.send.interaction(buildViewSubmission({ user: 'UENGLISH' }));
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
    const dm = app.slack.calls('chat.postMessage').find((c) => c.args.channel === 'DUENGLISH');
    expect(String(dm?.args.text)).toContain('We received your refund claim');
    expect(String(dm?.args.text)).toContain('4 December 2026');
    const review = app.slack.calls('chat.postMessage').find((c) => c.args.channel === REVIEW_CHANNEL);
    expect(String(review?.args.text)).toContain('Segnalazione RIM-');
  });
});
