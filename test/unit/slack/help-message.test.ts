import { describe, it, expect } from 'vitest';
import type { ActionsBlock, KnownBlock } from '@slack/types';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { OPEN_FORM_ACTION_ID } from '../../../src/slack/messages/form-pointer.ts';
import { HELP_ACTIONS_BLOCK_ID, buildHelpMessage } from '../../../src/slack/messages/help-message.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';

function rendered(blocks: KnownBlock[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'header') return block.text.text;
      if (block.type === 'section') return block.text?.text ?? '';
      if (block.type === 'context')
        return block.elements.map((element) => ('text' in element ? element.text : '')).join('\n');
      return '';
    })
    .join('\n');
}

describe('buildHelpMessage', () => {
  const { text, blocks } = buildHelpMessage('it');
  const shown = rendered(blocks);

  it.each([
    ['when', 'Entro *30 giorni* dalla ricezione della richiesta'],
    ['the first case', '“No, grazie”'],
    ['the second case', '*Dettagli cambiati*'],
    ['the third case', '*Risposta doppia*'],
    ['the fourth case', '*Termini violati*'],
    ['the fifth case, refunded once', '*Risposta inviata per errore*: si rimborsa una sola volta'],
    [
      'what to give',
      'Nome e cognome del cliente (e il telefono, se l’hai), il servizio per cui hai risposto, la data della tua risposta e i crediti utilizzati.',
    ],
    [
      'the form only',
      'Solo con il modulo: le segnalazioni inviate via messaggio, email o in altro modo non vengono prese in considerazione.',
    ],
    ['the 10 business days and the DM', 'entro *10 giorni lavorativi*'],
    ['the answer by DM', 'in un messaggio diretto'],
    ['credits only', 'solo in crediti'],
    ['the balance to check first', '*Saldo crediti*'],
    ['the status command', '`/rimborso stato`'],
  ])('tells %s', (_what, words) => {
    expect(shown).toContain(words);
    expect(text).toContain(words);
  });

  it('lists exactly the five cases', () => {
    expect(shown.match(/^• /gm)).toHaveLength(5);
  });

  it('ends with the button that opens the form', () => {
    const actions = blocks.at(-1) as ActionsBlock;
    expect(actions.block_id).toBe(HELP_ACTIONS_BLOCK_ID);
    expect(actions.elements).toEqual([
      {
        type: 'button',
        action_id: OPEN_FORM_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: 'Chiedi un rimborso', emoji: true },
      },
    ]);
  });

  it('speaks English', () => {
    const english = buildHelpMessage('en');
    expect(english.text).toContain('Within *30 days* of receiving the request');
    expect(english.text).toContain('Only through the form');
    expect(english.text).toContain('`/rimborso status`');
    expect(english.text).not.toContain('`/rimborso stato`');
    expect(english.text).not.toContain('Entro');
  });

  it.each(LOCALES)('stays within Block Kit limits in %s', (locale) => {
    expectWithinBlockKitLimits(buildHelpMessage(locale));
  });
});
