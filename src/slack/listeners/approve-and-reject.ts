/** Listeners: the review message's Approva and Rifiuta buttons, and the reason modal Rifiuta opens. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { t } from '../../i18n/messages.ts';
import { authorizeDecision, decideClaim } from '../../use-cases/decide-claim.ts';
import { decisionDepsOf, type AppDeps } from '../deps.ts';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID, parseClaimIdFromAction } from '../messages/review-message.ts';
import { describeDeclinedAction } from '../declined-action-text.ts';
import {
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_BLOCK_ID,
  buildRejectModal,
  parseRejectSubmission,
} from '../views/reject-modal.ts';
import { orTell, tellClicker } from './write-or-tell.ts';

export function registerApproveAndReject(app: App, deps: AppDeps): void {
  const decisionDeps = decisionDepsOf(deps);

  // Written before the ack: an acked approval is a recorded one, or the clicker is told it is not.
  app.action<BlockAction<ButtonAction>>(APPROVE_ACTION_ID, async ({ ack, body, action, respond }) => {
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) {
      await ack();
      deps.logger.warn('approve click without a claim id', { user: body.user.id });
      return;
    }
    const locale = await deps.locales.localeOf(body.user.id);
    const outcome = await orTell(
      () =>
        decideClaim(decisionDeps, {
          claimId,
          deciderId: body.user.id,
          decision: 'approved',
          reason: null,
          now: deps.clock(),
        }),
      async () => {
        await ack();
        await tellClicker(respond, t(locale, 'interaction.not_recorded'));
      },
    );
    await ack();
    if (outcome.kind !== 'decided') {
      deps.logger.info('decision refused', { claimId, user: body.user.id, why: outcome.kind });
      await tellClicker(respond, describeDeclinedAction(outcome, locale));
      return;
    }
    deps.logger.info('claim decided', { claim: outcome.claim.reference, decision: 'approved', by: body.user.id });
    deps.outbox.wake();
  });

  // Reject asks for the reason first: the modal needs the trigger id within 3 s, so this click acks at
  // once; whether the clicker may decide is checked before the modal opens and again when it is sent.
  app.action<BlockAction<ButtonAction>>(REJECT_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) {
      deps.logger.warn('reject click without a claim id', { user: body.user.id });
      return;
    }
    const locale = await deps.locales.localeOf(body.user.id);
    const notOpened = () => tellClicker(respond, t(locale, 'interaction.not_opened'));
    const authorization = await orTell(
      () => authorizeDecision(decisionDeps, 'decide', { claimId, userId: body.user.id, now: deps.clock() }),
      notOpened,
    );
    if (authorization.kind !== 'allowed') {
      deps.logger.info('decision refused', { claimId, user: body.user.id, why: authorization.kind });
      await tellClicker(respond, describeDeclinedAction(authorization, locale));
      return;
    }
    const view = buildRejectModal({ locale, claimId, reference: authorization.claim.reference });
    await orTell(() => client.views.open({ trigger_id: body.trigger_id, view }), notOpened);
  });

  app.view(REJECT_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const locale = await deps.locales.localeOf(body.user.id);
    const parsed = parseRejectSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await orTell(
      () =>
        decideClaim(decisionDeps, {
          claimId: parsed.claimId,
          deciderId: body.user.id,
          decision: 'rejected',
          reason: parsed.reason,
          now: deps.clock(),
        }),
      () =>
        ack({
          response_action: 'errors',
          errors: { [REJECT_REASON_BLOCK_ID]: t(locale, 'interaction.field_not_recorded') },
        }),
    );
    if (outcome.kind !== 'decided') {
      // The modal is still open: say why on the field, the reviewer closes it.
      await ack({
        response_action: 'errors',
        errors: { [REJECT_REASON_BLOCK_ID]: describeDeclinedAction(outcome, locale) },
      });
      return;
    }
    await ack();
    deps.logger.info('claim decided', { claim: outcome.claim.reference, decision: 'rejected', by: body.user.id });
    deps.outbox.wake();
  });
}
