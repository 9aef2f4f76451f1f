import { describe, it, expect } from 'vitest';
import type { ActionsBlock, HomeView, KnownBlock } from '@slack/types';
import type { Claim } from '../../../src/domain/claim.ts';
import { createBusinessCalendar } from '../../../src/domain/italian-holidays.ts';
import { addDays, romeInstant } from '../../../src/domain/rome-calendar.ts';
import { formatDateTime } from '../../../src/i18n/format.ts';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { OPEN_FORM_ACTION_ID } from '../../../src/slack/messages/form-pointer.ts';
import {
  PRO_HOME_ASK_BLOCK_ID,
  PRO_HOME_EMPTY_BLOCK_ID,
  PRO_HOME_MORE_BLOCK_ID,
  PROFESSIONAL_HOME_MAX_CLAIMS,
  REVIEWER_HOME_EMPTY_BLOCK_ID,
  REVIEWER_HOME_MAX_CLAIMS,
  REVIEWER_HOME_MORE_BLOCK_ID,
  buildProfessionalHome,
  buildReviewerHome,
} from '../../../src/slack/views/home-view.ts';
import { findBlockKitViolations } from './block-kit-limits.ts';
import { TODAY, WORST_CASE_TEXTS, buildClaim, buildLongestClaim } from '../../support/factories.ts';

/** Tuesday 24 November 2026, 11:00 in Rome. */
const NOW = romeInstant(TODAY, 11);
const calendar = createBusinessCalendar();

/**
 * A home tab has a modal's limits (100 blocks, ids, 250 KB) but no title: the shared checker knows
 * modals and messages, so the tab is checked as a modal with a stand-in title.
 */
function findHomeViolations(view: HomeView): string[] {
  const problems = view.type === 'home' ? [] : [`type: ${String(view.type)}`];
  return [
    ...problems,
    ...findBlockKitViolations({ ...view, type: 'modal', title: { type: 'plain_text', text: 'Home' } }),
  ];
}

function expectHomeWithinLimits(view: HomeView): void {
  expect(findHomeViolations(view)).toEqual([]);
}

function textOf(block: KnownBlock): string {
  switch (block.type) {
    case 'header':
      return block.text.text;
    case 'section':
      return block.text?.text ?? '';
    case 'context':
      return block.elements.map((element) => ('text' in element ? element.text : '')).join('\n');
    default:
      return '';
  }
}

const rendered = (view: HomeView) => (view.blocks as KnownBlock[]).map(textOf).join('\n');
const blockWithId = (view: HomeView, id: string) =>
  (view.blocks as KnownBlock[]).find((block) => block.block_id === id);

/** The sections that describe one claim each, found by the references given to the builder. */
function claimSections(view: HomeView): string[] {
  return (view.blocks as KnownBlock[]).map(textOf).filter((text) => /RC-\d{4}-\d{4}/.test(text));
}

function numberedClaims(count: number, overrides: (i: number) => Partial<Claim> = () => ({})): Claim[] {
  return Array.from({ length: count }, (_, i) =>
    buildClaim({ id: `claim-${i}`, reference: `RC-2026-${String(i + 1).padStart(4, '0')}`, ...overrides(i) }),
  );
}

describe('the home checker used below', () => {
  it('catches a home tab over 100 blocks, which the message checker would cap at 50', () => {
    const view: HomeView = { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) };
    expect(findHomeViolations(view)).toEqual(['blocks: 101 > 100']);
    expect(findHomeViolations({ type: 'home', blocks: view.blocks.slice(0, 100) })).toEqual([]);
  });
});

describe('buildProfessionalHome', () => {
  const approved = { status: 'approved' as const, decidedBy: 'U0REVIEWER', decidedAt: NOW };
  const rejected = { ...approved, status: 'rejected' as const, decisionReason: 'Nessun addebito risulta sul saldo.' };
  const ineligible: Partial<Claim> = {
    status: 'ineligible',
    reviewDeadlineOn: null,
    verdict: { kind: 'ineligible', rule: 'duplicate_claim', params: { reference: 'RC-2026-0003' } },
  };

  it('is a home tab that explains the policy in one line and offers the form button', () => {
    const view = buildProfessionalHome({ claims: [], locale: 'it', now: NOW });
    expect(view.type).toBe('home');
    expect(rendered(view)).toContain(
      'Puoi chiedere il rimborso entro 30 giorni dalla ricezione della richiesta del cliente, in uno dei cinque casi previsti. Il team ti comunica l’esito entro 10 giorni lavorativi e il rimborso avviene solo in crediti.',
    );
    expect((blockWithId(view, PRO_HOME_ASK_BLOCK_ID) as ActionsBlock).elements).toEqual([
      {
        type: 'button',
        action_id: OPEN_FORM_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: 'Chiedi un rimborso', emoji: true },
      },
    ]);
  });

  it('says so when the professional has no claims yet', () => {
    const view = buildProfessionalHome({ claims: [], locale: 'it', now: NOW });
    expect(textOf(blockWithId(view, PRO_HOME_EMPTY_BLOCK_ID) as KnownBlock)).toBe(
      'Non hai ancora inviato nessuna segnalazione. Quando ne invii una, qui puoi seguirne lo stato.',
    );
    expect(blockWithId(view, PRO_HOME_MORE_BLOCK_ID)).toBeUndefined();
  });

  it.each<[string, Partial<Claim>, string]>([
    ['pending, with the deadline', {}, '⏳ In revisione · Esito entro l’8 dicembre 2026'],
    ['approved, with the credits returned', approved, '✅ Approvata: 5 crediti restituiti'],
    ['approved for a single credit', { ...approved, credits: 1 }, '✅ Approvata: 1 credito restituito'],
    ['rejected, with the reviewer’s reason', rejected, '❌ Non accolta. Motivo: Nessun addebito risulta sul saldo.'],
    [
      'ineligible, with the rule',
      ineligible,
      '🚫 Non rimborsabile: hai già inviato una segnalazione per lo stesso cliente e la stessa data di risposta (RC-2026-0003).',
    ],
  ])('shows a claim %s', (_name, overrides, status) => {
    const [section] = claimSections(buildProfessionalHome({ claims: [buildClaim(overrides)], locale: 'it', now: NOW }));
    expect(section).toBe(
      ['*RC-2026-0001* · Maria Bianchi', 'Il primo riscontro del cliente è “No, grazie”', status].join('\n'),
    );
  });

  it('shows the deadline only while the claim is pending', () => {
    const sections = claimSections(
      buildProfessionalHome({ claims: [buildClaim(approved), buildClaim(rejected)], locale: 'it', now: NOW }),
    );
    for (const section of sections) expect(section).not.toContain('Esito entro');
  });

  it('does not promise a date already past: a late claim says it is late', () => {
    const [section] = claimSections(
      buildProfessionalHome({ claims: [buildClaim({ reviewDeadlineOn: '2026-11-20' })], locale: 'it', now: NOW }),
    );
    expect(section).toContain('⏳ In revisione · Esito previsto entro il 20 novembre 2026: siamo in ritardo');
  });

  it('keeps the caller’s order, newest first', () => {
    const claims = numberedClaims(3).reverse();
    const sections = claimSections(buildProfessionalHome({ claims, locale: 'it', now: NOW }));
    expect(sections.map((text) => text.slice(0, 14))).toEqual(['*RC-2026-0003*', '*RC-2026-0002*', '*RC-2026-0001*']);
  });

  it(`shows at most ${PROFESSIONAL_HOME_MAX_CLAIMS} claims and counts the older ones`, () => {
    const view = buildProfessionalHome({ claims: numberedClaims(25), locale: 'it', now: NOW });
    expect(claimSections(view)).toHaveLength(PROFESSIONAL_HOME_MAX_CLAIMS);
    expect(textOf(blockWithId(view, PRO_HOME_MORE_BLOCK_ID) as KnownBlock)).toBe(
      '…e altre 5 segnalazioni meno recenti.',
    );
  });

  it('counts the claims the caller did not load, from totalCount', () => {
    const paged = buildProfessionalHome({ claims: numberedClaims(20), totalCount: 57, locale: 'it', now: NOW });
    expect(textOf(blockWithId(paged, PRO_HOME_MORE_BLOCK_ID) as KnownBlock)).toBe(
      '…e altre 37 segnalazioni meno recenti.',
    );
    const oneMore = buildProfessionalHome({ claims: numberedClaims(20), totalCount: 21, locale: 'it', now: NOW });
    expect(textOf(blockWithId(oneMore, PRO_HOME_MORE_BLOCK_ID) as KnownBlock)).toBe(
      '…e un’altra segnalazione meno recente.',
    );
    const all = buildProfessionalHome({ claims: numberedClaims(20), totalCount: 20, locale: 'it', now: NOW });
    expect(blockWithId(all, PRO_HOME_MORE_BLOCK_ID)).toBeUndefined();
  });

  it('says when it was drawn, in Rome time', () => {
    expect(rendered(buildProfessionalHome({ claims: [], locale: 'it', now: NOW }))).toContain(
      `Aggiornato il ${formatDateTime(NOW, 'it')}`,
    );
    expect(formatDateTime(NOW, 'it')).toContain('11:00');
  });

  it('speaks English to an English-speaking professional', () => {
    const view = buildProfessionalHome({
      claims: [buildClaim(approved), buildClaim(rejected)],
      locale: 'en',
      now: NOW,
    });
    const text = rendered(view);
    expect((blockWithId(view, PRO_HOME_ASK_BLOCK_ID) as ActionsBlock).elements[0]).toMatchObject({
      action_id: OPEN_FORM_ACTION_ID,
      text: { text: 'Ask for a refund' },
    });
    expect(text).toContain('You can ask for a refund within 30 days');
    expect(text).toContain('The client’s first reply was “No, thanks”');
    expect(text).toContain('✅ Approved: 5 credits returned');
    expect(text).toContain('❌ Not accepted. Reason: Nessun addebito risulta sul saldo.');
    expect(text).not.toContain('Approvata');
  });

  it('escapes what the professional and the reviewer typed', () => {
    const claim = buildClaim({
      ...rejected,
      clientFirstName: '<!channel>',
      clientLastName: 'A&B',
      decisionReason: '<!here> <https://x.example|qui>',
    });
    const view = buildProfessionalHome({ claims: [claim], locale: 'it', now: NOW });
    expect(rendered(view)).toContain('&lt;!channel&gt; A&amp;B');
    expect(rendered(view)).toContain('Motivo: &lt;!here&gt; &lt;https://x.example|qui&gt;');
    for (const injected of ['<!channel>', '<!here>', '<https://x'])
      expect(JSON.stringify(view)).not.toContain(injected);
  });

  describe.each(LOCALES)('within a home tab’s limits in %s', (locale) => {
    it.each(Object.entries(WORST_CASE_TEXTS))(
      'with 45 of the longest claims made of %s, in every status',
      (_name, fill) => {
        const statuses: Partial<Claim>[] = [{}, approved, { ...rejected, decisionReason: fill(1000) }, ineligible];
        const claims = Array.from({ length: 45 }, (_, i) => buildLongestClaim(fill, statuses[i % statuses.length]));
        const view = buildProfessionalHome({ claims, totalCount: 1000, locale, now: NOW });
        expectHomeWithinLimits(view);
        expect(claimSections(view)).toHaveLength(PROFESSIONAL_HOME_MAX_CLAIMS);
      },
    );

    it('with a reference far too long', () => {
      expectHomeWithinLimits(
        buildProfessionalHome({ claims: [buildClaim({ reference: 'R'.repeat(5000) })], locale, now: NOW }),
      );
    });
  });
});

describe('buildReviewerHome', () => {
  const home = (pending: Claim[], overrides: { totalPending?: number; now?: Date } = {}) =>
    buildReviewerHome({ pending, locale: 'it', now: NOW, calendar, ...overrides });

  it('sorts the queue by deadline, earliest first, whatever order it comes in, and marks the overdue', () => {
    const pending = [
      buildClaim({ reference: 'RC-2026-0005', reviewDeadlineOn: '2026-12-04' }),
      buildClaim({ reference: 'RC-2026-0003', reviewDeadlineOn: '2026-11-24' }),
      buildClaim({ reference: 'RC-2026-0001', reviewDeadlineOn: '2026-11-20' }),
      buildClaim({ reference: 'RC-2026-0004', reviewDeadlineOn: '2026-11-25' }),
      buildClaim({ reference: 'RC-2026-0002', reviewDeadlineOn: '2026-11-23' }),
    ];
    const firstLines = claimSections(home(pending)).map((text) => text.split('\n')[0]);
    expect(firstLines).toEqual([
      '🔴 *RC-2026-0001* · <@U012PRO> · 5 crediti',
      '🔴 *RC-2026-0002* · <@U012PRO> · 5 crediti',
      '🟠 *RC-2026-0003* · <@U012PRO> · 5 crediti',
      '🟠 *RC-2026-0004* · <@U012PRO> · 5 crediti',
      '🟢 *RC-2026-0005* · <@U012PRO> · 5 crediti',
    ]);
    expect(pending[0]?.reference).toBe('RC-2026-0005');
  });

  it('breaks a tie on the deadline by the older claim first', () => {
    const pending = [
      buildClaim({ reference: 'RC-2026-0002', submittedAt: new Date('2026-11-10T09:00:00Z') }),
      buildClaim({ reference: 'RC-2026-0001', submittedAt: new Date('2026-11-10T08:00:00Z') }),
    ];
    expect(claimSections(home(pending)).map((text) => text.slice(3, 17))).toEqual(['*RC-2026-0001*', '*RC-2026-0002*']);
  });

  it.each<[string, string, string]>([
    ['2026-11-20', 'Esito entro il 20 novembre 2026 · *Scaduta da 2 giorni lavorativi*', 'two business days late'],
    ['2026-11-23', 'Esito entro il 23 novembre 2026 · *Scaduta da 1 giorno lavorativo*', 'one business day late'],
    ['2026-11-24', 'Esito entro il 24 novembre 2026 · *Ultimo giorno*', 'due today'],
    ['2026-11-25', 'Esito entro il 25 novembre 2026 · Resta 1 giorno lavorativo', 'due tomorrow'],
    ['2026-12-04', 'Esito entro il 4 dicembre 2026 · Restano 8 giorni lavorativi', 'due in 8 business days'],
  ])('with the deadline %s says “%s” (%s)', (deadline, line) => {
    const [section] = claimSections(home([buildClaim({ reviewDeadlineOn: deadline })]));
    expect(section?.split('\n')[2]).toBe(line);
  });

  it('counts business days on the Italian calendar: 8 December is a holiday', () => {
    const monday7December = romeInstant('2026-12-07', 9);
    const [section] = claimSections(home([buildClaim({ reviewDeadlineOn: '2026-12-09' })], { now: monday7December }));
    expect(section).toContain('Resta 1 giorno lavorativo');
  });

  it('calls a deadline passed on Friday overdue on Saturday, with no business day gone yet', () => {
    const [section] = claimSections(
      home([buildClaim({ reviewDeadlineOn: '2026-11-20' })], { now: romeInstant('2026-11-21', 10) }),
    );
    expect(section?.split('\n')[0]).toMatch(/^🔴/);
    expect(section).toContain('· *Scaduta*');
  });

  it('shows the professional, the reason, the credits and who has taken the claim', () => {
    const [free, taken] = claimSections(
      home([
        buildClaim({ reference: 'RC-2026-0001', credits: 1 }),
        buildClaim({ reference: 'RC-2026-0002', assignedTo: 'U0REVIEWER', reviewDeadlineOn: '2026-12-09' }),
      ]),
    );
    expect(free).toBe(
      [
        '🟢 *RC-2026-0001* · <@U012PRO> · 1 credito',
        'Il primo riscontro del cliente è “No, grazie”',
        'Esito entro l’8 dicembre 2026 · Restano 9 giorni lavorativi',
        'Non assegnata',
      ].join('\n'),
    );
    expect(taken?.split('\n')[3]).toBe('Presa in carico da <@U0REVIEWER>');
  });

  it('has no form button: reviewers decide, they do not ask', () => {
    expect(JSON.stringify(home([buildClaim()]))).not.toContain(OPEN_FORM_ACTION_ID);
  });

  it('says so when nothing waits for a decision', () => {
    const view = home([]);
    expect(textOf(blockWithId(view, REVIEWER_HOME_EMPTY_BLOCK_ID) as KnownBlock)).toBe(
      'Nessuna segnalazione in attesa di decisione.',
    );
    expect(blockWithId(view, REVIEWER_HOME_MORE_BLOCK_ID)).toBeUndefined();
  });

  it('counts what waits, in the singular too', () => {
    expect(rendered(home([buildClaim()]))).toContain('1 segnalazione in attesa di decisione.');
    expect(rendered(home(numberedClaims(3)))).toContain(
      '3 segnalazioni in attesa di decisione, dalla scadenza più vicina.',
    );
  });

  it(`shows at most ${REVIEWER_HOME_MAX_CLAIMS} claims, the earliest deadlines, and says how many more wait`, () => {
    // RC-2026-0045 is due first, RC-2026-0001 last: the caller's order is the reverse of the deadlines'.
    const pending = numberedClaims(45, (i) => ({ reviewDeadlineOn: addDays('2026-12-01', 45 - i) }));
    const view = home(pending, { totalPending: 45 });
    const shown = claimSections(view);
    expect(shown).toHaveLength(REVIEWER_HOME_MAX_CLAIMS);
    expect(shown[0]).toContain('RC-2026-0045');
    expect(shown.some((text) => text.includes('RC-2026-0001'))).toBe(false);
    expect(textOf(blockWithId(view, REVIEWER_HOME_MORE_BLOCK_ID) as KnownBlock)).toBe(
      '+5 altre segnalazioni in attesa, non mostrate qui.',
    );
    expect(rendered(view)).toContain('45 segnalazioni in attesa di decisione');
  });

  it('counts the claims the caller did not load, from totalPending', () => {
    const view = home(numberedClaims(40), { totalPending: 41 });
    expect(textOf(blockWithId(view, REVIEWER_HOME_MORE_BLOCK_ID) as KnownBlock)).toBe(
      '+1 altra segnalazione in attesa, non mostrata qui.',
    );
    expect(blockWithId(home(numberedClaims(40), { totalPending: 40 }), REVIEWER_HOME_MORE_BLOCK_ID)).toBeUndefined();
  });

  it('speaks English to an English-speaking reviewer', () => {
    const view = buildReviewerHome({
      pending: [
        buildClaim({ reviewDeadlineOn: '2026-11-20', assignedTo: 'U0REVIEWER' }),
        buildClaim({ reviewDeadlineOn: '2026-12-04' }),
      ],
      locale: 'en',
      now: NOW,
      calendar,
    });
    const text = rendered(view);
    expect(text).toContain('Claims to decide');
    expect(text).toContain('Outcome by 20 November 2026 · *Overdue by 2 business days*');
    expect(text).toContain('Assigned to <@U0REVIEWER>');
    expect(text).toContain('8 business days left');
    expect(text).toContain('Not assigned');
  });

  describe.each(LOCALES)('within a home tab’s limits in %s', (locale) => {
    it.each(Object.entries(WORST_CASE_TEXTS))('with 60 of the longest claims made of %s', (_name, fill) => {
      const pending = Array.from({ length: 60 }, (_, i) =>
        buildLongestClaim(fill, {
          id: `claim-${i}`,
          assignedTo: i % 2 === 0 ? 'U0REVIEWER' : null,
          reference: 'R'.repeat(300),
        }),
      );
      const view = buildReviewerHome({ pending, locale, now: NOW, calendar, totalPending: 5000 });
      expectHomeWithinLimits(view);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
    });
  });
});
