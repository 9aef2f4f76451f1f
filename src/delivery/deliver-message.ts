/**
 * Delivery: the deliverer the outbox worker calls for each leased message, one handler per message kind. It renders
 * from the claim as it is now, skips what no longer makes sense, posts once (an earlier post whose outcome is
 * unknown is looked for first), and returns the audit and records for the worker to write with the finish.
 */
import type { KnownBlock } from '@slack/types';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Claim } from '../domain/claim.ts';
import { isDecided, isPending, isReversed, refundedChargeId, wasRefunded } from '../domain/claim-state.ts';
import { recordClaimEvent, type ClaimEventKind } from '../db/audit.repository.ts';
import { findClaimById, recordReviewMessage } from '../db/claim.repository.ts';
import { findQuestionById } from '../db/question.repository.ts';
import type { Question } from '../domain/question.ts';
import type { Db } from '../db/database.ts';
import { findCoveredMessages, settleCoveredMessages, type QueuedMessage } from '../db/outbox.repository.ts';
import type { Locale } from '../i18n/messages.ts';
import type { HomeView } from '../slack/views/home-view.ts';
import type { Homes } from '../slack/home.ts';
import type { LocaleDirectory } from '../slack/locales.ts';
import type { ReviewerDirectory } from '../slack/reviewers.ts';
import type { ClaimMessageKind, StandaloneMessageKind } from '../domain/message-kinds.ts';
import { createProfessionalPathHandlers } from './professional-path-handlers.ts';
import { sendRefundWebhook, sendReversalWebhook, type RefundWebhookTarget } from './refund-webhook.ts';
import { findPostedMessage, outboxMetadata } from './find-posted-message.ts';
import type { DeliveryResult } from './outbox-worker.ts';
import { deliverWeeklyReport } from './deliver-weekly-report.ts';
import type { AppLogger } from '../logger.ts';
import { buildDecisionDm, buildReversalDm, buildSubmissionDm } from '../slack/messages/professional-dm.ts';
import {
  buildAnswerThreadPost,
  buildQuestionDm,
  buildQuestionThreadPost,
} from '../slack/messages/question-messages.ts';
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
  /** The review channel's language (REVIEW_LOCALE). */
  reviewLocale: Locale;
  /** Each person's language, for what they read in their DMs. */
  locales: LocaleDirectory;
  escalation: EscalationTarget;
  /** Renders the App Home of one person (their claims, or a reviewer's queue). */
  homes: Homes;
  /** Whose Home a reviewers' refresh redraws. */
  reviewers: ReviewerDirectory;
  /** Where approved refunds are announced to the marketplace (REFUND_WEBHOOK_URL), if anywhere. */
  refundWebhook: RefundWebhookTarget | undefined;
  /** AUTO_APPROVE_REVERSAL_DAYS, shown on an automatic approval's review message. */
  reversalDays?: number;
  /** Sends the reply to a refund asked for by email (email-reply.ts). */
  emailReply: (message: QueuedMessage) => Promise<DeliveryResult>;
}

const SKIPPED: DeliveryResult = { outcome: 'skipped' };
const ReminderPayload = z.object({ businessDaysLeft: z.number().int() });
const QuestionPayload = z.object({ questionId: z.uuid() });
const HomePayload = z.union([z.object({ userId: z.string().min(1) }), z.object({ reviewers: z.literal(true) })]);

type PostArgs = { channel: string; thread_ts?: string; reply_broadcast?: boolean; text: string; blocks?: KnownBlock[] };

/**
 * Sends one queued message, rendered from the claim as it is now (a review post delivered after a
 * decision already shows the decision). Messages that no longer make sense are skipped, not sent: a
 * reminder for a decided claim, an update of a review post that never went out. What follows a send
 * (the review ts, the audit) is returned for the worker to record with the message's finish.
 */
export function createDeliverer(deps: DeliveryDeps) {
  const audited =
    (claim: Claim, kind: ClaimEventKind, details: Record<string, unknown>, also?: (trx: Db) => Promise<void>) =>
    async (trx: Db) => {
      await also?.(trx);
      await recordClaimEvent(trx, { claimId: claim.id, kind, actor: null, at: deps.clock(), details });
    };
  const delivered = (record?: (trx: Db) => Promise<void>): DeliveryResult =>
    record ? { outcome: 'delivered', record } : { outcome: 'delivered' };

  /**
   * Posts a message carrying its outbox id as metadata. When an earlier attempt's outcome is unknown
   * (the instance died, the lease ran out, the call timed out), looks for it first: found, it is not
   * posted again. Returns where the message is.
   */
  async function postOnce(message: QueuedMessage, args: PostArgs): Promise<{ channel: string; ts: string }> {
    if (message.outcomeUnknown) {
      const found = await findPostedMessage(deps.client, {
        channel: args.channel,
        ...(args.thread_ts ? { threadTs: args.thread_ts } : {}),
        outboxId: message.id,
        since: message.firstAttemptAt,
        now: deps.clock(),
      });
      if (found) {
        deps.logger.info('slack message found from an earlier attempt: not sent again', {
          outboxId: message.id,
          kind: message.kind,
        });
        return { channel: args.channel, ts: found };
      }
    }
    // The builders always give a `text`; the SDK's union of argument shapes cannot see it through the spread.
    const posted = await deps.client.chat.postMessage({
      ...args,
      metadata: outboxMetadata(message.id),
    } as ChatPostMessageArguments);
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    return { channel: posted.channel ?? args.channel, ts: posted.ts };
  }

  /** DMs go through conversations.open so they land in the app's Messages tab (scope im:write). */
  async function sendDm(message: QueuedMessage, userId: string, content: { text: string; blocks?: KnownBlock[] }) {
    const { channel } = await deps.client.conversations.open({ users: userId });
    if (!channel?.id) throw new Error('conversations.open returned no channel');
    await postOnce(message, { channel: channel.id, ...content });
  }

  const reviewOptions = deps.reversalDays === undefined ? {} : { reversalDays: deps.reversalDays };

  const handlers: Record<ClaimMessageKind, (claim: Claim, message: QueuedMessage) => Promise<DeliveryResult>> = {
    ...createProfessionalPathHandlers({
      db: deps.db,
      logger: deps.logger,
      reviewLocale: deps.reviewLocale,
      client: deps.client,
      clock: deps.clock,
      localeOf: (userId) => deps.locales.localeOf(userId),
      sendDm,
      postOnce,
      audited: (claim, kind, details) => audited(claim, kind, details),
    }),
    async review_post(claim, message) {
      if (claim.reviewMessageTs) return SKIPPED;
      const posted = await postOnce(message, {
        channel: deps.reviewChannelId,
        ...buildReviewMessage(claim, deps.reviewLocale, reviewOptions),
      });
      return delivered(
        audited(claim, 'posted', posted, (trx) => recordReviewMessage(trx, claim.id, posted.channel, posted.ts)),
      );
    },
    async review_update(claim) {
      if (!claim.reviewChannelId || !claim.reviewMessageTs) return SKIPPED;
      // The same content again is harmless: an update is repeated without looking for it first.
      await deps.client.chat.update({
        channel: claim.reviewChannelId,
        ts: claim.reviewMessageTs,
        ...buildReviewMessage(claim, deps.reviewLocale, reviewOptions),
      });
      return delivered();
    },
    async reminder(claim, message) {
      if (!isPending(claim)) return SKIPPED;
      const { businessDaysLeft } = ReminderPayload.parse(message.payload);
      await postOnce(message, {
        ...threadOf(claim),
        ...buildReminderMessage(claim, businessDaysLeft, deps.reviewLocale),
      });
      return delivered(audited(claim, 'reminded', { businessDaysLeft }));
    },
    async escalation(claim, message) {
      if (!isPending(claim)) return SKIPPED;
      // In the thread and, broadcast, in the channel: one message, seen in both places.
      const { channel, thread_ts } = threadOf(claim);
      const content = buildEscalationMessage(claim, deps.escalation, deps.reviewLocale);
      await postOnce(
        message,
        thread_ts ? { channel, thread_ts, reply_broadcast: true, ...content } : { channel, ...content },
      );
      return delivered(audited(claim, 'escalated', {}));
    },
    async submission_dm(claim, message) {
      const locale = await deps.locales.localeOf(claim.professionalId);
      await sendDm(message, claim.professionalId, buildSubmissionDm(claim, locale));
      return delivered(audited(claim, 'notified', { message: 'submission_dm', to: claim.professionalId }));
    },
    async decision_dm(claim, message) {
      if (!isDecided(claim)) return SKIPPED;
      const locale = await deps.locales.localeOf(claim.professionalId);
      await sendDm(message, claim.professionalId, buildDecisionDm(claim, locale));
      return delivered(audited(claim, 'notified', { message: 'decision_dm', to: claim.professionalId }));
    },
    async assignee_reminder_dm(claim, message) {
      if (!isPending(claim) || !claim.assignedTo) return SKIPPED;
      const { businessDaysLeft } = ReminderPayload.parse(message.payload);
      const locale = await deps.locales.localeOf(claim.assignedTo);
      await sendDm(message, claim.assignedTo, buildReminderMessage(claim, businessDaysLeft, locale));
      return delivered();
    },
    async question_post(claim, message) {
      const question = await questionOf(message);
      if (!question) return SKIPPED;
      await postOnce(message, { ...threadOf(claim), ...buildQuestionThreadPost(claim, question, deps.reviewLocale) });
      return delivered();
    },
    async question_dm(claim, message) {
      const question = await questionOf(message);
      if (!question) return SKIPPED;
      const locale = await deps.locales.localeOf(claim.professionalId);
      await sendDm(message, claim.professionalId, buildQuestionDm(claim, question, locale));
      return delivered(
        audited(claim, 'notified', { message: 'question_dm', to: claim.professionalId, questionId: question.id }),
      );
    },
    async answer_post(claim, message) {
      const question = await questionOf(message);
      if (!question?.answer) return SKIPPED;
      await postOnce(message, { ...threadOf(claim), ...buildAnswerThreadPost(claim, question, deps.reviewLocale) });
      return delivered();
    },
    async refund_webhook(claim) {
      // A reversed claim was approved first: the marketplace hears of both, in order (one lane).
      if (!wasRefunded(claim) || !claim.decidedAt || !deps.refundWebhook) return SKIPPED;
      const chargeId = refundedChargeId(claim);
      // After an unknown outcome it is sent again with the same bytes and Idempotency-Key: credited once.
      await sendRefundWebhook(deps.refundWebhook, {
        claimReference: claim.reference,
        professionalId: claim.professionalId,
        credits: claim.credits,
        chargeId,
        approvedAt: claim.decidedAt,
        automatic: claim.autoApprovedCase !== null,
      });
      return delivered(audited(claim, 'refund_sent', { credits: claim.credits, chargeId }));
    },
    async reversal_webhook(claim) {
      if (!isReversed(claim) || !claim.reversal || !deps.refundWebhook) return SKIPPED;
      const chargeId = refundedChargeId(claim);
      await sendReversalWebhook(deps.refundWebhook, {
        claimReference: claim.reference,
        professionalId: claim.professionalId,
        credits: claim.credits,
        chargeId,
        reversedAt: claim.reversal.at,
      });
      return delivered(audited(claim, 'reversal_sent', { credits: claim.credits, chargeId }));
    },
    async reversal_dm(claim, message) {
      if (!isReversed(claim)) return SKIPPED;
      const locale = await deps.locales.localeOf(claim.professionalId);
      await sendDm(message, claim.professionalId, buildReversalDm(claim, locale));
      return delivered(audited(claim, 'notified', { message: 'reversal_dm', to: claim.professionalId }));
    },
    async home_refresh(_claim, message) {
      const target = HomePayload.parse(message.payload);
      const users = 'userId' in target ? [target.userId] : await deps.reviewers.listReviewers();
      // One snapshot for the render and for finding the refreshes it covers: a change committed
      // after the snapshot keeps its own refresh. Busy days then cost one publish, not one per change.
      const { views, covered } = await deps.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const rendered: Array<[string, HomeView]> = [];
          for (const userId of users) rendered.push([userId, await deps.homes.render(userId, trx)]);
          return { views: rendered, covered: await findCoveredMessages(trx, message) };
        });
      // views.publish replaces the whole Home: publishing again after a partial failure is harmless.
      for (const [userId, view] of views) await deps.client.views.publish({ user_id: userId, view });
      return delivered(async (trx) => {
        await settleCoveredMessages(trx, covered, message.id, deps.clock());
      });
    },
  };

  async function questionOf(message: QueuedMessage): Promise<Question | undefined> {
    return findQuestionById(deps.db, QuestionPayload.parse(message.payload).questionId);
  }

  function threadOf(claim: Claim): { channel: string; thread_ts?: string } {
    const channel = claim.reviewChannelId ?? deps.reviewChannelId;
    return claim.reviewMessageTs ? { channel, thread_ts: claim.reviewMessageTs } : { channel };
  }

  /** Messages that follow no claim, by kind. */
  const standaloneHandlers: Record<StandaloneMessageKind, (message: QueuedMessage) => Promise<DeliveryResult>> = {
    weekly_report: (message) => deliverWeeklyReport({ ...deps, postOnce }, message),
    email_reply: (message) => deps.emailReply(message),
  };

  return async function deliver(message: QueuedMessage): Promise<DeliveryResult> {
    if (message.claimId === null) {
      const handler = standaloneHandlers[message.kind as StandaloneMessageKind] as
        ((message: QueuedMessage) => Promise<DeliveryResult>) | undefined;
      if (!handler) throw new Error(`no handler for a message of kind ${message.kind} without a claim`);
      const result = await handler(message);
      if (result.outcome === 'delivered') deps.logger.info('message delivered', { message: message.kind });
      return result;
    }
    const claim = await findClaimById(deps.db, message.claimId);
    if (!claim) return SKIPPED;
    const result = await handlers[message.kind as ClaimMessageKind](claim, message);
    if (result.outcome === 'delivered')
      deps.logger.info('slack message delivered', { claim: claim.reference, message: message.kind });
    return result;
  };
}
