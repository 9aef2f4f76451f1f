/**
 * Delivery: the deliverer's handlers for the professional's path, the contest confirmation DM and the copy of a
 * claim's evidence, split out of deliver-message.ts, whose tools (sendDm, postOnce, audit) they receive.
 */
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ClaimEventKind } from '../db/audit.repository.ts';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { Claim } from '../domain/claim.ts';
import type { Locale } from '../i18n/messages.ts';
import { buildContestDm } from '../slack/messages/professional-dm.ts';
import type { Db } from '../db/database.ts';
import type { AppLogger } from '../logger.ts';
import { copyEvidence, type CopyEvidenceDeps } from './copy-evidence.ts';
import type { DeliveryResult } from './outbox-worker.ts';

export type ProfessionalPathKind = 'contest_dm' | 'evidence_copy';

export interface ProfessionalPathTools {
  db: Db;
  logger: AppLogger;
  reviewLocale: Locale;
  client: WebClient;
  clock: () => Date;
  localeOf: (userId: string) => Promise<Locale>;
  /** The deliverer's DM: outbox metadata, looked for before it is sent again. */
  sendDm: (message: QueuedMessage, userId: string, content: { text: string; blocks?: KnownBlock[] }) => Promise<void>;
  postOnce: CopyEvidenceDeps['postOnce'];
  /** The audit of a delivery, written by the worker with the message's finish (one transaction). */
  audited: (claim: Claim, kind: ClaimEventKind, details: Record<string, unknown>) => (trx: Db) => Promise<void>;
}

/** The deliverer's handlers for the professional's path: a contest's confirmation, the evidence's copies. */
export function createProfessionalPathHandlers(
  tools: ProfessionalPathTools,
): Record<ProfessionalPathKind, (claim: Claim, message: QueuedMessage) => Promise<DeliveryResult>> {
  return {
    async contest_dm(claim, message) {
      if (!claim.contest || claim.reviewDeadlineOn === null) return { outcome: 'skipped' };
      const locale = await tools.localeOf(claim.professionalId);
      await tools.sendDm(message, claim.professionalId, buildContestDm(claim, locale));
      return {
        outcome: 'delivered',
        record: tools.audited(claim, 'notified', { message: 'contest_dm', to: claim.professionalId }),
      };
    },
    async evidence_copy(claim, message) {
      return copyEvidence(tools, claim, message);
    },
  };
}
