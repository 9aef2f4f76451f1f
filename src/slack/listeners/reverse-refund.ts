/** Listeners: "Annulla rimborso" on an automatic approval, and the reason modal it opens. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { authorizeReversal, reverseRefund, type ReversalDeps } from '../../use-cases/reverse-refund.ts';
import type { AppDeps } from '../deps.ts';
import { REVERSE_ACTION_ID } from '../messages/auto-approval-blocks.ts';
import { parseClaimIdFromAction } from '../messages/review-message.ts';
import { describeDeclinedReversal } from '../declined-action-text.ts';
import {
  REVERSE_MODAL_CALLBACK_ID,
  REVERSE_REASON_BLOCK_ID,
  buildReverseModal,
  parseReverseSubmission,
} from '../views/reverse-modal.ts';

/**
 * "Annulla rimborso" on an automatic approval: asks the reviewer for the reason, then reverses. Who
 * may, and whether the refund can still be reversed, is checked before the modal opens and again on
 * submit; a denial is told only to the clicker (response_url, as for the review buttons).
 */
export function registerReverseRefund(app: App, deps: AppDeps): void {
  const reversalDeps: ReversalDeps = {
    db: deps.db,
    isReviewer: (userId) => deps.reviewers.isReviewer(userId),
    config: deps.config.autoApproval,
  };
  const reversalDays = deps.config.autoApproval.reversalDays;

  app.action<BlockAction<ButtonAction>>(REVERSE_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) {
      deps.logger.warn('reverse click without a claim id', { user: body.user.id });
      return;
    }
    const locale = await deps.locales.localeOf(body.user.id);
    const authorization = await authorizeReversal(reversalDeps, claimId, body.user.id, deps.clock());
    if (authorization.kind !== 'allowed') {
      deps.logger.info('reversal refused', { claimId, user: body.user.id, why: authorization.kind });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: describeDeclinedReversal(authorization, locale, reversalDays),
      });
      return;
    }
    const { claim } = authorization;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildReverseModal({ locale, claimId, reference: claim.reference, credits: claim.credits }),
    });
  });

  app.view(REVERSE_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const locale = await deps.locales.localeOf(body.user.id);
    const parsed = parseReverseSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await reverseRefund(reversalDeps, {
      claimId: parsed.claimId,
      reviewerId: body.user.id,
      reason: parsed.reason,
      now: deps.clock(),
    });
    if (outcome.kind !== 'reversed') {
      await ack({
        response_action: 'errors',
        errors: { [REVERSE_REASON_BLOCK_ID]: describeDeclinedReversal(outcome, locale, reversalDays) },
      });
      return;
    }
    await ack();
    deps.logger.info('refund reversed', { claim: outcome.claim.reference, by: body.user.id });
    deps.outbox.wake();
  });
}
