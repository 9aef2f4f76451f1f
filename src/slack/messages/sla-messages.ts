/**
 * Builder (pure): the SLA texts — the reminder with the business days left (in the claim's review thread, and
 * by DM to the reviewer who took it), and the escalation that mentions the configured user group (or @here) the
 * business morning after a missed deadline. Plain text only; delivered by the outbox (delivery/deliver-message.ts).
 */
import type { Claim } from '../../domain/claim.ts';
import type { EscalationTarget } from '../../domain/sla.ts';
import { formatDate, formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';

export function mentionOf(target: EscalationTarget): string {
  return target.kind === 'usergroup' ? `<!subteam^${target.id}>` : '<!here>';
}

function deadlineOf(claim: Claim, locale: Locale, { withArticle }: { withArticle: boolean }): string {
  if (!claim.reviewDeadlineOn) return '—';
  return withArticle ? formatDueDate(claim.reviewDeadlineOn, locale) : formatDate(claim.reviewDeadlineOn, locale);
}

/** A reminder in the claim's review thread, with the business days left. Plain text: it is short. */
export function buildReminderMessage(claim: Claim, businessDaysLeft: number, locale: Locale): { text: string } {
  const lastDay = businessDaysLeft <= 0;
  // "esito entro l'8 dicembre" needs the article; "entro oggi, 8 dicembre" does not.
  const params = {
    reference: claim.reference,
    days: businessDaysLeft,
    deadline: deadlineOf(claim, locale, { withArticle: !lastDay }),
  };
  const key = lastDay ? 'sla.reminder_last_day' : businessDaysLeft === 1 ? 'sla.reminder_one_day' : 'sla.reminder';
  return { text: t(locale, key, params) };
}

export function buildEscalationMessage(claim: Claim, target: EscalationTarget, locale: Locale): { text: string } {
  return {
    text: t(locale, 'sla.escalation', {
      mention: mentionOf(target),
      reference: claim.reference,
      deadline: deadlineOf(claim, locale, { withArticle: false }),
    }),
  };
}
