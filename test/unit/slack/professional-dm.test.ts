import { describe, it, expect } from 'vitest';
import type { Claim } from '../../../src/domain/claim.ts';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { buildDecisionDm, buildSubmissionDm } from '../../../src/slack/messages/professional-dm.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';
import { APPROVED, WORST_CASE_TEXTS, buildClaim, buildLongestClaim, rejectedFor } from '../../support/factories.ts';

const approved = APPROVED;
const rejected = rejectedFor('Nessun addebito.');
const ineligible: Partial<Claim> = {
  status: 'ineligible',
  reviewDeadlineOn: null,
  verdict: { kind: 'ineligible', rule: 'duplicate_claim', params: { reference: 'RC-2026-0003' } },
};

describe('buildSubmissionDm', () => {
  it('tells the professional the claim is with the team, and the deadline', () => {
    expect(buildSubmissionDm(buildClaim(), 'it').text).toBe(
      'Abbiamo ricevuto la tua segnalazione *RC-2026-0001* (5 crediti, cliente Maria Bianchi). Il team la esaminerà e ti scriverà qui l’esito entro *l’8 dicembre 2026*; potrebbe contattarti per maggiori informazioni.',
    );
  });

  it('tells the professional why an ineligible claim cannot be accepted', () => {
    expect(buildSubmissionDm(buildClaim(ineligible), 'it').text).toBe(
      'La tua segnalazione *RC-2026-0001* non può essere accolta: hai già inviato una segnalazione per lo stesso cliente e la stessa data di risposta (RC-2026-0003).',
    );
  });

  it('escapes the client’s name', () => {
    const text = buildSubmissionDm(buildClaim({ clientFirstName: '<!channel>', clientLastName: '<@U1>' }), 'it').text;
    expect(text).toContain('cliente &lt;!channel&gt; &lt;@U1&gt;)');
  });

  it('refuses a claim to review without a deadline', () => {
    expect(() => buildSubmissionDm(buildClaim({ reviewDeadlineOn: null }), 'it')).toThrow(RangeError);
  });
});

describe('buildDecisionDm', () => {
  it('tells the professional the credits are back in the balance', () => {
    expect(buildDecisionDm(buildClaim(approved), 'it').text).toBe(
      '✅ La tua segnalazione *RC-2026-0001* è stata approvata: 5 crediti sono stati restituiti al tuo saldo (Impostazioni › Saldo crediti). I rimborsi avvengono solo in crediti, non in denaro.',
    );
  });

  it('gives the reviewer’s reason for a rejection, escaped', () => {
    expect(buildDecisionDm(buildClaim(rejected), 'it').text).toBe(
      'La tua segnalazione *RC-2026-0001* non è stata accolta. Motivo indicato dal team: Nessun addebito.',
    );
    expect(
      buildDecisionDm(buildClaim({ ...rejected, decisionReason: 'Vedi <https://x.example|qui>' }), 'it').text,
    ).toContain('Vedi &lt;https://x.example|qui&gt;');
  });

  it.each(['pending_review', 'ineligible'] as const)('has nothing to tell about a claim %s', (status) => {
    expect(() => buildDecisionDm(buildClaim({ status }), 'it')).toThrow(RangeError);
  });
});

describe.each(LOCALES)('direct messages in %s', (locale) => {
  const messages = (fill: (length: number) => string) => [
    buildSubmissionDm(buildLongestClaim(fill), locale),
    buildSubmissionDm(buildLongestClaim(fill, ineligible), locale),
    buildDecisionDm(buildLongestClaim(fill, approved), locale),
    buildDecisionDm(buildLongestClaim(fill, { ...rejected, decisionReason: fill(1000) }), locale),
  ];

  it.each(Object.entries(WORST_CASE_TEXTS))(
    'stay within Slack limits with the longest inputs made of %s',
    (_name, fill) => {
      for (const message of messages(fill)) expectWithinBlockKitLimits(message);
    },
  );

  it('never mention money', () => {
    for (const message of messages(WORST_CASE_TEXTS.letters)) {
      expect(message.text).not.toMatch(/€|\$|£|\bEUR\b|\beuro\b|\bUSD\b/i);
    }
  });
});
