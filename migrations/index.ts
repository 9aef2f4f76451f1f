import type { Migration } from 'kysely';
import * as claims from './2026-11-24-001-claims.ts';
import * as outbox from './2026-11-25-002-outbox-and-reminders.ts';
import * as assignment from './2026-11-25-003-assignment-and-questions.ts';
import * as questionIdempotency from './2026-11-25-005-question-idempotency.ts';
import * as ledger from './2026-11-25-004-ledger.ts';
import * as outboxWithoutClaim from './2026-12-01-001-outbox-without-claim.ts';
import * as outboxAttempts from './2026-12-01-101-outbox-attempts-and-blocked.ts';
import * as opsIndexes from './2026-12-01-141-ops-indexes.ts';
import * as personalDataRetention from './2026-12-01-142-personal-data-retention.ts';
import * as emailReplies from './2026-12-01-131-email-replies.ts';
import * as contest from './2026-12-01-151-contest.ts';
import * as evidence from './2026-12-01-152-evidence.ts';
import * as autoApproval from './2026-12-01-161-auto-approval.ts';
import * as submissionIndexes from './2026-12-01-171-submission-indexes.ts';
import * as outboxLeaseIndexes from './2026-12-02-181-outbox-lease-indexes.ts';

/** Every migration, by its sortable name. Add new ones here; never edit an applied one. */
export const migrations: Record<string, Migration> = {
  '2026-11-24-001-claims': claims,
  '2026-11-25-002-outbox-and-reminders': outbox,
  '2026-11-25-003-assignment-and-questions': assignment,
  '2026-11-25-005-question-idempotency': questionIdempotency,
  '2026-11-25-004-ledger': ledger,
  '2026-12-01-001-outbox-without-claim': outboxWithoutClaim,
  '2026-12-01-101-outbox-attempts-and-blocked': outboxAttempts,
  '2026-12-01-141-ops-indexes': opsIndexes,
  '2026-12-01-142-personal-data-retention': personalDataRetention,
  '2026-12-01-131-email-replies': emailReplies,
  '2026-12-01-151-contest': contest,
  '2026-12-01-152-evidence': evidence,
  '2026-12-01-161-auto-approval': autoApproval,
  '2026-12-01-171-submission-indexes': submissionIndexes,
  '2026-12-02-181-outbox-lease-indexes': outboxLeaseIndexes,
};
