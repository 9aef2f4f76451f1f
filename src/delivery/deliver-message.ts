import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Claim } from '../domain/claim.ts';
import { recordClaimEvent, type ClaimEventKind } from '../db/audit.repository.ts';
import { findClaimById, recordReviewMessage } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { Locale } from '../i18n/messages.ts';
import type { AppLogger } from '../logger.ts';
import { buildDecisionDm, buildSubmissionDm } from '../slack/messages/professional-dm.ts';
import { buildReviewMessage } from '../slack/messages/review-message.ts';
import type { EscalationTarget } from '../domain/sla.ts';
import { buildEscalationMessage, buildReminderMessage } from '../slack/messages/sla-messages.ts';

export interface DeliveryDeps {
  db: Db;
  /** A client that does not retry or pause on its own: the outbox decides when to try again. */
  client: WebClient;
  logger: AppLogger;
  clock: () => Date;
  reviewChannelId: string;
  locale: Locale;
  escalation: EscalationTarget;
}

type Outcome = 'delivered' | 'skipped';
const ReminderPayload = z.object({ businessDaysLeft: z.number().int() });

/** DMs go through conversations.open so they land in the app's Messages tab (scope im:write). */
async function sendDirectMessage(client: WebClient, userId: string, message: { text: string }): Promise<void> {
  const { channel } = await client.conversations.open({ users: userId });
  if (!channel?.id) throw new Error('conversations.open returned no channel');
  await client.chat.postMessage({ channel: channel.id, ...message });
}

/**
 * Sends one queued message, rendered from the claim as it is now (a review post delivered after a
 * decision already shows the decision). Messages that no longer make sense are skipped, not sent: a
 * reminder for a decided claim, an update of a review post that never went out.
 */
export function createDeliverer(deps: DeliveryDeps) {
  const audit = (claim: Claim, kind: ClaimEventKind, details: Record<string, unknown>) =>
    recordClaimEvent(deps.db, { claimId: claim.id, kind, actor: null, at: deps.clock(), details });

  const handlers: Record<QueuedMessage['kind'], (claim: Claim, message: QueuedMessage) => Promise<Outcome>> = {
    async review_post(claim) {
      if (claim.reviewMessageTs) return 'skipped';
      const posted = await deps.client.chat.postMessage({ channel: deps.reviewChannelId, ...buildReviewMessage(claim, deps.locale) });
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no ts');
      await recordReviewMessage(deps.db, claim.id, posted.channel, posted.ts);
      await audit(claim, 'posted', { channel: posted.channel, ts: posted.ts });
      return 'delivered';
    },
    async review_update(claim) {
      if (!claim.reviewChannelId || !claim.reviewMessageTs) return 'skipped';
      await deps.client.chat.update({ channel: claim.reviewChannelId, ts: claim.reviewMessageTs, ...buildReviewMessage(claim, deps.locale) });
      return 'delivered';
    },
    async reminder(claim, message) {
      if (claim.status !== 'pending_review') return 'skipped';
      const { businessDaysLeft } = ReminderPayload.parse(message.payload);
      await deps.client.chat.postMessage({ ...threadOf(claim), ...buildReminderMessage(claim, businessDaysLeft, deps.locale) });
      await audit(claim, 'reminded', { businessDaysLeft });
      return 'delivered';
    },
    async escalation(claim) {
      if (claim.status !== 'pending_review') return 'skipped';
      // In the thread and, broadcast, in the channel: one message, seen in both places.
      const { channel, thread_ts } = threadOf(claim);
      const message = buildEscalationMessage(claim, deps.escalation, deps.locale);
      await deps.client.chat.postMessage(
        thread_ts ? { channel, thread_ts, reply_broadcast: true, ...message } : { channel, ...message },
      );
      await audit(claim, 'escalated', {});
      return 'delivered';
    },
    async submission_dm(claim) {
      await sendDirectMessage(deps.client, claim.professionalId, buildSubmissionDm(claim, deps.locale));
      await audit(claim, 'notified', { message: 'submission_dm', to: claim.professionalId });
      return 'delivered';
    },
    async decision_dm(claim) {
      if (claim.status !== 'approved' && claim.status !== 'rejected') return 'skipped';
      await sendDirectMessage(deps.client, claim.professionalId, buildDecisionDm(claim, deps.locale));
      await audit(claim, 'notified', { message: 'decision_dm', to: claim.professionalId });
      return 'delivered';
    },
  };

  function threadOf(claim: Claim): { channel: string; thread_ts?: string } {
    const channel = claim.reviewChannelId ?? deps.reviewChannelId;
    return claim.reviewMessageTs ? { channel, thread_ts: claim.reviewMessageTs } : { channel };
  }

  return async function deliver(message: QueuedMessage): Promise<Outcome> {
    const claim = await findClaimById(deps.db, message.claimId);
    if (!claim) return 'skipped';
    const outcome = await handlers[message.kind](claim, message);
    if (outcome === 'delivered') deps.logger.info('slack message delivered', { claim: claim.reference, message: message.kind });
    return outcome;
  };
}
