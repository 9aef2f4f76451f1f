/**
 * Listener: "ask for a review" on an ineligible claim. The button opens the reason's modal (or says why the
 * clicker may not), and the submission records the contest through the contest-claim use case before its ack.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ClaimantDeclined } from '../../domain/claim-state.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { authorizeContest, contestClaim } from '../../use-cases/contest-claim.ts';
import type { AppDeps } from '../deps.ts';
import { CONTEST_ACTION_ID } from '../messages/contest-button.ts';
import { parseClaimIdFromAction } from '../messages/review-message.ts';
import { escapeMrkdwn } from '../messages/slack-text.ts';
import { describeIneligibility } from '../messages/verdict-text.ts';
import { orTell } from './write-or-tell.ts';
import {
  CONTEST_MODAL,
  buildContestModal,
  buildContestNoticeView,
  buildContestSentView,
  parseContestSubmission,
} from '../views/contest-modal.ts';

function describeContestRefusal(refusal: ClaimantDeclined | 'not_found', reference: string, locale: Locale): string {
  if (refusal === 'not_found') return t(locale, 'decide.not_found');
  const key =
    refusal === 'not_yours'
      ? 'contest.not_yours'
      : refusal === 'already_contested'
        ? 'contest.already'
        : 'contest.not_ineligible';
  return t(locale, key, { reference: escapeMrkdwn(reference) });
}

/** "Chiedi una verifica" on an ineligible claim's DM or result view: the reason's modal, then the contest. */
export function registerContest(app: App, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(CONTEST_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    const claimId = parseClaimIdFromAction(action.value);
    if (!claimId) return;
    const [locale, access] = await Promise.all([
      deps.locales.localeOf(body.user.id),
      authorizeContest(deps, claimId, body.user.id),
    ]);
    const view =
      access.kind === 'allowed' && access.claim.verdict.kind === 'ineligible'
        ? buildContestModal({
            locale,
            claimId,
            reference: access.claim.reference,
            why: describeIneligibility(access.claim.verdict, locale),
          })
        : buildContestNoticeView(
            locale,
            describeContestRefusal(
              access.kind === 'allowed' ? 'not_ineligible' : access.kind,
              access.kind === 'not_found' ? '' : access.claim.reference,
              locale,
            ),
          );
    // From the result view (a modal) the reason's modal goes on top; from the DM it opens.
    if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  });

  app.view(CONTEST_MODAL.callbackId, async ({ ack, body, view }) => {
    const locale = await deps.locales.localeOf(body.user.id);
    const parsed = parseContestSubmission(view.state.values, view.private_metadata, locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const outcome = await orTell(
      () =>
        contestClaim(
          { db: deps.db, calendar: deps.calendar, sla: deps.sla },
          {
            claimId: parsed.recordId,
            userId: body.user.id,
            reason: parsed.text,
            sourceViewId: view.id,
            now: deps.clock(),
          },
        ),
      () =>
        ack({
          response_action: 'errors',
          errors: { [CONTEST_MODAL.blockId]: t(locale, 'interaction.field_not_recorded') },
        }),
    );
    if (outcome.kind !== 'contested') {
      const reference = outcome.kind === 'not_found' ? '' : outcome.claim.reference;
      await ack({
        response_action: 'errors',
        errors: { [CONTEST_MODAL.blockId]: describeContestRefusal(outcome.kind, reference, locale) },
      });
      return;
    }
    const { claim, created } = outcome;
    await ack({
      response_action: 'update',
      view: buildContestSentView(locale, claim.reference, claim.reviewDeadlineOn ?? ''),
    });
    deps.logger.info('claim contested', { claim: claim.reference, replay: !created });
    if (created) deps.outbox.wake();
  });
}
