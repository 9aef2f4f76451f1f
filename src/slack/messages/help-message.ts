/**
 * Message builder (pure): the answer to `/rimborso aiuto`, the refund policy in a few paragraphs, and the
 * "ask for a refund" button that the status message and the professional's Home reuse.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { REASONS } from '../../domain/claim.ts';
import { t, type Locale, type MessageKey } from '../../i18n/messages.ts';
import { OPEN_FORM_ACTION_ID } from './form-pointer.ts';
import { BLOCK_KIT_LIMITS, mrkdwn, plainText, type SlackMessage } from './slack-text.ts';

export const HELP_ACTIONS_BLOCK_ID = 'refund_help_actions';

/** "Chiedi un rimborso": the same action id as every other way into the form, so one listener opens it. */
export function buildAskRefundButton(locale: Locale): Button {
  return {
    type: 'button',
    action_id: OPEN_FORM_ACTION_ID,
    style: 'primary',
    text: plainText(t(locale, 'home.ask_button'), BLOCK_KIT_LIMITS.buttonText),
  };
}

export function buildAskRefundActions(locale: Locale, blockId: string): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: [buildAskRefundButton(locale)] };
}

/** The policy's paragraphs, in the order a professional needs them. */
function helpParagraphs(locale: Locale): string[] {
  const titled = (title: MessageKey, body: string) => `*${t(locale, title)}*\n${body}`;
  const cases = REASONS.map((reason) => `• ${t(locale, `help.case.${reason}`)}`);
  return [
    titled('help.when_title', [t(locale, 'help.when'), ...cases].join('\n')),
    titled('help.what_title', t(locale, 'help.what')),
    titled('help.how_title', t(locale, 'help.how')),
    titled('help.after_title', t(locale, 'help.after')),
    titled('help.credits_title', t(locale, 'help.credits')),
  ];
}

/** The answer to `/rimborso aiuto`: the policy in a few lines and the button that opens the form. */
export function buildHelpMessage(locale: Locale): SlackMessage {
  const header = t(locale, 'help.header');
  const paragraphs = helpParagraphs(locale);
  const statusHint = t(locale, 'help.status_hint');
  return {
    text: [header, ...paragraphs, statusHint].join('\n\n'),
    blocks: [
      { type: 'header', text: plainText(header, BLOCK_KIT_LIMITS.header) },
      ...paragraphs.map((text): KnownBlock => ({ type: 'section', text: mrkdwn(text) })),
      { type: 'context', elements: [mrkdwn(statusHint)] },
      buildAskRefundActions(locale, HELP_ACTIONS_BLOCK_ID),
    ],
  };
}
