/**
 * The App Home tabs. Which one a user sees is the caller's choice: a reviewer gets the queue
 * (home-reviewer.ts), everyone else their own claims (home-professional.ts).
 */
export type { HomeView } from '@slack/types';
export {
  PRO_HOME_ASK_BLOCK_ID,
  PRO_HOME_EMPTY_BLOCK_ID,
  PRO_HOME_MORE_BLOCK_ID,
  PROFESSIONAL_HOME_MAX_CLAIMS,
  buildProfessionalHome,
  type ProfessionalHomeOptions,
} from './home-professional.ts';
export {
  REVIEWER_HOME_BLOCKED_BLOCK_ID,
  REVIEWER_HOME_EMPTY_BLOCK_ID,
  REVIEWER_HOME_MORE_BLOCK_ID,
  REVIEWER_HOME_MAX_CLAIMS,
  buildReviewerHome,
  type ReviewerHomeOptions,
} from './home-reviewer.ts';
