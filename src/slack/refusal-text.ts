import { t, type Locale } from '../i18n/messages.ts';
import type { Refusal } from '../use-cases/decide-claim.ts';

/** What a reviewer (or anyone else) is told when their click does not decide the claim. */
export function describeRefusal(refusal: Refusal, locale: Locale): string {
  switch (refusal.kind) {
    case 'not_found':
      return t(locale, 'decide.not_found');
    case 'own_claim':
      return t(locale, 'decide.own_claim');
    case 'not_reviewer':
      return t(locale, 'decide.not_reviewer');
    case 'mistake_already_refunded':
      return t(locale, 'decide.mistake_already_refunded', {
        reference: refusal.claim.reference,
        approved: refusal.approvedReference,
      });
    case 'already_decided': {
      const { claim } = refusal;
      const key = claim.status === 'approved' ? 'decide.already_approved' : 'decide.already_rejected';
      return t(locale, key, { reference: claim.reference, user: claim.decidedBy ?? '' });
    }
  }
}
