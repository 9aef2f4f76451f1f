/**
 * What someone is told, privately, when their click on a claim's buttons decides nothing (a declined
 * action: not a reviewer, their own claim, decided already, a reversal out of its window). Not to be
 * confused with an off-form request (a refund asked outside the form), which has its own answer.
 */
import { t, type Locale } from '../i18n/messages.ts';
import type { DeclinedAction } from '../use-cases/decide-claim.ts';
import type { DeclinedReversal } from '../use-cases/reverse-refund.ts';
import { formatReversalDeadline } from './messages/auto-approval-blocks.ts';

/** The answers every action on a claim shares: no such claim, your own claim, not a reviewer. */
function describeCommon(kind: 'not_found' | 'own_claim' | 'not_reviewer', locale: Locale): string {
  return t(locale, `decide.${kind}`);
}

/** Approve, reject, take or ask declined. */
export function describeDeclinedAction(declined: DeclinedAction, locale: Locale): string {
  switch (declined.kind) {
    case 'not_found':
    case 'own_claim':
    case 'not_reviewer':
      return describeCommon(declined.kind, locale);
    case 'mistake_already_refunded':
      return t(locale, 'decide.mistake_already_refunded', {
        reference: declined.claim.reference,
        approved: declined.approvedReference,
      });
    case 'already_decided': {
      const { claim } = declined;
      const key = claim.status === 'approved' ? 'decide.already_approved' : 'decide.already_rejected';
      return t(locale, key, { reference: claim.reference, user: claim.decidedBy ?? '' });
    }
  }
}

/** "Annulla rimborso" declined. */
export function describeDeclinedReversal(declined: DeclinedReversal, locale: Locale, reversalDays: number): string {
  switch (declined.kind) {
    case 'not_found':
    case 'own_claim':
    case 'not_reviewer':
      return describeCommon(declined.kind, locale);
    case 'not_automatic':
      return t(locale, 'reverse.not_automatic', { reference: declined.claim.reference });
    case 'already_reversed':
      return t(locale, 'reverse.already_reversed', {
        reference: declined.claim.reference,
        user: declined.claim.reversal?.by ?? '',
      });
    case 'window_closed': {
      const approvedAt = declined.claim.decidedAt ?? declined.claim.submittedAt;
      return t(locale, 'reverse.window_closed', {
        reference: declined.claim.reference,
        until: formatReversalDeadline(approvedAt, reversalDays, locale),
      });
    }
  }
}
