import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ClaimEventKind } from '../db/audit.repository.ts';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { Claim } from '../domain/claim.ts';
import type { Locale } from '../i18n/messages.ts';
import { buildContestDm } from '../slack/messages/professional-dm.ts';
import type { Db } from '../db/database.ts';
import type { AppLogger } from '../logger.ts';
import { copyEvidence } from './copy-evidence.ts';

type Outcome = 'delivered' | 'skipped';
export type ProfessionalPathKind = 'contest_dm' | 'evidence_copy';

export interface ProfessionalPathTools {
  db: Db;
  logger: AppLogger;
  reviewLocale: Locale;
  client: WebClient;
  localeOf: (userId: string) => Promise<Locale>;
  audit: (claim: Claim, kind: ClaimEventKind, details: Record<string, unknown>) => Promise<void>;
  sendDirectMessage: (
    client: WebClient,
    userId: string,
    message: { text: string; blocks?: KnownBlock[] },
  ) => Promise<void>;
}

/** The deliverer's handlers for the professional's path: a contest's confirmation, the evidence's copies. */
export function createProfessionalPathHandlers(
  tools: ProfessionalPathTools,
): Record<ProfessionalPathKind, (claim: Claim, message: QueuedMessage) => Promise<Outcome>> {
  return {
    async contest_dm(claim) {
      if (!claim.contest || claim.reviewDeadlineOn === null) return 'skipped';
      const locale = await tools.localeOf(claim.professionalId);
      await tools.sendDirectMessage(tools.client, claim.professionalId, buildContestDm(claim, locale));
      await tools.audit(claim, 'notified', { message: 'contest_dm', to: claim.professionalId });
      return 'delivered';
    },
    async evidence_copy(claim) {
      return copyEvidence(tools, claim);
    },
  };
}
