import { describe, it, expect } from 'vitest';
import type { Finding } from '../../../src/domain/claim.ts';
import {
  describeFinding,
  describeIneligibility,
  type IneligibleVerdict,
} from '../../../src/slack/messages/verdict-text.ts';

const ineligible = (rule: IneligibleVerdict['rule'], params: IneligibleVerdict['params'] = {}): IneligibleVerdict => ({
  kind: 'ineligible',
  rule,
  params,
});

describe('describeIneligibility', () => {
  it.each<[IneligibleVerdict, string]>([
    [
      ineligible('window_expired', { windowDays: 30, days: 31, startDate: '2026-10-24' }),
      'il rimborso si può chiedere entro 30 giorni dalla ricezione della richiesta del cliente, che è arrivata il 24 ottobre 2026: ne sono passati 31.',
    ],
    [ineligible('description_required'), 'per questo caso serve una descrizione di cosa è successo.'],
    [
      ineligible('mistake_already_refunded', { reference: 'RC-2026-0007' }),
      'una risposta inviata per errore si rimborsa una sola volta e ti è già stata rimborsata (RC-2026-0007); gli errori successivi non sono rimborsabili.',
    ],
    [
      ineligible('duplicate_claim', { reference: 'RC-2026-0003' }),
      'hai già inviato una segnalazione per lo stesso cliente e la stessa data di risposta (RC-2026-0003).',
    ],
    [ineligible('credits_out_of_range', { max: 100 }), 'i crediti indicati devono essere da 1 a 100.'],
  ])('explains ineligibility case %# in Italian', (verdict, expected) => {
    expect(describeIneligibility(verdict, 'it')).toBe(expected);
  });

  it('formats the start date in the locale', () => {
    const verdict = ineligible('window_expired', { windowDays: 30, days: 31, startDate: '2026-10-24' });
    expect(describeIneligibility(verdict, 'en')).toContain('which arrived on 24 October 2026');
  });

  it('escapes text parameters for mrkdwn', () => {
    expect(describeIneligibility(ineligible('duplicate_claim', { reference: '<!here>' }), 'it')).toContain(
      '(&lt;!here&gt;)',
    );
  });
});

describe('describeFinding', () => {
  it.each<[Finding, string]>([
    [
      { code: 'window_ok', level: 'ok', params: { windowDays: 30, days: 14, startDate: '2026-11-10' } },
      '✅ Nei 30 giorni: la richiesta è stata ricevuta il 10 novembre 2026 (giorno 14 di 30).',
    ],
    [
      { code: 'credits_unverified', level: 'warning', params: { credits: 5 } },
      '⚠️ 5 crediti dichiarati, non verificati: nessun dato sugli addebiti. Controlla il Saldo crediti del professionista.',
    ],
    [
      { code: 'refund_as_credits', level: 'info', params: {} },
      'ℹ️ Il rimborso avviene solo in crediti sulla piattaforma, mai in denaro.',
    ],
  ])('prefixes the finding with its level’s emoji', (finding, expected) => {
    expect(describeFinding(finding, 'it')).toBe(expected);
  });
});
