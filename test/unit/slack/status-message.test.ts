import { describe, it, expect } from 'vitest';
import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Claim } from '../../../src/domain/claim.ts';
import { romeInstant } from '../../../src/domain/rome-calendar.ts';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { OPEN_FORM_ACTION_ID } from '../../../src/slack/messages/form-pointer.ts';
import {
  STATUS_ACTIONS_BLOCK_ID,
  STATUS_EMPTY_BLOCK_ID,
  STATUS_HEADING_BLOCK_ID,
  STATUS_MESSAGE_MAX_CLAIMS,
  STATUS_MORE_BLOCK_ID,
  buildStatusMessage,
} from '../../../src/slack/messages/status-message.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';
import {
  APPROVED,
  TODAY,
  WORST_CASE_TEXTS,
  buildClaim,
  buildLongestClaim,
  rejectedFor,
} from '../../support/factories.ts';

const NOW = romeInstant(TODAY, 11);
const approved = APPROVED;
const rejected = rejectedFor('Nessun addebito\nrisulta sul saldo.');
const ineligible: Partial<Claim> = {
  status: 'ineligible',
  reviewDeadlineOn: null,
  verdict: { kind: 'ineligible', rule: 'mistake_already_refunded', params: { reference: 'RC-2026-0002' } },
};

function textOf(block: KnownBlock | undefined): string {
  if (block?.type === 'section') return block.text?.text ?? '';
  if (block?.type === 'context')
    return block.elements.map((element) => ('text' in element ? element.text : '')).join('\n');
  return '';
}

const blockWithId = (blocks: KnownBlock[], id: string) => blocks.find((block) => block.block_id === id);
const claimLines = (blocks: KnownBlock[]) =>
  blocks.filter((block) => block.type === 'section' && !block.block_id).map(textOf);

function numberedClaims(count: number): Claim[] {
  return Array.from({ length: count }, (_, i) =>
    buildClaim({ id: `claim-${i}`, reference: `RC-2026-${String(count - i).padStart(4, '0')}` }),
  );
}

describe('buildStatusMessage', () => {
  it('gives one line per claim: reference, client, status and deadline or outcome', () => {
    const claims = [buildClaim(), buildClaim(approved), buildClaim(rejected), buildClaim(ineligible)];
    const { blocks } = buildStatusMessage({ claims, locale: 'it', now: NOW });
    expect(textOf(blockWithId(blocks, STATUS_HEADING_BLOCK_ID))).toBe('*Le tue segnalazioni più recenti*');
    expect(claimLines(blocks)).toEqual([
      '*RC-2026-0001* · Maria Bianchi — ⏳ In revisione · Esito entro l’8 dicembre 2026',
      '*RC-2026-0001* · Maria Bianchi — ✅ Approvata: 5 crediti restituiti',
      '*RC-2026-0001* · Maria Bianchi — ❌ Non accolta. Motivo: Nessun addebito risulta sul saldo.',
      '*RC-2026-0001* · Maria Bianchi — 🚫 Non rimborsabile: una risposta inviata per errore si rimborsa una sola volta e ti è già stata rimborsata (RC-2026-0002); gli errori successivi non sono rimborsabili.',
    ]);
  });

  it('falls back to a plain text listing the same claims', () => {
    const { text } = buildStatusMessage({ claims: [buildClaim(), buildClaim(approved)], locale: 'it', now: NOW });
    expect(text).toBe(
      [
        'Le tue segnalazioni più recenti',
        'RC-2026-0001 · Maria Bianchi — ⏳ In revisione · Esito entro l’8 dicembre 2026',
        'RC-2026-0001 · Maria Bianchi — ✅ Approvata: 5 crediti restituiti',
      ].join('\n'),
    );
  });

  it('says a pending claim past its deadline is late instead of promising a past date', () => {
    const { blocks } = buildStatusMessage({
      claims: [buildClaim({ reviewDeadlineOn: '2026-11-23' })],
      locale: 'it',
      now: NOW,
    });
    expect(claimLines(blocks)[0]).toContain(
      'Esito previsto entro il 23 novembre 2026: siamo in ritardo, ti rispondiamo al più presto',
    );
  });

  it(`lists at most ${STATUS_MESSAGE_MAX_CLAIMS} claims and counts the older ones`, () => {
    const message = buildStatusMessage({ claims: numberedClaims(12), locale: 'it', now: NOW });
    expect(claimLines(message.blocks)).toHaveLength(STATUS_MESSAGE_MAX_CLAIMS);
    expect(textOf(blockWithId(message.blocks, STATUS_MORE_BLOCK_ID))).toBe('…e altre 2 segnalazioni meno recenti.');
    expect(message.text).toContain('RC-2026-0012');
    expect(message.text).not.toContain('RC-2026-0002');
    expect(message.text.endsWith('…e altre 2 segnalazioni meno recenti.')).toBe(true);
  });

  it('counts the claims the caller did not load, from totalCount', () => {
    const message = buildStatusMessage({ claims: numberedClaims(10), totalCount: 11, locale: 'it', now: NOW });
    expect(textOf(blockWithId(message.blocks, STATUS_MORE_BLOCK_ID))).toBe('…e un’altra segnalazione meno recente.');
    const all = buildStatusMessage({ claims: numberedClaims(10), totalCount: 10, locale: 'it', now: NOW });
    expect(blockWithId(all.blocks, STATUS_MORE_BLOCK_ID)).toBeUndefined();
  });

  it('with no claims, explains how to ask and offers the form button', () => {
    const message = buildStatusMessage({ claims: [], locale: 'it', now: NOW });
    expect(message.text).toBe(textOf(blockWithId(message.blocks, STATUS_EMPTY_BLOCK_ID)));
    expect(message.text).toContain('Non hai ancora inviato nessuna segnalazione.');
    expect((blockWithId(message.blocks, STATUS_ACTIONS_BLOCK_ID) as ActionsBlock).elements).toEqual([
      {
        type: 'button',
        action_id: OPEN_FORM_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: 'Chiedi un rimborso', emoji: true },
      },
    ]);
  });

  it('speaks English', () => {
    const message = buildStatusMessage({ claims: [buildClaim(), buildClaim(ineligible)], locale: 'en', now: NOW });
    expect(message.text).toContain('Your most recent refund claims');
    expect(message.text).toContain('⏳ Under review · Outcome by 8 December 2026');
    expect(message.text).toContain('🚫 Not refundable: an answer sent by mistake is refunded only once');
    expect(buildStatusMessage({ claims: [], locale: 'en', now: NOW }).text).toContain(
      'You have not asked for any refund yet.',
    );
  });

  it('escapes the client’s name and the reviewer’s reason, in the blocks and in the fallback', () => {
    const claim = buildClaim({
      ...rejected,
      clientFirstName: '<!channel>',
      clientLastName: '<@U999>',
      decisionReason: '<!everyone>',
    });
    const message = buildStatusMessage({ claims: [claim], locale: 'it', now: NOW });
    expect(message.text).toContain('&lt;!channel&gt; &lt;@U999&gt;');
    expect(message.text).toContain('Motivo: &lt;!everyone&gt;');
    for (const injected of ['<!channel>', '<@U999>', '<!everyone>'])
      expect(JSON.stringify(message)).not.toContain(injected);
  });

  describe.each(LOCALES)('within Block Kit limits in %s', (locale) => {
    it.each(Object.entries(WORST_CASE_TEXTS))(
      'with 40 of the longest claims made of %s, in every status',
      (_name, fill) => {
        const statuses: Partial<Claim>[] = [{}, approved, { ...rejected, decisionReason: fill(1000) }, ineligible];
        const claims = Array.from({ length: 40 }, (_, i) =>
          buildLongestClaim(fill, { ...statuses[i % 4], reference: 'R'.repeat(300) }),
        );
        const message = buildStatusMessage({ claims, totalCount: 400, locale, now: NOW });
        expectWithinBlockKitLimits(message);
        expect(message.text.split('\n').every((line) => line.length < 1000)).toBe(true);
      },
    );

    it('with no claims', () => {
      expectWithinBlockKitLimits(buildStatusMessage({ claims: [], locale, now: NOW }));
    });
  });
});
