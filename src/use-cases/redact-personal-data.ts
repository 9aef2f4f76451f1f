/** Use case: personal data redacted, by the daily retention job (RETENTION_MONTHS) or an erasure on request. */
import { recordClaimEvent } from '../db/audit.repository.ts';
import type { Db, Trx } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import {
  allowAuditRedaction,
  claimJobRun,
  deleteExpiredReplyAllowances,
  findChargesPastRetention,
  findClaimsPastRetention,
  findPersonalDataOf,
  forgetOldRefusedRequests,
  readClaimPersonalData,
  redactCharges,
  redactClaims,
  REDACTED,
  scrubAuditDetails,
} from '../db/redaction.repository.ts';
import { normaliseClientName, normalisePhone } from '../domain/ledger-match.ts';
import { romeDateOf } from '../domain/rome-calendar.ts';

export type RedactionReason = 'retention' | 'erasure';
export type ErasureTarget =
  { kind: 'client_phone'; phone: string } | { kind: 'client'; name: string } | { kind: 'professional'; userId: string };

export interface RedactionSummary {
  claims: string[];
  charges: number;
  auditEventsScrubbed: number;
  reviewMessagesUpdated: number;
}

/** Every string in `details` that contains one of `values` becomes the marker. */
function scrubberFor(values: readonly string[]) {
  const needles = values.map((v) => v.trim().toLowerCase()).filter((v) => v.length >= 3);
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return needles.some((n) => value.toLowerCase().includes(n)) ? REDACTED : value;
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  return scrub;
}

/**
 * Replaces the client's name and phone (and the claim's description) by a marker in these claims and
 * charges, in the caller's transaction: the rows stay, so nothing that refers to them breaks. The audit
 * keeps every event; any detail that would mention the client is rewritten (the only path the audit's
 * trigger lets through), and a `redacted` event says when and why. The review message in Slack is
 * redrawn from the redacted claim through the outbox.
 */
export async function redactPersonalData(
  trx: Trx,
  target: { claimIds: readonly string[]; chargeIds: readonly string[] },
  why: RedactionReason,
  now: Date,
): Promise<RedactionSummary> {
  const before = await readClaimPersonalData(trx, target.claimIds);
  await allowAuditRedaction(trx);
  const values = before.flatMap((c) => [
    `${c.clientFirstName} ${c.clientLastName}`,
    c.clientLastName,
    ...(c.clientPhone ? [c.clientPhone] : []),
  ]);
  const auditEventsScrubbed = await scrubAuditDetails(trx, target.claimIds, scrubberFor(values));
  const claims = await redactClaims(trx, target.claimIds, now);
  const charges = await redactCharges(trx, target.chargeIds, now);
  for (const claim of claims)
    await recordClaimEvent(trx, { claimId: claim.id, kind: 'redacted', actor: null, at: now, details: { why } });
  const posted = claims.filter((claim) => claim.reviewMessageTs !== null);
  await enqueueMessages(
    trx,
    posted.map((claim) => ({
      claimId: claim.id,
      kind: 'review_update' as const,
      variant: `redacted-${now.getTime()}`,
    })),
    now,
  );
  return { claims: claims.map((c) => c.reference), charges, auditEventsScrubbed, reviewMessagesUpdated: posted.length };
}

/** `months` calendar months before `now` (the 31st becomes the month's last day). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/**
 * The daily retention job: the first sweep of each Rome day (in any instance) redacts the decided claims
 * and the charges older than RETENTION_MONTHS; the day's run is recorded in the same transaction, so
 * it runs once across instances. Returns the review-message updates it queued.
 */
export async function runDailyRetention(deps: {
  db: Db;
  clock: () => Date;
  retentionMonths: number;
  /** EMAIL_REPLY_INTERVAL_HOURS: how long a sender's address is needed to hold back a second reply. */
  replyIntervalHours: number;
}): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimJobRun(trx, 'retention', romeDateOf(now), now))) return 0;
    const cutoff = retentionCutoff(now, deps.retentionMonths);
    const claimIds = await findClaimsPastRetention(trx, cutoff);
    const chargeIds = await findChargesPastRetention(trx, cutoff);
    // Who asked for a refund outside the form, and an email sender's reply allowance, are personal data too.
    await forgetOldRefusedRequests(trx, cutoff);
    await deleteExpiredReplyAllowances(trx, new Date(now.getTime() - deps.replyIntervalHours * 3_600_000));
    return (await redactPersonalData(trx, { claimIds, chargeIds }, 'retention', now)).reviewMessagesUpdated;
  });
}

/** Erasure on request (`npm run erase`): every claim and charge of that client or professional, whatever its age. */
export async function erasePersonalData(db: Db, target: ErasureTarget, now: Date): Promise<RedactionSummary> {
  return db.transaction().execute(async (trx) => {
    const who =
      target.kind === 'client_phone'
        ? { phoneKey: normalisePhone(target.phone) ?? '' }
        : target.kind === 'client'
          ? { clientKey: normaliseClientName(target.name, '') }
          : { professionalId: target.userId };
    const found = await findPersonalDataOf(trx, who, (phone) => normalisePhone(phone));
    return redactPersonalData(trx, found, 'erasure', now);
  });
}
