/**
 * Delivery: the outbox's `weekly_report` message, posted to the review channel through the deliverer's `postOnce`.
 * The figures come from the payload, computed when the report was queued, so a retry posts the same ones.
 */
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { ReportFigures } from '../domain/ops-report.ts';
import type { Locale } from '../i18n/messages.ts';
import { buildReportMessage } from '../slack/messages/report-message.ts';
import type { DeliveryResult } from './outbox-worker.ts';

// The figures were computed when the report was queued; a retry posts the same ones.
const WeeklyReportPayload = z.object({
  figures: z.object({
    period: z.object({ kind: z.enum(['week', 'month']), from: z.string(), to: z.string() }),
    received: z.object({ total: z.number(), toReview: z.number(), ineligible: z.number() }),
    decided: z.object({
      total: z.number(),
      approved: z.number(),
      rejected: z.number(),
      withinDeadline: z.number(),
      withinDeadlineShare: z.number().nullable(),
      medianBusinessDays: z.number().nullable(),
    }),
    byReason: z.array(
      z.object({
        reason: z.string(),
        received: z.number(),
        ineligible: z.number(),
        approved: z.number(),
        rejected: z.number(),
      }),
    ),
    creditsRefunded: z.number(),
    overdueNow: z.number(),
    topProfessionals: z.array(
      z.object({
        professionalId: z.string(),
        creditsRefunded: z.number(),
        creditsCharged: z.number(),
        share: z.number().nullable(),
      }),
    ),
  }),
});

/**
 * Posts a queued weekly report to the review channel, in the channel's language, through the
 * deliverer's `postOnce`: it carries its outbox id as metadata and is looked for before a resend.
 */
export async function deliverWeeklyReport(
  deps: {
    reviewChannelId: string;
    reviewLocale: Locale;
    postOnce: (
      message: QueuedMessage,
      args: { channel: string; text: string; blocks?: KnownBlock[] },
    ) => Promise<unknown>;
  },
  message: QueuedMessage,
): Promise<DeliveryResult> {
  const { figures } = WeeklyReportPayload.parse(message.payload);
  await deps.postOnce(message, {
    channel: deps.reviewChannelId,
    ...buildReportMessage(figures as ReportFigures, deps.reviewLocale),
  });
  return { outcome: 'delivered' };
}
