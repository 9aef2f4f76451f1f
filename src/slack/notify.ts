import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Claim } from '../domain/claim.ts';
import { recordClaimEvent, type ClaimEventKind } from '../db/audit.repository.ts';
import { recordReviewMessage } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import type { Locale } from '../i18n/messages.ts';
import type { AppLogger } from '../logger.ts';
import { buildDecisionDm, buildSubmissionDm } from './messages/professional-dm.ts';
import { buildReviewMessage } from './messages/review-message.ts';

export interface NotifyDeps {
  db: Db;
  client: WebClient;
  logger: AppLogger;
  reviewChannelId: string;
  locale: Locale;
  clock: () => Date;
}

interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

/** DMs go through conversations.open so they land in the app's Messages tab (scope im:write). */
export async function sendDirectMessage(client: WebClient, userId: string, message: SlackMessage): Promise<void> {
  const { channel } = await client.conversations.open({ users: userId });
  if (!channel?.id) throw new Error('conversations.open returned no channel');
  await client.chat.postMessage({ channel: channel.id, ...message });
}

/**
 * Runs one Slack step after a state change; a failure is logged and audited, and does not stop the
 * steps after it (a review post that fails must not also cost the professional their DM).
 */
async function step(deps: NotifyDeps, claim: Claim, what: string, failedKind: ClaimEventKind, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    deps.logger.error('slack delivery failed', { claim: claim.reference, step: what, slackError: code }, error);
    await recordClaimEvent(deps.db, {
      claimId: claim.id,
      kind: failedKind,
      actor: null,
      at: deps.clock(),
      details: { step: what, error: code ?? (error instanceof Error ? error.name : 'unknown') },
    });
  }
}

/** After a submission: a claim to review goes to the review channel; the professional always gets a DM. */
export async function announceSubmission(deps: NotifyDeps, claim: Claim): Promise<void> {
  if (claim.status === 'pending_review') {
    await step(deps, claim, 'review_post', 'post_failed', async () => {
      const posted = await deps.client.chat.postMessage({
        channel: deps.reviewChannelId,
        ...buildReviewMessage(claim, deps.locale),
      });
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no ts');
      await recordReviewMessage(deps.db, claim.id, posted.channel, posted.ts);
      await recordClaimEvent(deps.db, {
        claimId: claim.id,
        kind: 'posted',
        actor: null,
        at: deps.clock(),
        details: { channel: posted.channel, ts: posted.ts },
      });
      deps.logger.info('claim posted for review', { claim: claim.reference, channel: posted.channel });
    });
  }
  await notifyProfessional(deps, claim, 'submission_dm', () => buildSubmissionDm(claim, deps.locale));
}

/** After a decision: the review message loses its buttons and shows who decided; the professional is told. */
export async function announceDecision(deps: NotifyDeps, claim: Claim): Promise<void> {
  const { reviewChannelId, reviewMessageTs } = claim;
  if (reviewChannelId && reviewMessageTs) {
    await step(deps, claim, 'review_update', 'notify_failed', async () => {
      await deps.client.chat.update({
        channel: reviewChannelId,
        ts: reviewMessageTs,
        ...buildReviewMessage(claim, deps.locale),
      });
    });
  }
  await notifyProfessional(deps, claim, 'decision_dm', () => buildDecisionDm(claim, deps.locale));
}

async function notifyProfessional(deps: NotifyDeps, claim: Claim, what: string, buildMessage: () => SlackMessage) {
  await step(deps, claim, what, 'notify_failed', async () => {
    await sendDirectMessage(deps.client, claim.professionalId, buildMessage());
    await recordClaimEvent(deps.db, {
      claimId: claim.id,
      kind: 'notified',
      actor: null,
      at: deps.clock(),
      details: { step: what, to: claim.professionalId },
    });
    deps.logger.info('professional notified', { claim: claim.reference, step: what });
  });
}
