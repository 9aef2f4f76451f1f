/**
 * Message builder (pure): the team's report (claims received and decided, deadlines kept, credits
 * refunded, by reason, top professionals) as a Slack message, the same for the Monday post and for
 * `/rimborso report`.
 */
import type { KnownBlock } from '@slack/types';
import type { ReportFigures } from '../../domain/ops-report.ts';
import { formatDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { REASONS, type Reason } from '../../domain/claim.ts';
import type { SlackMessage } from './slack-text.ts';

export const REPORT_HEADER_BLOCK_ID = 'report_header';
export const REPORT_SUMMARY_BLOCK_ID = 'report_summary';
export const REPORT_REASONS_BLOCK_ID = 'report_reasons';
export const REPORT_PROFESSIONALS_BLOCK_ID = 'report_professionals';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const oneDecimal = (value: number, locale: Locale) =>
  value.toLocaleString(locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 });

function reasonLabel(reason: string, locale: Locale): string {
  return (REASONS as readonly string[]).includes(reason) ? t(locale, `reason.${reason as Reason}`) : reason;
}

function summaryLines(figures: ReportFigures, locale: Locale): string[] {
  const { received, decided } = figures;
  const lines = [t(locale, 'report.received', { ...received })];
  if (decided.total === 0) lines.push(t(locale, 'report.decided_none'));
  else {
    lines.push(
      t(locale, 'report.decided', { total: decided.total, approved: decided.approved, rejected: decided.rejected }),
    );
    lines.push(
      t(locale, 'report.within_deadline', {
        share: percent(decided.withinDeadlineShare ?? 0),
        within: decided.withinDeadline,
        total: decided.total,
      }),
    );
  }
  if (decided.medianBusinessDays !== null)
    lines.push(t(locale, 'report.median', { days: oneDecimal(decided.medianBusinessDays, locale) }));
  lines.push(t(locale, 'report.credits', { credits: figures.creditsRefunded }));
  lines.push(t(locale, 'report.overdue', { count: figures.overdueNow }));
  return lines;
}

function professionalLines(figures: ReportFigures, locale: Locale): string[] {
  if (figures.topProfessionals.length === 0) return [t(locale, 'report.top_none')];
  return figures.topProfessionals.map((p) =>
    p.share === null
      ? t(locale, 'report.top_line_no_ledger', { user: p.professionalId, refunded: p.creditsRefunded })
      : t(locale, 'report.top_line', {
          user: p.professionalId,
          refunded: p.creditsRefunded,
          charged: p.creditsCharged,
          share: percent(p.share),
        }),
  );
}

/** The report as a Slack message: the same for the Monday post and for `/rimborso report`. */
export function buildReportMessage(figures: ReportFigures, locale: Locale): SlackMessage {
  const { period } = figures;
  const title = t(locale, period.kind === 'week' ? 'report.header_week' : 'report.header_month', {
    from: formatDate(period.from, locale),
    to: formatDate(period.to, locale),
  });
  const summary = summaryLines(figures, locale);
  const reasons = [
    t(locale, 'report.by_reason_title'),
    ...figures.byReason.map((r) => t(locale, 'report.by_reason_line', { ...r, reason: reasonLabel(r.reason, locale) })),
  ];
  const professionals = [t(locale, 'report.top_title'), ...professionalLines(figures, locale)];
  const section = (blockId: string, lines: string[]): KnownBlock => ({
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) },
  });
  return {
    text: `${title}\n${summary.join('\n')}`,
    blocks: [
      { type: 'header', block_id: REPORT_HEADER_BLOCK_ID, text: { type: 'plain_text', text: title.slice(0, 150) } },
      section(REPORT_SUMMARY_BLOCK_ID, summary),
      ...(figures.byReason.length > 0 ? [section(REPORT_REASONS_BLOCK_ID, reasons)] : []),
      section(REPORT_PROFESSIONALS_BLOCK_ID, professionals),
    ],
  };
}
