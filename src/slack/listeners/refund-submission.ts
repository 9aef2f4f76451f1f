/**
 * Listener: the refund form's submission. It parses the form, runs the submit-claim use case (policy and
 * database write) before the ack, so correctable problems come back as field errors; the Slack messages that
 * follow go out through the outbox.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { DEFAULT_POLICY, type ClaimInput } from '../../domain/claim.ts';
import { canBeContested, isRefundStanding } from '../../domain/claim-state.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { claimInputFromChosenCharge } from '../../use-cases/load-charge-choice.ts';
import { submitClaim } from '../../use-cases/submit-claim.ts';
import type { AppDeps } from '../deps.ts';
import { CHARGE_BLOCK_ID } from '../views/charge-select.ts';
import { buildClaimResultView } from '../views/claim-result-view.ts';
import { parseEvidence } from '../views/evidence-input.ts';
import { parseChosenChargeSubmission, readChosenChargeId } from '../views/parse-charge-submission.ts';
import { parseRefundSubmission, type RefundSubmissionContext } from '../views/parse-refund-submission.ts';
import { correctionErrors, tooManyPendingErrors, type FormShape } from '../views/refund-corrections.ts';
import { REFUND_BLOCKS, REFUND_MODAL_CALLBACK_ID } from '../views/refund-modal.ts';
import { orTell } from './write-or-tell.ts';

const Metadata = z.object({ chargeList: z.enum(['none', 'static', 'external']) });

function formShapeOf(privateMetadata: string | undefined, chargeChosen: boolean): FormShape {
  let chargeList = false;
  try {
    chargeList = Metadata.parse(JSON.parse(privateMetadata ?? '')).chargeList !== 'none';
  } catch {
    // A modal opened before the list existed, or metadata we did not write: the typed form.
  }
  return { chargeList, chargeChosen };
}

type FormReading = { ok: true; input: ClaimInput } | { ok: false; errors: Record<string, string> };

/** The claim the form describes: typed by hand, or taken from the charge picked in the list. */
async function readForm(
  deps: AppDeps,
  values: unknown,
  professionalId: string,
  ctx: RefundSubmissionContext,
): Promise<FormReading> {
  const chargeId = readChosenChargeId(values);
  if (chargeId === null) return parseRefundSubmission(values, ctx);
  const parsed = parseChosenChargeSubmission(values, chargeId, ctx);
  if (!parsed.ok) return parsed;
  const input = await claimInputFromChosenCharge(deps.db, chargeId, professionalId, parsed.form);
  if (!input) return { ok: false, errors: { [CHARGE_BLOCK_ID]: t(ctx.locale, 'field.charge_unknown') } };
  return { ok: true, input };
}

/**
 * Field errors can only travel in the submission's own ack, so parsing, the policy and the database
 * write all happen before it; the Slack messages that follow were queued with the claim and go out
 * through the outbox. What the professional can correct comes back as field errors, nothing stored.
 */
export function registerRefundSubmission(app: App, deps: AppDeps): void {
  app.view(REFUND_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const now = deps.clock();
    const locale: Locale = await deps.locales.localeOf(body.user.id);
    const ctx = { today: romeDateOf(now), maxCredits: deps.config.maxCreditsPerClaim, locale };
    const shape = formShapeOf(view.private_metadata, readChosenChargeId(view.state.values) !== null);

    // On failure the modal stays open with everything typed in it: nothing is lost, the user sends again.
    const notRecorded = () =>
      ack({
        response_action: 'errors',
        errors: { [REFUND_BLOCKS.description]: t(locale, 'interaction.field_not_recorded') },
      });
    const form = await orTell(() => readForm(deps, view.state.values, body.user.id, ctx), notRecorded);
    const evidence = parseEvidence(view.state.values, locale);
    if (!form.ok || !evidence.ok) {
      await ack({
        response_action: 'errors',
        errors: { ...(form.ok ? {} : form.errors), ...(evidence.ok ? {} : evidence.errors) },
      });
      return;
    }
    const result = await orTell(
      () =>
        submitClaim(
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
            maxPendingClaims: deps.config.maxPendingClaims,
          },
          {
            teamId: body.team?.id ?? view.team_id,
            professionalId: body.user.id,
            sourceViewId: view.id,
            input: form.input,
            evidence: evidence.files,
            now,
          },
        ),
      notRecorded,
    );

    if (result.kind === 'correct') {
      await ack({ response_action: 'errors', errors: correctionErrors(result.rule, result.params, shape, locale) });
      deps.logger.info('claim returned for correction', { rule: result.rule });
      return;
    }
    if (result.kind === 'too_many_pending') {
      await ack({ response_action: 'errors', errors: tooManyPendingErrors(result.pending, result.max, shape, locale) });
      deps.logger.info('claim refused over the pending limit', { pending: result.pending.length });
      return;
    }
    const { claim, created } = result;
    await ack({
      response_action: 'update',
      view: buildClaimResultView({
        locale,
        reference: claim.reference,
        verdict: claim.verdict,
        deadlineOn: claim.reviewDeadlineOn,
        ...(isRefundStanding(claim) ? { approvedCredits: claim.credits } : {}),
        contestableClaimId: canBeContested(claim) ? claim.id : null,
      }),
    });
    deps.logger.info('claim submitted', { claim: claim.reference, status: claim.status, replay: !created });
    if (created) deps.outbox.wake();
  });
}
