import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildBlockAction, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { ANSWER_QUESTION_ACTION_ID } from '../../src/slack/messages/question-messages.ts';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID, TAKE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { ANSWER_MODAL, ASK_MODAL, buildAnswerModal, buildAskModal } from '../../src/slack/views/question-modals.ts';
import { REFUND_BLOCKS } from '../../src/slack/views/refund-modal.ts';
import {
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
  buildRejectModal,
} from '../../src/slack/views/reject-modal.ts';
import { t } from '../../src/i18n/messages.ts';
import { terminateWhileBlocked } from '../support/connection-faults.ts';
import { claimEvents, onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import { eventually, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Every interaction that changes state records it before its ack, or tells the person it did not:
 * the app's database connections are terminated while its write is in flight.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.slack.reset();
});

const NOT_RECORDED = t('it', 'interaction.not_recorded');
const NOT_OPENED = t('it', 'interaction.not_opened');
const FIELD_NOT_RECORDED = t('it', 'interaction.field_not_recorded');

async function settledOutbox() {
  await eventually(async () => {
    const pending = await app.database.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
    expect(pending).toEqual([]);
  });
}

async function pendingClaim() {
  await app.send.interaction(buildViewSubmission());
  await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
  await settledOutbox();
  app.slack.reset();
  return onlyClaim(app.database.db);
}

const lockClaimRow = (claimId: string) => ({ sql: 'SELECT 1 FROM claims WHERE id = $1 FOR UPDATE', params: [claimId] });
const click = (actionId: string, value: string, user: string) =>
  app.send.interaction(buildBlockAction({ actionId, value, user }));
const textSubmission = (
  callbackId: string,
  blockId: string,
  actionId: string,
  user: string,
  privateMetadata: string,
  value: string,
) =>
  app.send.interaction(
    buildViewSubmission({
      user,
      callbackId,
      privateMetadata,
      values: { [blockId]: { [actionId]: { type: 'plain_text_input', value } } },
    }),
  );
const askMetadata = (claim: { id: string; reference: string }) =>
  buildAskModal({ locale: 'it', claimId: claim.id, reference: claim.reference }).private_metadata ?? '';
const sendQuestion = (metadata: string, question: string) =>
  textSubmission(ASK_MODAL.callbackId, ASK_MODAL.blockId, ASK_MODAL.actionId, 'UREVIEWER1', metadata, question);

/** The reviewer asks the professional a question on the claim; returns it once its messages are out. */
async function askedQuestion(claim: { id: string; reference: string }, question: string) {
  await sendQuestion(askMetadata(claim), question);
  const asked = await app.database.db
    .selectFrom('claim_questions')
    .select(['id', 'question'])
    .executeTakeFirstOrThrow();
  await settledOutbox();
  app.slack.reset();
  return asked;
}

const outboxKinds = async (claimId: string) =>
  (
    await app.database.db.selectFrom('outbox').select('kind').where('claim_id', '=', claimId).orderBy('id').execute()
  ).map((row) => row.kind);
const responseTexts = () => app.slack.calls('response_url').map((call) => String(call.args.text));

describe('write, then ack — or tell', () => {
  it('an approval whose connection dies mid-write is not acked as a success: the reviewer is told, nothing changed, and a second click decides', async () => {
    const claim = await pendingClaim();
    const kindsBefore = await outboxKinds(claim.id);
    const res = await terminateWhileBlocked(app.database.url, lockClaimRow(claim.id), () =>
      click(APPROVE_ACTION_ID, claim.id, 'UREVIEWER1'),
    );
    expect(res.status).toBe(200);
    await eventually(() => expect(responseTexts()).toEqual([NOT_RECORDED]));
    expect(await onlyClaim(app.database.db)).toMatchObject({ status: 'pending_review', decided_by: null });
    expect((await claimEvents(app.database.db, claim.id)).map((e) => e.kind)).not.toContain('decided');
    expect(await outboxKinds(claim.id)).toEqual(kindsBefore);
    expect(await app.database.db.selectFrom('credit_entries').select('id').execute()).toEqual([]);
    expect(app.logs.some((line) => line.includes('unhandled error in a Slack listener'))).toBe(true);

    expect((await click(APPROVE_ACTION_ID, claim.id, 'UREVIEWER1')).status).toBe(200);
    expect((await onlyClaim(app.database.db)).status).toBe('approved');
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(1));
  });

  it('an approval is recorded before its HTTP ack', async () => {
    const claim = await pendingClaim();
    expect((await click(APPROVE_ACTION_ID, claim.id, 'UREVIEWER1')).status).toBe(200);
    // No waiting: the ack came back, so the decision is already in the database.
    expect((await onlyClaim(app.database.db)).status).toBe('approved');
  });

  it('a take whose connection dies mid-write tells the reviewer and assigns nobody; the next take is recorded before its ack', async () => {
    const claim = await pendingClaim();
    await terminateWhileBlocked(app.database.url, lockClaimRow(claim.id), () =>
      click(TAKE_ACTION_ID, claim.id, 'UREVIEWER2'),
    );
    await eventually(() => expect(responseTexts()).toEqual([NOT_RECORDED]));
    expect((await onlyClaim(app.database.db)).assigned_to).toBeNull();
    expect((await claimEvents(app.database.db, claim.id)).map((e) => e.kind)).not.toContain('assigned');

    await click(TAKE_ACTION_ID, claim.id, 'UREVIEWER2');
    expect((await onlyClaim(app.database.db)).assigned_to).toBe('UREVIEWER2');
  });

  it('a reject reason whose connection dies mid-write is an error on the modal’s field, never a closed modal', async () => {
    const claim = await pendingClaim();
    const metadata =
      buildRejectModal({ locale: 'it', claimId: claim.id, reference: claim.reference }).private_metadata ?? '';
    const send = () =>
      textSubmission(
        REJECT_MODAL_CALLBACK_ID,
        REJECT_REASON_BLOCK_ID,
        REJECT_REASON_ACTION_ID,
        'UREVIEWER1',
        metadata,
        'Il cliente ha risposto',
      );
    const res = await terminateWhileBlocked(app.database.url, lockClaimRow(claim.id), send);
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { [REJECT_REASON_BLOCK_ID]: FIELD_NOT_RECORDED },
    });
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
    expect((await claimEvents(app.database.db, claim.id)).map((e) => e.kind)).not.toContain('decided');

    const again = await send();
    expect(await again.text()).toBe('');
    expect(await onlyClaim(app.database.db)).toMatchObject({
      status: 'rejected',
      decision_reason: 'Il cliente ha risposto',
    });
  });

  it('a reject click whose check cannot reach the database tells the reviewer, and no modal opens', async () => {
    const claim = await pendingClaim();
    await terminateWhileBlocked(app.database.url, { sql: 'LOCK TABLE claims IN ACCESS EXCLUSIVE MODE' }, () =>
      click(REJECT_ACTION_ID, claim.id, 'UREVIEWER1'),
    );
    await eventually(() => expect(responseTexts()).toEqual([NOT_OPENED]));
    expect(app.slack.calls('views.open')).toEqual([]);
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
  });

  it('a question whose connection dies mid-write is an error on the field; nothing is asked until it is sent again', async () => {
    const claim = await pendingClaim();
    const metadata = askMetadata(claim);
    const ask = () => sendQuestion(metadata, 'Hai lo screenshot della chiamata?');
    const res = await terminateWhileBlocked(app.database.url, lockClaimRow(claim.id), ask);
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { [ASK_MODAL.blockId]: FIELD_NOT_RECORDED },
    });
    expect(await app.database.db.selectFrom('claim_questions').select('id').execute()).toEqual([]);
    expect((await claimEvents(app.database.db, claim.id)).map((e) => e.kind)).not.toContain('info_requested');

    expect(await (await ask()).text()).toBe('');
    expect(await app.database.db.selectFrom('claim_questions').select('id').execute()).toHaveLength(1);
  });

  it('an answer click whose check cannot reach the database tells the professional, and no modal opens', async () => {
    const claim = await pendingClaim();
    const question = await askedQuestion(claim, 'Hai lo screenshot?');

    await terminateWhileBlocked(app.database.url, { sql: 'LOCK TABLE claim_questions IN ACCESS EXCLUSIVE MODE' }, () =>
      click(ANSWER_QUESTION_ACTION_ID, question.id, 'UPRO'),
    );
    await eventually(() => expect(responseTexts()).toEqual([NOT_OPENED]));
    expect(app.slack.calls('views.open')).toEqual([]);
  });

  it('an answer whose connection dies mid-write is an error on the field, and is stored when sent again', async () => {
    const claim = await pendingClaim();
    const question = await askedQuestion(claim, 'Hai lo screenshot?');

    const metadata =
      buildAnswerModal({
        locale: 'it',
        questionId: question.id,
        reference: claim.reference,
        question: question.question,
      }).private_metadata ?? '';
    const answer = () =>
      textSubmission(
        ANSWER_MODAL.callbackId,
        ANSWER_MODAL.blockId,
        ANSWER_MODAL.actionId,
        'UPRO',
        metadata,
        'Sì, te lo allego.',
      );
    const res = await terminateWhileBlocked(
      app.database.url,
      { sql: 'SELECT 1 FROM claim_questions WHERE id = $1 FOR UPDATE', params: [question.id] },
      answer,
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { [ANSWER_MODAL.blockId]: FIELD_NOT_RECORDED },
    });
    expect(await app.database.db.selectFrom('claim_questions').select('answer').executeTakeFirstOrThrow()).toEqual({
      answer: null,
    });

    expect(((await (await answer()).json()) as { response_action: string }).response_action).toBe('update');
    expect(await app.database.db.selectFrom('claim_questions').select('answer').executeTakeFirstOrThrow()).toEqual({
      answer: 'Sì, te lo allego.',
    });
  });

  it('a claim whose connection dies mid-write keeps the modal open with an error, stores nothing, and is stored when sent again', async () => {
    const submission = buildViewSubmission();
    const res = await terminateWhileBlocked(
      app.database.url,
      { sql: `SELECT pg_advisory_xact_lock(hashtextextended('claims:UPRO', 0))` },
      () => app.send.interaction(submission),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { [REFUND_BLOCKS.description]: FIELD_NOT_RECORDED },
    });
    expect(await app.database.db.selectFrom('claims').select('id').execute()).toEqual([]);
    expect(await app.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);

    expect(
      ((await (await app.send.interaction(submission)).json()) as { response_action: string }).response_action,
    ).toBe('update');
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
  });
});
