import { describe, it, expect } from 'vitest';
import type { ActionsBlock, Button, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { ClaimStatus } from '../../../src/domain/claim-state.ts';
import { formatDateTime } from '../../../src/i18n/format.ts';
import { LOCALES } from '../../../src/i18n/messages.ts';
import {
  APPROVE_ACTION_ID,
  REJECT_ACTION_ID,
  buildReviewMessage,
  parseClaimIdFromAction,
} from '../../../src/slack/messages/review-message.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';
import {
  APPROVED,
  CLAIM_ID,
  DECIDED_AT,
  WORST_CASE_TEXTS,
  buildClaim,
  buildLongestClaim,
  rejectedFor,
} from '../../support/factories.ts';

const approved = APPROVED;
const rejected = rejectedFor('Il cliente ha risposto dopo la richiesta.');

function actionsOf(blocks: KnownBlock[]): ActionsBlock | undefined {
  return blocks.find((block): block is ActionsBlock => block.type === 'actions');
}

function buttons(blocks: KnownBlock[]): Button[] {
  return (actionsOf(blocks)?.elements ?? []) as Button[];
}

/** All the mrkdwn the reviewers read: section texts and fields. */
function renderedText(blocks: KnownBlock[]): string {
  return blocks
    .flatMap((block) =>
      block.type === 'section' ? [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)] : [],
    )
    .join('\n');
}

describe('buildReviewMessage', () => {
  it('offers Approve and Reject, carrying only the claim id, while the claim is pending', () => {
    const { blocks } = buildReviewMessage(buildClaim(), 'it');
    // No block ids: each chat.update of the message gets fresh ones from Slack.
    expect(blocks.map((block) => block.block_id)).toEqual(blocks.map(() => undefined));
    const [approve, reject] = buttons(blocks);
    expect(approve).toMatchObject({
      action_id: APPROVE_ACTION_ID,
      style: 'primary',
      value: CLAIM_ID,
      text: { text: 'Approva' },
    });
    expect(reject).toMatchObject({
      action_id: REJECT_ACTION_ID,
      style: 'danger',
      value: CLAIM_ID,
      text: { text: 'Rifiuta' },
    });
  });

  it('asks for confirmation before approving, but not before rejecting (a modal asks why)', () => {
    const [approve, reject] = buttons(buildReviewMessage(buildClaim(), 'it').blocks);
    expect(approve?.confirm).toEqual({
      title: { type: 'plain_text', text: 'Approvare il rimborso?', emoji: true },
      text: {
        type: 'plain_text',
        text: 'Verranno restituiti 5 crediti al saldo del professionista (RC-2026-0001). La decisione è definitiva.',
        emoji: true,
      },
      confirm: { type: 'plain_text', text: 'Approva', emoji: true },
      deny: { type: 'plain_text', text: 'Annulla', emoji: true },
    });
    expect(reject?.confirm).toBeUndefined();
  });

  it.each<ClaimStatus>(['approved', 'rejected', 'ineligible'])('has no buttons once the claim is %s', (status) => {
    const claim = buildClaim(status === 'ineligible' ? { status } : status === 'approved' ? approved : rejected);
    expect(actionsOf(buildReviewMessage(claim, 'it').blocks)).toBeUndefined();
  });

  it('shows who approved, when, and the credits returned', () => {
    const text = renderedText(buildReviewMessage(buildClaim(approved), 'it').blocks);
    expect(text).toContain(
      `✅ Approvata da <@U0REVIEWER> il ${formatDateTime(DECIDED_AT, 'it')}: 5 crediti restituiti al saldo.`,
    );
    expect(formatDateTime(DECIDED_AT, 'it')).toContain('15:04');
  });

  it('shows who rejected, when, and why', () => {
    const text = renderedText(buildReviewMessage(buildClaim(rejected), 'it').blocks);
    expect(text).toContain(
      `❌ Rifiutata da <@U0REVIEWER> il ${formatDateTime(DECIDED_AT, 'it')}. Motivo: Il cliente ha risposto dopo la richiesta.`,
    );
  });

  it('shows no decision while the claim is pending', () => {
    const text = renderedText(buildReviewMessage(buildClaim(), 'it').blocks);
    expect(text).not.toContain('Approvata da');
    expect(text).not.toContain('Rifiutata da');
  });

  it('heads the message with the reference and lists the claim’s fields', () => {
    const { blocks } = buildReviewMessage(buildClaim(), 'it');
    expect((blocks[0] as HeaderBlock).text.text).toBe('Segnalazione RC-2026-0001');
    const fields = (blocks[1] as SectionBlock).fields?.map((field) => field.text);
    expect(fields).toEqual([
      '*Professionista*\n<@U012PRO>',
      '*Cliente*\nMaria Bianchi',
      '*Telefono*\n+39 333 1234567',
      '*Servizio*\nImbiancatura',
      '*Data della risposta*\n12 novembre 2026',
      '*Ricezione della richiesta*\n10 novembre 2026',
      '*Crediti*\n5',
      '*Motivo*\nIl primo riscontro del cliente è “No, grazie”',
      '*Scadenza dell’esito*\n8 dicembre 2026',
    ]);
  });

  it('says "not given" for a missing phone and received date', () => {
    const text = renderedText(buildReviewMessage(buildClaim({ clientPhone: null, receivedOn: null }), 'it').blocks);
    expect(text).toContain('*Telefono*\nnon indicato');
    expect(text).toContain('*Ricezione della richiesta*\nnon indicato');
  });

  it('shows the description only when there is one', () => {
    expect(renderedText(buildReviewMessage(buildClaim(), 'it').blocks)).not.toContain('*Descrizione*');
    const claim = buildClaim({ reason: 'details_changed', description: 'Era a Milano,\nnon a Roma.' });
    expect(renderedText(buildReviewMessage(claim, 'it').blocks)).toContain('*Descrizione*\nEra a Milano,\nnon a Roma.');
  });

  it('lists the policy checks of a claim to review', () => {
    const text = renderedText(buildReviewMessage(buildClaim(), 'it').blocks);
    expect(text).toContain(
      '*Verifiche della policy*\n✅ Nei 30 giorni: la richiesta è stata ricevuta il 10 novembre 2026 (giorno 14 di 30).',
    );
    expect(text).toContain('⚠️ 5 crediti dichiarati');
  });

  it('falls back to a plain text that mentions the professional', () => {
    expect(buildReviewMessage(buildClaim(), 'it').text).toBe('Segnalazione RC-2026-0001 di <@U012PRO>: 5 crediti');
  });

  it('escapes user text so a client name cannot ping the channel or add a link', () => {
    const claim = buildClaim({
      ...rejected,
      clientFirstName: '<!channel>',
      clientLastName: 'A&B',
      service: '<https://evil.example|Clicca qui>',
      description: '<@U999> <!here>',
      decisionReason: '<!everyone>',
    });
    const message = buildReviewMessage(claim, 'it');
    const text = renderedText(message.blocks);
    expect(text).toContain('*Cliente*\n&lt;!channel&gt; A&amp;B');
    expect(text).toContain('&lt;https://evil.example|Clicca qui&gt;');
    expect(text).toContain('&lt;@U999&gt; &lt;!here&gt;');
    expect(text).toContain('Motivo: &lt;!everyone&gt;');
    const everything = JSON.stringify(message);
    for (const injected of ['<!channel>', '<!here>', '<!everyone>', '<@U999>', '<https://evil']) {
      expect(everything).not.toContain(injected);
    }
  });

  describe.each(LOCALES)('within Block Kit limits in %s', (locale) => {
    it.each(Object.entries(WORST_CASE_TEXTS))('with the longest inputs made of %s', (_name, fill) => {
      const longestReason = { decisionReason: fill(1000) };
      for (const decision of [{}, approved, { ...rejected, ...longestReason }]) {
        expectWithinBlockKitLimits(buildReviewMessage(buildLongestClaim(fill, decision), locale));
      }
    });

    it('with a reference too long for the header', () => {
      const message = buildReviewMessage(buildClaim({ reference: 'R'.repeat(200) }), locale);
      expectWithinBlockKitLimits(message);
      expect((message.blocks[0] as HeaderBlock).text.text.endsWith('…')).toBe(true);
    });
  });

  it('keeps as much of a long description as fits, cut with an ellipsis', () => {
    const claim = buildLongestClaim(WORST_CASE_TEXTS.ampersands);
    const description = buildReviewMessage(claim, 'it').blocks.find(
      (block) => block.type === 'section' && block.text?.text.startsWith('*Descrizione*'),
    ) as SectionBlock;
    expect(description.text?.text.length).toBeLessThanOrEqual(3000);
    expect(description.text?.text).toMatch(/(&amp;)+…$/);
  });
});

describe('parseClaimIdFromAction', () => {
  it('returns the claim id a button carries', () => {
    expect(parseClaimIdFromAction(CLAIM_ID)).toBe(CLAIM_ID);
  });

  it.each([undefined, null, 42, '', 'RC-2026-0001', `${CLAIM_ID} `, `${CLAIM_ID}x`, { id: CLAIM_ID }])(
    'rejects %j',
    (value) => {
      expect(parseClaimIdFromAction(value)).toBeNull();
    },
  );
});
