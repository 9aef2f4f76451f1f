/**
 * Message builder (pure): the answer to a refund asked for outside the form (a DM, a mention), saying claims
 * are accepted only through the form, with the button that opens it. Owns OPEN_FORM_ACTION_ID, the one action
 * id every "open the form" button uses.
 */
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, mrkdwn, plainText, type SlackMessage } from './slack-text.ts';

export const OPEN_FORM_ACTION_ID = 'open_refund_form';
export const FORM_POINTER_TEXT_BLOCK_ID = 'refund_form_pointer_text';
export const FORM_POINTER_ACTIONS_BLOCK_ID = 'refund_form_pointer_actions';

/** The answer to a claim sent any other way: the policy accepts claims only through the form. */
export function buildFormPointerMessage(locale: Locale): SlackMessage {
  const text = t(locale, 'off_form.text');
  return {
    text,
    blocks: [
      { type: 'section', block_id: FORM_POINTER_TEXT_BLOCK_ID, text: mrkdwn(text) },
      {
        type: 'actions',
        block_id: FORM_POINTER_ACTIONS_BLOCK_ID,
        elements: [
          {
            type: 'button',
            action_id: OPEN_FORM_ACTION_ID,
            style: 'primary',
            text: plainText(t(locale, 'off_form.button'), BLOCK_KIT_LIMITS.buttonText),
          },
        ],
      },
    ],
  };
}
