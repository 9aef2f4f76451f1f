import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';

/** A claim row as it stands after a story, written directly: its times are what the reports read. */
export interface StoryClaim {
  reference: string;
  professionalId: string;
  reason: string;
  status: 'pending_review' | 'approved' | 'rejected' | 'ineligible';
  credits: number;
  submittedAt: string;
  decidedAt?: string;
  deadline?: string;
  clientFirstName?: string;
  clientLastName?: string;
  clientPhone?: string | null;
}

export async function insertStoryClaims(db: Db, claims: readonly StoryClaim[]): Promise<string[]> {
  const ids: string[] = [];
  for (const claim of claims) {
    const decided = claim.status === 'approved' || claim.status === 'rejected';
    const row = await db
      .insertInto('claims')
      .values({
        reference: claim.reference,
        team_id: 'T1',
        professional_id: claim.professionalId,
        source_view_id: `V${randomUUID()}`,
        client_first_name: claim.clientFirstName ?? 'Maria',
        client_last_name: claim.clientLastName ?? claim.reference,
        client_key: `maria ${claim.reference.toLowerCase()}`,
        client_phone: claim.clientPhone === undefined ? '+39 333 1234567' : claim.clientPhone,
        service: 'Imbiancatura',
        answered_on: claim.submittedAt.slice(0, 10),
        received_on: null,
        credits: claim.credits,
        reason: claim.reason,
        description: null,
        status: claim.status,
        verdict: JSON.stringify({ kind: claim.status === 'ineligible' ? 'ineligible' : 'to_review', findings: [] }),
        submitted_at: new Date(claim.submittedAt),
        review_deadline_on: claim.status === 'ineligible' ? null : (claim.deadline ?? null),
        decided_by: decided ? 'UREVIEWER1' : null,
        decided_at: decided && claim.decidedAt ? new Date(claim.decidedAt) : null,
        decision_reason: claim.status === 'rejected' ? 'Il cliente ha risposto' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}
