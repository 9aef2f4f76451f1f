/**
 * Repository: the SQL of personal-data redaction, for the retention job and erasure on request: finding the claims
 * and charges past retention or of one person, replacing their client data with a marker, scrubbing audit details
 * (only in a transaction that allowed it), and recording a scheduled job's run once.
 */
import { sql } from 'kysely';
import { INELIGIBLE, REVERSED, REVIEW_DECISIONS } from '../domain/claim-state.ts';
import type { Trx } from './database.ts';

/** What replaces a client's name (and a free-text description) once their data may no longer be kept. */
export const REDACTED = '[rimosso]';

export interface RedactedClaim {
  id: string;
  reference: string;
  reviewMessageTs: string | null;
}

/** The client data of a claim before redaction: what the audit must not hold either. */
export interface ClaimPersonalData {
  id: string;
  clientFirstName: string;
  clientLastName: string;
  clientPhone: string | null;
}

/** Lets this transaction (only) rewrite audit details: the trigger checks the setting. */
export async function allowAuditRedaction(trx: Trx): Promise<void> {
  await sql`SELECT set_config('rimborso.redaction', 'on', true)`.execute(trx);
}

/** Claims decided (ineligible ones at submission, reversed ones at their reversal) before `cutoff`, not yet redacted. */
export async function findClaimsPastRetention(trx: Trx, cutoff: Date): Promise<string[]> {
  const rows = await trx
    .selectFrom('claims')
    .select('id')
    .where('redacted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', REVIEW_DECISIONS), eb('decided_at', '<', cutoff)]),
        eb.and([eb('status', '=', INELIGIBLE), eb('submitted_at', '<', cutoff)]),
        // An automatic approval a reviewer undid is decided too: its last decision is the reversal.
        eb.and([eb('status', '=', REVERSED), eb('reversed_at', '<', cutoff)]),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}

export async function findChargesPastRetention(trx: Trx, cutoff: Date): Promise<string[]> {
  const rows = await trx
    .selectFrom('charges')
    .select('charge_id')
    .where('redacted_at', 'is', null)
    .where('charged_at', '<', cutoff)
    .execute();
  return rows.map((row) => row.charge_id);
}

/** Claims and charges of a client (name key) or of a professional, or with a phone whose key is given. */
export async function findPersonalDataOf(
  trx: Trx,
  who: { clientKey: string } | { professionalId: string } | { phoneKey: string },
  phoneKeyOf: (phone: string) => string | null,
): Promise<{ claimIds: string[]; chargeIds: string[] }> {
  if ('phoneKey' in who) {
    // Claims keep the phone as typed: compared through the same normaliser as the ledger's keys.
    const claims = await trx
      .selectFrom('claims')
      .select(['id', 'client_phone'])
      .where('client_phone', 'is not', null)
      .where('redacted_at', 'is', null)
      .execute();
    const charges = await trx
      .selectFrom('charges')
      .select('charge_id')
      .where('client_phone_key', '=', who.phoneKey)
      .execute();
    return {
      claimIds: claims
        .filter((c) => c.client_phone !== null && phoneKeyOf(c.client_phone) === who.phoneKey)
        .map((c) => c.id),
      chargeIds: charges.map((c) => c.charge_id),
    };
  }
  const claimColumn = 'clientKey' in who ? ('client_key' as const) : ('professional_id' as const);
  const value = 'clientKey' in who ? who.clientKey : who.professionalId;
  const claims = await trx.selectFrom('claims').select('id').where(claimColumn, '=', value).execute();
  const charges = await trx.selectFrom('charges').select('charge_id').where(claimColumn, '=', value).execute();
  return { claimIds: claims.map((c) => c.id), chargeIds: charges.map((c) => c.charge_id) };
}

export async function readClaimPersonalData(trx: Trx, claimIds: readonly string[]): Promise<ClaimPersonalData[]> {
  if (claimIds.length === 0) return [];
  const rows = await trx
    .selectFrom('claims')
    .select(['id', 'client_first_name', 'client_last_name', 'client_phone'])
    .where('id', 'in', [...claimIds])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    clientFirstName: row.client_first_name,
    clientLastName: row.client_last_name,
    clientPhone: row.client_phone,
  }));
}

/** Replaces the client's name, phone, the description and the questions' texts by the marker; the claim keeps everything else. */
export async function redactClaims(trx: Trx, claimIds: readonly string[], now: Date): Promise<RedactedClaim[]> {
  if (claimIds.length === 0) return [];
  const rows = await trx
    .updateTable('claims')
    .set({
      client_first_name: REDACTED,
      client_last_name: REDACTED,
      client_phone: null,
      // Unique per claim: the "same claim twice" index must not see two redacted claims as one client.
      client_key: sql<string>`${REDACTED} || ' ' || id::text`,
      description: sql<string | null>`CASE WHEN description IS NULL THEN NULL ELSE ${REDACTED} END`,
      redacted_at: now,
    })
    .where('id', 'in', [...claimIds])
    .returning(['id', 'reference', 'review_message_ts'])
    .execute();
  // A reviewer's question and the professional's answer are free text that may name the client.
  await trx
    .updateTable('claim_questions')
    .set({ question: REDACTED, answer: sql<string | null>`CASE WHEN answer IS NULL THEN NULL ELSE ${REDACTED} END` })
    .where('claim_id', 'in', [...claimIds])
    .execute();
  return rows.map((row) => ({ id: row.id, reference: row.reference, reviewMessageTs: row.review_message_ts }));
}

export async function redactCharges(trx: Trx, chargeIds: readonly string[], now: Date): Promise<number> {
  let count = 0;
  for (let at = 0; at < chargeIds.length; at += 5000) {
    const result = await trx
      .updateTable('charges')
      .set({
        client_first_name: REDACTED,
        client_last_name: REDACTED,
        client_key: REDACTED,
        client_phone: null,
        client_phone_key: null,
        redacted_at: now,
      })
      .where('charge_id', 'in', chargeIds.slice(at, at + 5000))
      .executeTakeFirst();
    count += Number(result.numUpdatedRows);
  }
  return count;
}

/** Audit events whose details mention one of `values` (they should not; this is the safety net). */
export async function scrubAuditDetails(
  trx: Trx,
  claimIds: readonly string[],
  scrub: (details: unknown) => unknown,
): Promise<number> {
  if (claimIds.length === 0) return 0;
  const events = await trx
    .selectFrom('claim_events')
    .select(['id', 'details'])
    .where('claim_id', 'in', [...claimIds])
    .execute();
  let changed = 0;
  for (const event of events) {
    const scrubbed = scrub(event.details);
    if (JSON.stringify(scrubbed) === JSON.stringify(event.details)) continue;
    await sql`UPDATE claim_events SET details = ${JSON.stringify(scrubbed)}::jsonb WHERE id = ${event.id}`.execute(trx);
    changed++;
  }
  return changed;
}

/** True for the first caller of a job's run (a day, a week): the run is recorded in the caller's transaction. */
export async function claimJobRun(trx: Trx, job: string, runKey: string, now: Date): Promise<boolean> {
  const row = await trx
    .insertInto('ops_job_runs')
    .values({ job, run_key: runKey, ran_at: now })
    .onConflict((oc) => oc.columns(['job', 'run_key']).doNothing())
    .returning('job')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Requests refused outside the form (DMs, mentions, emails) older than `cutoff` forget who sent them and
 * the email's Message-ID: the rows stay for the counts (channel, time, what became of the reply).
 */
export async function forgetOldRefusedRequests(trx: Trx, cutoff: Date): Promise<number> {
  const result = await trx
    .updateTable('refused_requests')
    .set({ sender: null, message_id: null })
    .where('at', '<', cutoff)
    .where((eb) => eb.or([eb('sender', 'is not', null), eb('message_id', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * A sender's reply allowance older than the reply interval allows a reply exactly as no allowance does:
 * the address is kept no longer than that.
 */
export async function deleteExpiredReplyAllowances(trx: Trx, before: Date): Promise<number> {
  const result = await trx.deleteFrom('email_reply_allowances').where('last_reply_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
