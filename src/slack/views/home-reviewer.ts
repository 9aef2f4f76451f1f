/**
 * Builder (pure): a reviewer's App Home tab — the claims waiting for a decision, nearest deadline first, each
 * with its business days left (counted like the SLA reminders) and who took it; above them, messages the outbox
 * holds blocked, with what a person can do about each cause. Chosen and published through home-view.ts.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { businessDaysBetween, type BusinessCalendar } from '../../domain/business-days.ts';
import type { Claim, IsoDate } from '../../domain/claim.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { formatDateTime, formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { mentionUser } from '../messages/review-details.ts';
import { BLOCK_KIT_LIMITS, escapeAndTruncate, mrkdwn, plainText, section } from '../messages/slack-text.ts';

export const REVIEWER_HOME_EMPTY_BLOCK_ID = 'home_reviewer_empty';
export const REVIEWER_HOME_MORE_BLOCK_ID = 'home_reviewer_more';
export const REVIEWER_HOME_BLOCKED_BLOCK_ID = 'home_reviewer_blocked';

/** One section per claim: 40 of them and the tab's fixed blocks stay below a home tab's 100. */
export const REVIEWER_HOME_MAX_CLAIMS = 40;

const REFERENCE_BUDGET = 60;

export interface ReviewerHomeOptions {
  /** Claims waiting for a decision, in any order. */
  pending: readonly Claim[];
  locale: Locale;
  now: Date;
  calendar: BusinessCalendar;
  /** How many claims wait in all, when `pending` is only the first page. */
  totalPending?: number;
  /** Messages waiting blocked for a cause a person must fix, by cause. */
  blocked?: ReadonlyArray<{ cause: string; count: number }>;
}

type BlockedHint = 'channel' | 'archived' | 'token' | 'permission' | 'webhook' | 'other';

/** What the reviewers can do about a cause Slack (or the marketplace) gave. */
function hintOf(cause: string): BlockedHint {
  if (cause === 'not_in_channel' || cause === 'channel_not_found') return 'channel';
  if (cause === 'is_archived') return 'archived';
  if (['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed'].includes(cause))
    return 'token';
  if (
    [
      'missing_scope',
      'no_permission',
      'restricted_action',
      'team_access_not_granted',
      'not_allowed_token_type',
    ].includes(cause)
  ) {
    return 'permission';
  }
  if (cause.startsWith('http_')) return 'webhook';
  return 'other';
}

/** "3 messages blocked: invite the bot to the review channel", one line per kind of fix. */
function describeBlocked(blocked: ReadonlyArray<{ cause: string; count: number }>, locale: Locale): string | undefined {
  const byHint = new Map<BlockedHint, number>();
  for (const { cause, count } of blocked) byHint.set(hintOf(cause), (byHint.get(hintOf(cause)) ?? 0) + count);
  const lines = [...byHint].map(([hint, count]) => {
    const fix = t(locale, `delivery.hint.${hint}`);
    return count === 1
      ? t(locale, 'delivery.blocked_one', { hint: fix })
      : t(locale, 'delivery.blocked', { count, hint: fix });
  });
  return lines.length ? [...lines, t(locale, 'delivery.blocked_footer')].join('\n') : undefined;
}

/** Earliest deadline first; a claim without one (should not happen) last; ties by age, then reference. */
function byDeadline(a: Claim, b: Claim): number {
  if (a.reviewDeadlineOn !== b.reviewDeadlineOn) {
    if (a.reviewDeadlineOn === null) return 1;
    if (b.reviewDeadlineOn === null) return -1;
    return a.reviewDeadlineOn < b.reviewDeadlineOn ? -1 : 1;
  }
  return a.submittedAt.getTime() - b.submittedAt.getTime() || a.reference.localeCompare(b.reference);
}

interface TimeLeft {
  mark: string;
  text: string;
}

/** Counted like the SLA reminders: business days d with today < d <= deadline. */
function describeTimeLeft(deadline: IsoDate, today: IsoDate, calendar: BusinessCalendar, locale: Locale): TimeLeft {
  if (deadline < today) {
    const late = businessDaysBetween(deadline, today, calendar.isBusinessDay);
    const text =
      late === 0
        ? t(locale, 'home.rev.overdue_none')
        : late === 1
          ? t(locale, 'home.rev.overdue_one')
          : t(locale, 'home.rev.overdue', { days: late });
    return { mark: '🔴', text: `*${text}*` };
  }
  const left = businessDaysBetween(today, deadline, calendar.isBusinessDay);
  if (left === 0) return { mark: '🟠', text: `*${t(locale, 'home.rev.last_day')}*` };
  if (left === 1) return { mark: '🟠', text: t(locale, 'home.rev.days_left_one') };
  return { mark: '🟢', text: t(locale, 'home.rev.days_left', { days: left }) };
}

function describePendingClaim(claim: Claim, options: ReviewerHomeOptions, today: IsoDate): string {
  const { locale, calendar } = options;
  const deadline = claim.reviewDeadlineOn;
  const timeLeft: TimeLeft =
    deadline === null
      ? { mark: '⚪', text: t(locale, 'home.rev.no_deadline') }
      : describeTimeLeft(deadline, today, calendar, locale);
  const credits =
    claim.credits === 1 ? t(locale, 'home.rev.credits_one') : t(locale, 'home.rev.credits', { credits: claim.credits });
  const reference = escapeAndTruncate(claim.reference, REFERENCE_BUDGET);
  const due =
    deadline === null ? [] : [t(locale, 'claim_status.deadline', { deadline: formatDueDate(deadline, locale) })];
  const taken =
    claim.assignedTo === null
      ? t(locale, 'home.rev.unassigned')
      : t(locale, 'home.rev.assigned', { reviewer: mentionUser(claim.assignedTo) });
  return [
    `${timeLeft.mark} *${reference}* · ${mentionUser(claim.professionalId)} · ${credits}`,
    t(locale, `reason.${claim.reason}`),
    [...due, timeLeft.text].join(' · '),
    taken,
  ].join('\n');
}

/** The App Home of a reviewer: the claims waiting for a decision, the nearest deadline first. */
export function buildReviewerHome(options: ReviewerHomeOptions): HomeView {
  const { pending, locale, now, totalPending } = options;
  const today = romeDateOf(now);
  const shown = [...pending].sort(byDeadline).slice(0, REVIEWER_HOME_MAX_CLAIMS);
  const total = Math.max(totalPending ?? 0, pending.length);
  const hidden = total - shown.length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plainText(t(locale, 'home.rev.header'), BLOCK_KIT_LIMITS.header) },
  ];
  const blocked = describeBlocked(options.blocked ?? [], locale);
  if (blocked) blocks.push({ type: 'section', block_id: REVIEWER_HOME_BLOCKED_BLOCK_ID, text: mrkdwn(blocked) });
  if (total === 0) {
    blocks.push({ type: 'section', block_id: REVIEWER_HOME_EMPTY_BLOCK_ID, text: mrkdwn(t(locale, 'home.rev.empty')) });
  } else {
    const summary = total === 1 ? t(locale, 'home.rev.summary_one') : t(locale, 'home.rev.summary', { count: total });
    blocks.push(section(summary), { type: 'divider' });
  }
  blocks.push(...shown.map((claim) => section(describePendingClaim(claim, options, today))));
  if (hidden > 0) {
    const more = hidden === 1 ? t(locale, 'home.rev.more_one') : t(locale, 'home.rev.more', { count: hidden });
    blocks.push({ type: 'context', block_id: REVIEWER_HOME_MORE_BLOCK_ID, elements: [mrkdwn(more)] });
  }
  blocks.push({
    type: 'context',
    elements: [mrkdwn(t(locale, 'home.updated_at', { when: formatDateTime(now, locale) }))],
  });
  return { type: 'home', blocks };
}
