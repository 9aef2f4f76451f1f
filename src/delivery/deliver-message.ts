import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Claim } from '../domain/claim.ts';
import { recordClaimEvent, type ClaimEventKind } from '../db/audit.repository.ts';
import { findClaimById, recordReviewMessage } from '../db/claim.repository.ts';
import { findQuestionById, type Question } from '../db/question.repository.ts';
import type { Db } from '../db/database.ts';
import { settleCoveredMessages, type QueuedMessage } from '../db/outbox.repository.ts';
import type { Locale } from '../i18n/messages.ts';
import type { HomeView } from '../slack/views/home-view.ts';
import type { ClaimMessageKind, StandaloneMessageKind } from './message-kinds.ts';
import { createProfessionalPathHandlers } from './professional-path-handlers.ts';
import { sendRefundWebhook, sendReversalWebhook, type RefundWebhookTarget } from './refund-webhook.ts';
import { deliverWeeklyReport } from './deliver-weekly-report.ts';
import type { AppLogger } from '../logger.ts';
import { buildDecisionDm, buildReversalDm, buildSubmissionDm } from '../slack/messages/professional-dm.ts';
import { buildAnswerThreadPost, buildQuestionDm, buildQuestionThreadPost } from '../slack/messages/question-messages.ts';
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
  localeOf: (userId: string) => Promise<Locale>;
  escalation: EscalationTarget;
  /** Renders the App Home of one person (their claims, or a reviewer's queue), reading from `db`. */
  renderHome: (userId: string, db: Db) => Promise<HomeView>;
  listReviewers: () => Promise<string[]>;
  /** Where approved refunds are announced to the marketplace (REFUND_WEBHOOK_URL), if anywhere. */
  refundWebhook: RefundWebhookTarget | undefined;
  /** AUTO_APPROVE_REVERSAL_DAYS, shown on an automatic approval's review message. */
  reversalDays?: number;
  /** Sends the reply to a refund asked for by email (email-reply.ts). */
  emailReply: (message: QueuedMessage) => Promise<Outcome>;
}

type Outcome = 'delivered' | 'skipped';
const ReminderPayload = z.object({ businessDaysLeft: z.number().int() });
const QuestionPayload = z.object({ questionId: z.uuid() });
const HomePayload = z.union([z.object({ userId: z.string().min(1) }), z.object({ reviewers: z.literal(true) })]);

/** DMs go through conversations.open so they land in the app's Messages tab (scope im:write). */
export async function sendDirectMessage(client: WebClient, userId: string, message: { text: string; blocks?: KnownBlock[] }): Promise<void> {
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
  const reviewOptions = deps.reversalDays === undefined ? {} : { reversalDays: deps.reversalDays };
  const audit = (claim: Claim, kind: ClaimEventKind, details: Record<string, unknown>) =>
    recordClaimEvent(deps.db, { claimId: claim.id, kind, actor: null, at: deps.clock(), details });

  const handlers: Record<ClaimMessageKind, (claim: Claim, message: QueuedMessage) => Promise<Outcome>> = {
    ...createProfessionalPathHandlers({
      db: deps.db,
      logger: deps.logger,
      reviewLocale: deps.reviewLocale,
      client: deps.client,
      localeOf: deps.localeOf,
      audit,
      sendDirectMessage,
    }),
    async review_post(claim) {
      if (claim.reviewMessageTs) return 'skipped';
      const posted = await deps.client.chat.postMessage({ channel: deps.reviewChannelId, ...buildReviewMessage(claim, deps.reviewLocale, reviewOptions) });
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no ts');
      await recordReviewMessage(deps.db, claim.id, posted.channel, posted.ts);
      await audit(claim, 'posted', { channel: posted.channel, ts: posted.ts });
      return 'delivered';
    },
    async review_update(claim) {
      if (!claim.reviewChannelId || !claim.reviewMessageTs) return 'skipped';
      await deps.client.chat.update({ channel: claim.reviewChannelId, ts: claim.reviewMessageTs, ...buildReviewMessage(claim, deps.reviewLocale, reviewOptions) });
      return 'delivered';
    },
    async reminder(claim, message) {
      if (claim.status !== 'pending_review') return 'skipped';
      const { businessDaysLeft } = ReminderPayload.parse(message.payload);
      await deps.client.chat.postMessage({ ...threadOf(claim), ...buildReminderMessage(claim, businessDaysLeft, deps.reviewLocale) });
      await audit(claim, 'reminded', { businessDaysLeft });
      return 'delivered';
    },
    async escalation(claim) {
      if (claim.status !== 'pending_review') return 'skipped';
      // In the thread and, broadcast, in the channel: one message, seen in both places.
      const { channel, thread_ts } = threadOf(claim);
      const message = buildEscalationMessage(claim, deps.escalation, deps.reviewLocale);
      await deps.client.chat.postMessage(
        thread_ts ? { channel, thread_ts, reply_broadcast: true, ...message } : { channel, ...message },
      );
      await audit(claim, 'escalated', {});
      return 'delivered';
    },
    async submission_dm(claim) {
      const locale = await deps.localeOf(claim.professionalId);
      await sendDirectMessage(deps.client, claim.professionalId, buildSubmissionDm(claim, locale));
      await audit(claim, 'notified', { message: 'submission_dm', to: claim.professionalId });
      return 'delivered';
    },
    async decision_dm(claim) {
      if (claim.status !== 'approved' && claim.status !== 'rejected') return 'skipped';
      const locale = await deps.localeOf(claim.professionalId);
      await sendDirectMessage(deps.client, claim.professionalId, buildDecisionDm(claim, locale));
      await audit(claim, 'notified', { message: 'decision_dm', to: claim.professionalId });
      return 'delivered';
    },
    async assignee_reminder_dm(claim, message) {
      if (claim.status !== 'pending_review' || !claim.assignedTo) return 'skipped';
      const { businessDaysLeft } = ReminderPayload.parse(message.payload);
      const locale = await deps.localeOf(claim.assignedTo);
      await sendDirectMessage(deps.client, claim.assignedTo, buildReminderMessage(claim, businessDaysLeft, locale));
      return 'delivered';
    },
    async question_post(claim, message) {
      const question = await questionOf(message);
      if (!question) return 'skipped';
      await deps.client.chat.postMessage({ ...threadOf(claim), ...buildQuestionThreadPost(claim, question, deps.reviewLocale) });
      return 'delivered';
    },
    async question_dm(claim, message) {
      const question = await questionOf(message);
      if (!question) return 'skipped';
      const locale = await deps.localeOf(claim.professionalId);
      await sendDirectMessage(deps.client, claim.professionalId, buildQuestionDm(claim, question, locale));
      await audit(claim, 'notified', { message: 'question_dm', to: claim.professionalId, questionId: question.id });
      return 'delivered';
    },
    async answer_post(claim, message) {
      const question = await questionOf(message);
      if (!question?.answer) return 'skipped';
      await deps.client.chat.postMessage({ ...threadOf(claim), ...buildAnswerThreadPost(claim, question, deps.reviewLocale) });
      return 'delivered';
    },
    async refund_webhook(claim) {
      // A reversed claim was approved first: the marketplace hears of both, in order (one lane).
      if ((claim.status !== 'approved' && claim.status !== 'reversed') || !claim.decidedAt || !deps.refundWebhook) return 'skipped';
      const chargeId = claim.verdict.kind === 'to_review' ? (claim.verdict.matchedChargeId ?? null) : null;
      await sendRefundWebhook(deps.refundWebhook, {
        claimReference: claim.reference,
        professionalId: claim.professionalId,
        credits: claim.credits,
        chargeId,
        approvedAt: claim.decidedAt,
        automatic: claim.autoApprovedCase !== null,
      });
      await audit(claim, 'refund_sent', { credits: claim.credits, chargeId });
      return 'delivered';
    },
    async reversal_webhook(claim) {
      if (claim.status !== 'reversed' || !claim.reversal || !deps.refundWebhook) return 'skipped';
      const chargeId = claim.verdict.kind === 'to_review' ? (claim.verdict.matchedChargeId ?? null) : null;
      await sendReversalWebhook(deps.refundWebhook, {
        claimReference: claim.reference,
        professionalId: claim.professionalId,
        credits: claim.credits,
        chargeId,
        reversedAt: claim.reversal.at,
      });
      await audit(claim, 'reversal_sent', { credits: claim.credits, chargeId });
      return 'delivered';
    },
    async reversal_dm(claim) {
      if (claim.status !== 'reversed') return 'skipped';
      const locale = await deps.localeOf(claim.professionalId);
      await sendDirectMessage(deps.client, claim.professionalId, buildReversalDm(claim, locale));
      await audit(claim, 'notified', { message: 'reversal_dm', to: claim.professionalId });
      return 'delivered';
    },
    async home_refresh(_claim, message) {
      const target = HomePayload.parse(message.payload);
      const users = 'userId' in target ? [target.userId] : await deps.listReviewers();
      // One snapshot for the render and for settling the refreshes it covers: a change committed
      // after the snapshot keeps its own refresh. Busy days then cost one publish, not one per change.
      const views = await deps.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const rendered: Array<[string, HomeView]> = [];
          for (const userId of users) rendered.push([userId, await deps.renderHome(userId, trx)]);
          await settleCoveredMessages(trx, message, deps.clock());
          return rendered;
        });
      // views.publish replaces the whole Home: publishing again after a partial failure is harmless.
      for (const [userId, view] of views) await deps.client.views.publish({ user_id: userId, view });
      return 'delivered';
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
  const standaloneHandlers: Record<StandaloneMessageKind, (message: QueuedMessage) => Promise<Outcome>> = {
    weekly_report: (message) => deliverWeeklyReport(deps, message),
    email_reply: (message) => deps.emailReply(message),
  };

  return async function deliver(message: QueuedMessage): Promise<Outcome> {
    if (message.claimId === null) {
      const handler = standaloneHandlers[message.kind as StandaloneMessageKind] as
        | ((message: QueuedMessage) => Promise<Outcome>)
        | undefined;
      if (!handler) throw new Error(`no handler for a message of kind ${message.kind} without a claim`);
      const outcome = await handler(message);
      if (outcome === 'delivered') deps.logger.info('message delivered', { message: message.kind });
      return outcome;
    }
    const claim = await findClaimById(deps.db, message.claimId);
    if (!claim) return 'skipped';
    const outcome = await handlers[message.kind as ClaimMessageKind](claim, message);
    if (outcome === 'delivered') deps.logger.info('slack message delivered', { claim: claim.reference, message: message.kind });
    return outcome;
  };
}
