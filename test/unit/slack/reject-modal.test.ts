import { describe, it, expect } from 'vitest';
import type { InputBlock, SectionBlock } from '@slack/types';
import { LOCALES } from '../../../src/i18n/messages.ts';
import {
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
  buildRejectModal,
  parseRejectSubmission,
} from '../../../src/slack/views/reject-modal.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';
import { CLAIM_ID } from '../../support/factories.ts';

const METADATA = JSON.stringify({ claimId: CLAIM_ID });
const GENERIC_ERROR = 'Qualcosa è andato storto. Riprova tra poco; se il problema continua, contatta il supporto.';

function reasonValues(value: string | null): Record<string, unknown> {
  return { [REJECT_REASON_BLOCK_ID]: { [REJECT_REASON_ACTION_ID]: { type: 'plain_text_input', value } } };
}

describe('buildRejectModal', () => {
  const modal = buildRejectModal({ locale: 'it', claimId: CLAIM_ID, reference: 'RC-2026-0001' });

  it('carries the claim id in private_metadata and asks for the reason', () => {
    expect(modal.callback_id).toBe(REJECT_MODAL_CALLBACK_ID);
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ claimId: CLAIM_ID });
    expect(modal.title.text).toBe('Rifiuta la segnalazione');
    expect(modal.submit?.text).toBe('Rifiuta');
    expect((modal.blocks[0] as SectionBlock).text?.text).toBe(
      'Segnalazione *RC-2026-0001*: il professionista leggerà il motivo che scrivi qui.',
    );
    const input = modal.blocks[1] as InputBlock;
    expect(input).toMatchObject({ type: 'input', block_id: REJECT_REASON_BLOCK_ID, optional: false });
    expect(input.element).toMatchObject({
      type: 'plain_text_input',
      action_id: REJECT_REASON_ACTION_ID,
      multiline: true,
      max_length: 1000,
    });
  });

  it('has its metadata read back by the parser', () => {
    expect(parseRejectSubmission(reasonValues('Cliente mai contattato.'), modal.private_metadata ?? '', 'it')).toEqual({
      ok: true,
      claimId: CLAIM_ID,
      reason: 'Cliente mai contattato.',
    });
  });

  it.each(LOCALES)('stays within Block Kit limits in %s', (locale) => {
    expectWithinBlockKitLimits(buildRejectModal({ locale, claimId: CLAIM_ID, reference: 'RC-2026-0001' }));
  });
});

describe('parseRejectSubmission', () => {
  it('trims the reason and strips control characters, keeping line breaks', () => {
    expect(parseRejectSubmission(reasonValues('  Doppia\u0007 richiesta\nnon verificata. '), METADATA, 'it')).toEqual({
      ok: true,
      claimId: CLAIM_ID,
      reason: 'Doppia richiesta\nnon verificata.',
    });
  });

  it('accepts reasons of exactly 5 and 1000 characters', () => {
    expect(parseRejectSubmission(reasonValues('abcde'), METADATA, 'it').ok).toBe(true);
    expect(parseRejectSubmission(reasonValues('r'.repeat(1000)), METADATA, 'it').ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['no reason', reasonValues(null), 'Campo obbligatorio.'],
    ['a blank reason', reasonValues('   \n  '), 'Campo obbligatorio.'],
    ['a reason of 4 characters once trimmed', reasonValues('  nope  '), 'Scrivi un motivo di almeno 5 caratteri.'],
    ['a reason of 1001 characters', reasonValues('r'.repeat(1001)), 'Massimo 1000 caratteri.'],
    ['values that are null', null, 'Campo obbligatorio.'],
    [
      'a reason that is not text',
      { [REJECT_REASON_BLOCK_ID]: { [REJECT_REASON_ACTION_ID]: { value: 7 } } },
      'Campo obbligatorio.',
    ],
  ])('rejects %s on the reason input', (_name, values, message) => {
    expect(parseRejectSubmission(values, METADATA, 'it')).toEqual({
      ok: false,
      errors: { [REJECT_REASON_BLOCK_ID]: message },
    });
  });

  it('writes the error in the given locale', () => {
    expect(parseRejectSubmission(reasonValues('no'), METADATA, 'en')).toEqual({
      ok: false,
      errors: { [REJECT_REASON_BLOCK_ID]: 'Write a reason of at least 5 characters.' },
    });
  });

  it.each(['', 'not json', 'null', '{}', '{"claimId":"RC-2026-0001"}', '[1]', `{"claimId":42}`])(
    'reports a generic error for the metadata %j instead of throwing',
    (metadata) => {
      expect(parseRejectSubmission(reasonValues('Motivo valido.'), metadata, 'it')).toEqual({
        ok: false,
        errors: { [REJECT_REASON_BLOCK_ID]: GENERIC_ERROR },
      });
    },
  );
});
