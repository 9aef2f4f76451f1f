import type { Db } from './database.ts';

export interface ExportClaimRow {
  id: string;
  reference: string;
  professionalId: string;
  clientFirstName: string;
  clientLastName: string;
  clientPhone: string | null;
  service: string;
  answeredOn: string;
  receivedOn: string | null;
  credits: number;
  reason: string;
  status: string;
  submittedAt: Date;
  reviewDeadlineOn: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/**
 * One page of the claims submitted in [from, to), oldest first, after the cursor (keyset pagination on
 * (submitted_at, id), index claims_submitted_at): an export of any size is read a page at a time.
 */
export async function pageClaimsSubmitted(
  db: Db,
  range: { from: Date; to: Date },
  after: { submittedAt: Date; id: string } | undefined,
  limit: number,
): Promise<ExportClaimRow[]> {
  let query = db
    .selectFrom('claims')
    .select([
      'id',
      'reference',
      'professional_id',
      'client_first_name',
      'client_last_name',
      'client_phone',
      'service',
      'answered_on',
      'received_on',
      'credits',
      'reason',
      'status',
      'submitted_at',
      'review_deadline_on',
      'decided_by',
      'decided_at',
    ])
    .where('submitted_at', '>=', range.from)
    .where('submitted_at', '<', range.to);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('submitted_at', '>', after.submittedAt),
        eb.and([eb('submitted_at', '=', after.submittedAt), eb('id', '>', after.id)]),
      ]),
    );
  const rows = await query.orderBy('submitted_at').orderBy('id').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    professionalId: row.professional_id,
    clientFirstName: row.client_first_name,
    clientLastName: row.client_last_name,
    clientPhone: row.client_phone,
    service: row.service,
    answeredOn: row.answered_on,
    receivedOn: row.received_on,
    credits: row.credits,
    reason: row.reason,
    status: row.status,
    submittedAt: row.submitted_at,
    reviewDeadlineOn: row.review_deadline_on,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  }));
}
