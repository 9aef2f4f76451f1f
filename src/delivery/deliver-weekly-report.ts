import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { ReportFigures } from '../domain/ops-report.ts';
import type { Locale } from '../i18n/messages.ts';
import { buildReportMessage } from '../slack/messages/report-message.ts';

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

/** Posts a queued weekly report to the review channel, in the channel's language. */
export async function deliverWeeklyReport(
  deps: { client: WebClient; reviewChannelId: string; reviewLocale: Locale },
  message: QueuedMessage,
): Promise<'delivered'> {
  const { figures } = WeeklyReportPayload.parse(message.payload);
  await deps.client.chat.postMessage({
    channel: deps.reviewChannelId,
    ...buildReportMessage(figures as ReportFigures, deps.reviewLocale),
  });
  return 'delivered';
}
