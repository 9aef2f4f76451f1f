/**
 * Message blocks (pure): the "ask for a review" button under an ineligible claim, in the professional's DM
 * and the form's result view. Its action id is what the contest listener answers.
 */
import type { ActionsBlock } from '@slack/types';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, plainText } from './slack-text.ts';

export const CONTEST_ACTION_ID = 'claim_contest';
export const CONTEST_ACTIONS_BLOCK_ID = 'claim_contest_actions';

/** "Chiedi una verifica" under an ineligible claim; the value is the claim id, nothing else. */
export function buildContestActions(claimId: string, locale: Locale): ActionsBlock {
  return {
    type: 'actions',
    block_id: CONTEST_ACTIONS_BLOCK_ID,
    elements: [
      {
        type: 'button',
        action_id: CONTEST_ACTION_ID,
        text: plainText(t(locale, 'contest.button'), BLOCK_KIT_LIMITS.buttonText),
        value: claimId,
      },
    ],
  };
}
