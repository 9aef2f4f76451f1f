import { describe, it, expect } from 'vitest';
import type { SectionBlock } from '@slack/types';
import type { Verdict } from '../../../src/domain/claim.ts';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { buildClaimResultView } from '../../../src/slack/views/claim-result-view.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';
import { FINDINGS } from '../../support/factories.ts';

const TO_REVIEW: Verdict = { kind: 'to_review', findings: FINDINGS };
const EXPIRED: Verdict = {
  kind: 'ineligible',
  rule: 'window_expired',
  params: { windowDays: 30, days: 45, startDate: '2026-10-10' },
};

function textOf(view: ReturnType<typeof buildClaimResultView>): string {
  return (view.blocks[0] as SectionBlock).text?.text ?? '';
}

describe('buildClaimResultView', () => {
  it('tells the professional the claim went to review and by when', () => {
    const view = buildClaimResultView({
      locale: 'it',
      reference: 'RC-2026-0001',
      verdict: TO_REVIEW,
      deadlineOn: '2026-12-08',
    });
    expect(view.title.text).toBe('Segnalazione inviata');
    expect(view.close?.text).toBe('Chiudi');
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toBe(
      'La tua segnalazione *RC-2026-0001* è stata inviata al team. Riceverai l’esito in un messaggio diretto entro *l’8 dicembre 2026*.',
    );
  });

  it('tells the professional why an ineligible claim is not refundable', () => {
    const view = buildClaimResultView({ locale: 'it', reference: 'RC-2026-0002', verdict: EXPIRED, deadlineOn: null });
    expect(view.title.text).toBe('Non rimborsabile');
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toBe(
      'La segnalazione *RC-2026-0002* non può essere accolta: il rimborso si può chiedere entro 30 giorni dalla ricezione della richiesta del cliente, che è arrivata il 10 ottobre 2026: ne sono passati 45.',
    );
  });

  it('speaks English to an English-speaking professional', () => {
    const view = buildClaimResultView({
      locale: 'en',
      reference: 'RC-2026-0001',
      verdict: TO_REVIEW,
      deadlineOn: '2026-12-08',
    });
    expect(view.title.text).toBe('Claim sent');
    expect(textOf(view)).toContain('by *8 December 2026*');
  });

  it('refuses a claim to review without a deadline', () => {
    expect(() =>
      buildClaimResultView({ locale: 'it', reference: 'RC-2026-0001', verdict: TO_REVIEW, deadlineOn: null }),
    ).toThrow(RangeError);
  });

  it.each(LOCALES)('stays within Block Kit limits in %s', (locale) => {
    expectWithinBlockKitLimits(
      buildClaimResultView({ locale, reference: 'RC-2026-0001', verdict: TO_REVIEW, deadlineOn: '2026-12-08' }),
    );
    expectWithinBlockKitLimits(
      buildClaimResultView({ locale, reference: 'RC-2026-0002', verdict: EXPIRED, deadlineOn: null }),
    );
  });
});
