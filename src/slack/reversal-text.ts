import { t, type Locale } from '../i18n/messages.ts';
import type { ReversalDenied } from '../use-cases/reverse-refund.ts';
import { formatReversalDeadline } from './messages/auto-approval-blocks.ts';

/** What someone is told, privately, when their "Annulla rimborso" does not reverse the refund. */
export function describeReversalDenial(denied: ReversalDenied, locale: Locale, reversalDays: number): string {
  switch (denied.kind) {
    case 'not_found':
      return t(locale, 'decide.not_found');
    case 'own_claim':
      return t(locale, 'decide.own_claim');
    case 'not_reviewer':
      return t(locale, 'decide.not_reviewer');
    case 'not_automatic':
      return t(locale, 'reverse.not_automatic', { reference: denied.claim.reference });
    case 'already_reversed':
      return t(locale, 'reverse.already_reversed', {
        reference: denied.claim.reference,
        user: denied.claim.reversal?.by ?? '',
      });
    case 'window_closed': {
      const approvedAt = denied.claim.decidedAt ?? denied.claim.submittedAt;
      return t(locale, 'reverse.window_closed', {
        reference: denied.claim.reference,
        until: formatReversalDeadline(approvedAt, reversalDays, locale),
      });
    }
  }
}
