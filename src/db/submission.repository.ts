/**
 * A submission's reads and writes, one statement each: the ack waits for every round trip, so the
 * policy's questions go out together (each answered from an index, bounded by what the policy asks,
 * never the professional's whole history) and the claim is stored with its reminders, outbox rows,
 * audit events and evidence in one statement. Both run inside the caller's transaction, after the
 * professional's lock.
 */
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Claim, ClaimInput, IsoDate, PriorClaim, Reason, Verdict } from '../domain/claim.ts';
import { OPEN_OR_APPROVED, PENDING_REVIEW, type ClaimStatus } from '../domain/claim-state.ts';
import type { EvidenceFile } from '../domain/evidence.ts';
import type { LedgerView } from '../domain/ledger.ts';
import type { PlannedNotice } from '../domain/sla.ts';
import type { OutgoingMessage } from '../domain/message-kinds.ts';
import { toEventRow, type ClaimEvent } from './audit.repository.ts';
import { toCharge } from './charge.repository.ts';
import { toClaim } from './claim.repository.ts';
import { toOutboxRow } from './outbox.repository.ts';
import type { ClaimRow } from './schema.ts';
import type { Trx } from './database.ts';

const DAY_MS = 86_400_000;

export interface SubmissionQuestions {
  professionalId: string;
  sourceViewId: string;
  /** The claim's client (normalised) and answer date: an open or approved claim for them is a duplicate. */
  clientKey: string;
  answeredOn: IsoDate;
  /** Whether the policy asks about earlier "sent by mistake" claims (only for one of those). */
  askMistakes: boolean;
  /** The charges around the claim's dates that the ledger match may need. */
  chargesFrom: Date;
  chargesTo: Date;
  now: Date;
}

export interface SubmissionContext {
  /** The claim this view already made (a replay), if any. */
  existingClaimId: string | null;
  /** The earlier claims the policy can find, newest first: a duplicate, and mistakes refunded or waiting. */
  priorClaims: PriorClaim[];
  /** The professional's claims waiting for a decision, oldest first. */
  pendingReferences: string[];
  ledger: LedgerView;
}

/** Everything the policy and the pending limit need, in one statement. */
export async function readSubmissionContext(trx: Trx, q: SubmissionQuestions): Promise<SubmissionContext> {
  const since = new Date(q.now.getTime() - 90 * DAY_MS);
  const row = await trx
    .selectNoFrom((eb) => [
      eb.selectFrom('claims').select('id').where('source_view_id', '=', q.sourceViewId).as('existing_id'),
      jsonArrayFrom(
        eb
          .selectFrom('claims')
          .select(['reference', 'reason', 'status', 'client_first_name', 'client_last_name', 'answered_on'])
          .where('professional_id', '=', q.professionalId)
          .where('status', 'in', OPEN_OR_APPROVED)
          .where((w) =>
            w.or([
              w.and([w('client_key', '=', q.clientKey), w('answered_on', '=', q.answeredOn)]),
              ...(q.askMistakes ? [w('reason', '=', 'sent_by_mistake')] : []),
            ]),
          )
          .orderBy('submitted_at', 'desc'),
      ).as('prior'),
      jsonArrayFrom(
        eb
          .selectFrom('claims')
          .select('reference')
          .where('professional_id', '=', q.professionalId)
          .where('status', '=', PENDING_REVIEW)
          .orderBy('submitted_at')
          .orderBy('reference'),
      ).as('pending'),
      eb
        .exists(eb.selectFrom('charges').select('charge_id').where('professional_id', '=', q.professionalId))
        .as('has_ledger_data'),
      jsonArrayFrom(
        eb
          .selectFrom('charges')
          .selectAll()
          .where('professional_id', '=', q.professionalId)
          .where('charged_at', '>=', q.chargesFrom)
          .where('charged_at', '<=', q.chargesTo)
          .orderBy('charged_at')
          .orderBy('charge_id'),
      ).as('charges'),
      // A reversal's negative entry cancels its refund, in the count and in the credits.
      eb
        .selectFrom('credit_entries')
        .select(
          sql<string>`json_build_array(count(*) FILTER (WHERE kind = 'refund') - count(*) FILTER (WHERE kind = 'reversal'), coalesce(sum(credits), 0))`.as(
            'r',
          ),
        )
        .where('professional_id', '=', q.professionalId)
        .where('created_at', '>', since)
        .where('created_at', '<=', q.now)
        .as('refunded'),
      eb
        .selectFrom('charges')
        .select(sql<number>`coalesce(sum(credits), 0)::int`.as('c'))
        .where('professional_id', '=', q.professionalId)
        .where('charged_at', '>', since)
        .where('charged_at', '<=', q.now)
        .as('charged'),
    ])
    .executeTakeFirstOrThrow();

  const [refunds, creditsRefunded] = row.refunded as unknown as [number, number];
  return {
    existingClaimId: row.existing_id ?? null,
    priorClaims: row.prior.map((r) => ({
      reference: r.reference,
      reason: r.reason as Reason,
      status: r.status as ClaimStatus,
      clientFirstName: r.client_first_name,
      clientLastName: r.client_last_name,
      answeredOn: r.answered_on,
    })),
    pendingReferences: row.pending.map((r) => r.reference),
    ledger: {
      hasData: Boolean(row.has_ledger_data),
      // Inside JSON, timestamps arrive as text.
      charges: row.charges.map((c) =>
        toCharge({
          ...c,
          lead_received_at: new Date(c.lead_received_at),
          charged_at: new Date(c.charged_at),
          imported_at: new Date(c.imported_at),
          redacted_at: c.redacted_at === null ? null : new Date(c.redacted_at),
        }),
      ),
      last90Days: {
        refunds: Number(refunds),
        creditsRefunded: Number(creditsRefunded),
        creditsCharged: row.charged ?? 0,
      },
    },
  };
}

export interface NewClaim {
  teamId: string;
  professionalId: string;
  sourceViewId: string;
  clientKey: string;
  input: ClaimInput;
  status: ClaimStatus;
  verdict: Verdict;
  submittedAt: Date;
  reviewDeadlineOn: IsoDate | null;
}

export interface SubmittedClaim {
  /** Chosen by the caller, so the rows that follow the claim can name it in the same statement. */
  id: string;
  /** The year in the reference (`RIM-2026-000123`), in Rome. */
  year: number;
  claim: NewClaim;
  evidence: readonly EvidenceFile[];
  notices: readonly PlannedNotice[];
  messages: readonly OutgoingMessage[];
  events: readonly Omit<ClaimEvent, 'claimId'>[];
}

/** Stores the claim with its evidence, reminders, outbox rows and audit events: one statement. */
export async function insertSubmittedClaim(trx: Trx, submitted: SubmittedClaim): Promise<Claim> {
  const { id, claim } = submitted;
  const json = (rows: readonly unknown[]) => JSON.stringify(rows);
  const evidence = submitted.evidence.map((file, position) => ({
    position,
    file_id: file.fileId,
    name: file.name,
    mimetype: file.mimetype,
    size: file.size,
    url_private_download: file.urlPrivateDownload,
  }));
  const notices = submitted.notices.map((n) => ({
    kind: n.kind,
    business_days_left: n.businessDaysLeft,
    due_at: n.dueAt,
  }));
  const messages = submitted.messages.map((m) => toOutboxRow(m, claim.submittedAt));
  const events = submitted.events.map((e) => toEventRow({ ...e, claimId: id }));
  const { rows } = await sql<ClaimRow>`
    WITH n AS (SELECT nextval('claim_reference_seq')::text AS n),
    claim AS (
      INSERT INTO claims (id, reference, team_id, professional_id, source_view_id, client_first_name,
        client_last_name, client_key, client_phone, service, answered_on, received_on, credits, reason,
        description, status, verdict, submitted_at, review_deadline_on)
      SELECT ${id}, 'RIM-' || ${String(submitted.year)} || '-' || right('000000' || n.n, greatest(6, length(n.n))),
        ${claim.teamId}, ${claim.professionalId}, ${claim.sourceViewId}, ${claim.input.clientFirstName},
        ${claim.input.clientLastName}, ${claim.clientKey}, ${claim.input.clientPhone}, ${claim.input.service},
        ${claim.input.answeredOn}::date, ${claim.input.receivedOn}::date, ${claim.input.credits}::int,
        ${claim.input.reason}, ${claim.input.description}, ${claim.status}, ${JSON.stringify(claim.verdict)}::jsonb,
        ${claim.submittedAt}::timestamptz, ${claim.reviewDeadlineOn}::date
      FROM n
      RETURNING *
    ),
    evidence AS (
      INSERT INTO claim_evidence (claim_id, position, file_id, name, mimetype, size, url_private_download)
      SELECT claim.id, e.position, e.file_id, e.name, e.mimetype, e.size, e.url_private_download
      FROM claim, jsonb_to_recordset(${json(evidence)}::jsonb)
        AS e(position int, file_id text, name text, mimetype text, size int, url_private_download text)
    ),
    notices AS (
      INSERT INTO claim_reminders (claim_id, kind, business_days_left, due_at)
      SELECT claim.id, r.kind, r.business_days_left, r.due_at
      FROM claim, jsonb_to_recordset(${json(notices)}::jsonb) AS r(kind text, business_days_left int, due_at timestamptz)
      ON CONFLICT DO NOTHING
    ),
    outbox AS (
      INSERT INTO outbox (claim_id, kind, lane, dedupe_key, payload, next_attempt_at, created_at)
      SELECT m.claim_id, m.kind, m.lane, m.dedupe_key, m.payload::jsonb, m.next_attempt_at, m.created_at
      FROM claim, jsonb_to_recordset(${json(messages)}::jsonb)
        AS m(claim_id uuid, kind text, lane text, dedupe_key text, payload text, next_attempt_at timestamptz, created_at timestamptz)
      ON CONFLICT (dedupe_key) DO NOTHING
    ),
    events AS (
      INSERT INTO claim_events (claim_id, kind, actor, at, details)
      SELECT claim.id, v.kind, v.actor, v.at, v.details::jsonb
      FROM claim, jsonb_to_recordset(${json(events)}::jsonb) AS v(kind text, actor text, at timestamptz, details text)
    )
    SELECT * FROM claim`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error('the claim was not stored');
  return toClaim(row);
}
