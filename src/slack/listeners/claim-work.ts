import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import { findQuestionById } from '../../db/question.repository.ts';
import { findClaimById } from '../../db/claim.repository.ts';
import { t } from '../../i18n/messages.ts';
import { answerQuestion, askForInformation } from '../../use-cases/ask-for-information.ts';
import { authorizeDecision, type DecisionDeps } from '../../use-cases/decide-claim.ts';
import { takeClaim } from '../../use-cases/take-claim.ts';
import type { AppDeps } from '../deps.ts';
import { ANSWER_QUESTION_ACTION_ID } from '../messages/question-messages.ts';
import { ASK_INFO_ACTION_ID, TAKE_ACTION_ID, parseClaimIdFromAction } from '../messages/review-message.ts';
import { describeRefusal } from '../refusal-text.ts';
import {
  ANSWER_MODAL,
  ASK_MODAL,
  buildAnswerModal,
  buildAnswerSentView,
  buildAskModal,
  parseAnswerSubmission,
  parseAskSubmission,
} from '../views/question-modals.ts';

const tellClicker = (respond: RespondFn, text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
const questionIdSchema = z.uuid();

/** Reviewers working a claim: taking it, asking the professional for more information; and the answer. */
export function registerClaimWork(app: App, deps: AppDeps): void {
  const decisionDeps: DecisionDeps = { db: deps.db, isReviewer: (userId) => deps.reviewers.isReviewer(userId) };

  app.action<BlockAction<ButtonAction>>(TAKE_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) return;
    const locale = await deps.localeOf(body.user.id);
    const outcome = await takeClaim(decisionDeps, { claimId, reviewerId: body.user.id, now: deps.clock() });
    if (outcome.kind === 'taken') {
      deps.logger.info('claim taken', { claim: outcome.claim.reference, by: body.user.id, previous: outcome.previous });
      deps.wakeOutbox();
    } else if (outcome.kind === 'already_yours') {
      await tellClicker(respond, t(locale, 'take.already_yours', { reference: outcome.claim.reference }));
    } else {
      await tellClicker(respond, describeRefusal(outcome, locale));
    }
  });

  app.action<BlockAction<ButtonAction>>(ASK_INFO_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) return;
    const locale = await deps.localeOf(body.user.id);
    const authorization = await authorizeDecision(decisionDeps, claimId, body.user.id, deps.clock());
    if (authorization.kind !== 'allowed') {
      await tellClicker(respond, describeRefusal(authorization, locale));
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildAskModal({ locale, claimId, reference: authorization.claim.reference }),
    });
  });

  app.view(ASK_MODAL.callbackId, async ({ ack, body, view }) => {
    const locale = await deps.localeOf(body.user.id);
    const parsed = parseAskSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await askForInformation(decisionDeps, {
      claimId: parsed.recordId,
      reviewerId: body.user.id,
      question: parsed.text,
      now: deps.clock(),
      sourceViewId: view.id,
    });
    if (outcome.kind !== 'asked') {
      await ack({ response_action: 'errors', errors: { [ASK_MODAL.blockId]: describeRefusal(outcome, locale) } });
      return;
    }
    await ack();
    deps.logger.info('information requested', { claim: outcome.claim.reference, by: body.user.id });
    deps.wakeOutbox();
  });

  // The professional's "Rispondi" under the question DM.
  app.action<BlockAction<ButtonAction>>(ANSWER_QUESTION_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const questionId = questionIdSchema.safeParse(action.value);
    if (!questionId.success) return;
    const locale = await deps.localeOf(body.user.id);
    const question = await findQuestionById(deps.db, questionId.data);
    const claim = question && (await findClaimById(deps.db, question.claimId));
    if (!question || !claim || claim.professionalId !== body.user.id) {
      await tellClicker(respond, t(locale, 'answer.not_yours'));
      return;
    }
    if (question.answer !== null) {
      await tellClicker(respond, t(locale, 'answer.already'));
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildAnswerModal({ locale, questionId: question.id, reference: claim.reference, question: question.question }),
    });
  });

  app.view(ANSWER_MODAL.callbackId, async ({ ack, body, view }) => {
    const locale = await deps.localeOf(body.user.id);
    const parsed = parseAnswerSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await answerQuestion(deps, { questionId: parsed.recordId, userId: body.user.id, answer: parsed.text, now: deps.clock() });
    if (outcome.kind !== 'answered') {
      const key = outcome.kind === 'already_answered' ? 'answer.already' : 'answer.not_yours';
      await ack({ response_action: 'errors', errors: { [ANSWER_MODAL.blockId]: t(locale, key) } });
      return;
    }
    await ack({ response_action: 'update', view: buildAnswerSentView(locale, outcome.claim.reference) });
    deps.logger.info('information answered', { claim: outcome.claim.reference });
    deps.wakeOutbox();
  });
}
