/**
 * Listener: reviewers taking a claim and asking the professional for information (button, then modal), and
 * the professional's answer (button under the question DM, then modal). Each is written before its ack or the
 * clicker is told it was not recorded.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { t } from '../../i18n/messages.ts';
import {
  answerQuestion,
  askForInformation,
  authorizeAnswer,
  type AnswerRefusal,
} from '../../use-cases/ask-for-information.ts';
import { authorizeDecision } from '../../use-cases/decide-claim.ts';
import { takeClaim } from '../../use-cases/take-claim.ts';
import { decisionDepsOf, type AppDeps } from '../deps.ts';
import { ANSWER_QUESTION_ACTION_ID } from '../messages/question-messages.ts';
import { ASK_INFO_ACTION_ID, TAKE_ACTION_ID, parseClaimIdFromAction } from '../messages/review-message.ts';
import { describeDeclinedAction } from '../declined-action-text.ts';
import {
  ANSWER_MODAL,
  ASK_MODAL,
  buildAnswerModal,
  buildAnswerSentView,
  buildAskModal,
  parseAnswerSubmission,
  parseAskSubmission,
} from '../views/question-modals.ts';
import { orTell, tellClicker } from './write-or-tell.ts';

const questionIdSchema = z.uuid();

/** Reviewers working a claim: taking it, asking the professional for more information; and the answer. */
export function registerTakeAndQuestions(app: App, deps: AppDeps): void {
  const decisionDeps = decisionDepsOf(deps);

  // Written before the ack: an acked "take" is a recorded one, or the clicker is told it is not.
  app.action<BlockAction<ButtonAction>>(TAKE_ACTION_ID, async ({ ack, body, action, respond }) => {
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) {
      await ack();
      return;
    }
    const locale = await deps.locales.localeOf(body.user.id);
    const outcome = await orTell(
      () => takeClaim(decisionDeps, { claimId, reviewerId: body.user.id, now: deps.clock() }),
      async () => {
        await ack();
        await tellClicker(respond, t(locale, 'interaction.not_recorded'));
      },
    );
    await ack();
    if (outcome.kind === 'taken') {
      deps.logger.info('claim taken', { claim: outcome.claim.reference, by: body.user.id, previous: outcome.previous });
      deps.outbox.wake();
    } else if (outcome.kind === 'already_yours') {
      await tellClicker(respond, t(locale, 'take.already_yours', { reference: outcome.claim.reference }));
    } else {
      await tellClicker(respond, describeDeclinedAction(outcome, locale));
    }
  });

  app.action<BlockAction<ButtonAction>>(ASK_INFO_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) return;
    const locale = await deps.locales.localeOf(body.user.id);
    const notOpened = () => tellClicker(respond, t(locale, 'interaction.not_opened'));
    const authorization = await orTell(
      () => authorizeDecision(decisionDeps, 'ask_info', { claimId, userId: body.user.id, now: deps.clock() }),
      notOpened,
    );
    if (authorization.kind !== 'allowed') {
      await tellClicker(respond, describeDeclinedAction(authorization, locale));
      return;
    }
    const view = buildAskModal({ locale, claimId, reference: authorization.claim.reference });
    await orTell(() => client.views.open({ trigger_id: body.trigger_id, view }), notOpened);
  });

  app.view(ASK_MODAL.callbackId, async ({ ack, body, view }) => {
    const locale = await deps.locales.localeOf(body.user.id);
    const parsed = parseAskSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await orTell(
      () =>
        askForInformation(decisionDeps, {
          claimId: parsed.recordId,
          reviewerId: body.user.id,
          question: parsed.text,
          now: deps.clock(),
          sourceViewId: view.id,
        }),
      () =>
        ack({
          response_action: 'errors',
          errors: { [ASK_MODAL.blockId]: t(locale, 'interaction.field_not_recorded') },
        }),
    );
    if (outcome.kind !== 'asked') {
      await ack({
        response_action: 'errors',
        errors: { [ASK_MODAL.blockId]: describeDeclinedAction(outcome, locale) },
      });
      return;
    }
    await ack();
    deps.logger.info('information requested', { claim: outcome.claim.reference, by: body.user.id });
    deps.outbox.wake();
  });

  // The professional's "Rispondi" under the question DM.
  app.action<BlockAction<ButtonAction>>(ANSWER_QUESTION_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const questionId = questionIdSchema.safeParse(action.value);
    if (!questionId.success) return;
    const locale = await deps.locales.localeOf(body.user.id);
    const notOpened = () => tellClicker(respond, t(locale, 'interaction.not_opened'));
    const access = await orTell(() => authorizeAnswer(deps, questionId.data, body.user.id), notOpened);
    if (access.kind !== 'allowed') {
      await tellClicker(respond, t(locale, answerRefusalKey(access)));
      return;
    }
    const { question, claim } = access;
    const modal = buildAnswerModal({
      locale,
      questionId: question.id,
      reference: claim.reference,
      question: question.question,
    });
    await orTell(() => client.views.open({ trigger_id: body.trigger_id, view: modal }), notOpened);
  });

  app.view(ANSWER_MODAL.callbackId, async ({ ack, body, view }) => {
    const locale = await deps.locales.localeOf(body.user.id);
    const parsed = parseAnswerSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await orTell(
      () =>
        answerQuestion(deps, {
          questionId: parsed.recordId,
          userId: body.user.id,
          answer: parsed.text,
          now: deps.clock(),
        }),
      () =>
        ack({
          response_action: 'errors',
          errors: { [ANSWER_MODAL.blockId]: t(locale, 'interaction.field_not_recorded') },
        }),
    );
    if (outcome.kind !== 'answered') {
      await ack({
        response_action: 'errors',
        errors: { [ANSWER_MODAL.blockId]: t(locale, answerRefusalKey(outcome)) },
      });
      return;
    }
    await ack({ response_action: 'update', view: buildAnswerSentView(locale, outcome.claim.reference) });
    deps.logger.info('information answered', { claim: outcome.claim.reference });
    deps.outbox.wake();
  });
}

function answerRefusalKey(refusal: AnswerRefusal) {
  return refusal.kind === 'already_answered' ? 'answer.already' : 'answer.not_yours';
}
