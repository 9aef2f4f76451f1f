import type { App } from '@slack/bolt';
import { DEFAULT_POLICY } from '../../domain/claim.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { t } from '../../i18n/messages.ts';
import { submitClaim } from '../../use-cases/submit-claim.ts';
import type { AppDeps } from '../deps.ts';
import { buildClaimResultView } from '../views/claim-result-view.ts';
import { parseRefundSubmission } from '../views/parse-refund-submission.ts';
import { REFUND_BLOCKS, REFUND_MODAL_CALLBACK_ID } from '../views/refund-modal.ts';

/**
 * Field errors can only travel in the submission's own ack, so parsing, the policy and the database
 * write all happen before it; the Slack messages that follow were queued with the claim and go out
 * through the outbox.
 */
export function registerRefundSubmission(app: App, deps: AppDeps): void {
  app.view(REFUND_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const now = deps.clock();
    const locale = await deps.localeOf(body.user.id);
    const parsed = parseRefundSubmission(view.state.values, {
      today: romeDateOf(now),
      maxCredits: deps.config.maxCreditsPerClaim,
      locale,
    });
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }

    let result;
    try {
      result = await submitClaim(
        {
          db: deps.db,
          policy: {
            ...DEFAULT_POLICY,
            maxCreditsPerClaim: deps.config.maxCreditsPerClaim,
            refundShareWarningPercent: deps.config.autoApproval.maxRefundSharePercent,
          },
          calendar: deps.calendar,
          sla: deps.sla,
          autoApproval: deps.config.autoApproval,
        },
        {
          teamId: body.team?.id ?? view.team_id,
          professionalId: body.user.id,
          sourceViewId: view.id,
          input: parsed.input,
          now,
        },
      );
    } catch (error) {
      // Keep the modal open with everything typed in it: nothing is lost, the user can send again.
      await ack({ response_action: 'errors', errors: { [REFUND_BLOCKS.description]: t(locale, 'error.generic') } });
      throw error;
    }

    const { claim, created } = result;
    await ack({
      response_action: 'update',
      view: buildClaimResultView({
        locale,
        reference: claim.reference,
        verdict: claim.verdict,
        deadlineOn: claim.reviewDeadlineOn,
        ...(claim.status === 'approved' ? { approvedCredits: claim.credits } : {}),
      }),
    });
    deps.logger.info('claim submitted', { claim: claim.reference, status: claim.status, replay: !created });
    if (created) deps.wakeOutbox();
  });
}
