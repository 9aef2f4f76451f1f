import { describe, it, expect } from 'vitest';
import type { ActionsBlock, SectionBlock } from '@slack/types';
import { LOCALES, t } from '../../../src/i18n/messages.ts';
import { OPEN_FORM_ACTION_ID, buildFormPointerMessage } from '../../../src/slack/messages/form-pointer.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';

describe('buildFormPointerMessage', () => {
  it('explains that claims go through the form, with a button that opens it', () => {
    const message = buildFormPointerMessage('it');
    expect(message.text).toBe(t('it', 'off_form.text'));
    expect((message.blocks[0] as SectionBlock).text?.text).toBe(t('it', 'off_form.text'));
    expect((message.blocks[1] as ActionsBlock).elements).toEqual([
      {
        type: 'button',
        action_id: OPEN_FORM_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: 'Chiedi il rimborso', emoji: true },
      },
    ]);
  });

  it.each(LOCALES)('stays within Block Kit limits in %s', (locale) => {
    expectWithinBlockKitLimits(buildFormPointerMessage(locale));
  });
});
