/**
 * Repository: the SQL of `claim_evidence`, the files attached to a claim and the state of their copy into the review
 * channel (pending, copied, failed, reported), which the outbox's evidence copy reads and updates.
 */
import type { EvidenceFile } from '../domain/evidence.ts';
import type { Db } from './database.ts';

export type EvidenceState = 'pending' | 'copied' | 'failed' | 'reported';
export interface StoredEvidence extends EvidenceFile {
  claimId: string;
  position: number;
  state: EvidenceState;
  /** The copy's file id, known before its upload is completed: a pending file with one may be in Slack already. */
  copiedFileId: string | null;
}

export async function listEvidence(db: Db, claimId: string): Promise<StoredEvidence[]> {
  const rows = await db
    .selectFrom('claim_evidence')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    claimId: row.claim_id,
    position: row.position,
    fileId: row.file_id,
    name: row.name,
    mimetype: row.mimetype,
    size: row.size,
    urlPrivateDownload: row.url_private_download,
    state: row.state,
    copiedFileId: row.copied_file_id,
  }));
}

export async function markEvidence(
  db: Db,
  claimId: string,
  positions: readonly number[],
  state: EvidenceState,
  copiedFileId?: string,
): Promise<void> {
  if (positions.length === 0) return;
  await db
    .updateTable('claim_evidence')
    .set({ state, ...(copiedFileId ? { copied_file_id: copiedFileId } : {}) })
    .where('claim_id', '=', claimId)
    .where('position', 'in', positions)
    .execute();
}
