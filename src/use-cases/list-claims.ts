/**
 * Use case (read-only): the claim lists people read — a professional's own claims and the reviewers' queue with
 * the count of blocked messages — for `/rimborso stato` and the App Homes (slack/home.ts).
 */
import { countClaimsOfProfessional, listClaimsOfProfessional, listPendingClaims } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { countBlockedMessagesByCause } from '../db/outbox.repository.ts';
import type { Claim } from '../domain/claim.ts';

/**
 * The lists people read: a professional's own claims (`/rimborso stato`, their Home) and the reviewers'
 * queue (their Home). `db` may be a transaction: the outbox renders several Homes in one snapshot.
 */

/** A professional's newest claims, and how many they have in all. */
export async function listOwnClaims(
  db: Db,
  professionalId: string,
  limit: number,
): Promise<{ claims: Claim[]; totalCount: number }> {
  const [claims, totalCount] = await Promise.all([
    listClaimsOfProfessional(db, professionalId, limit),
    countClaimsOfProfessional(db, professionalId),
  ]);
  return { claims, totalCount };
}

/** The pending claims by deadline, how many are pending in all, and the messages blocked for a person to fix. */
export async function listReviewQueue(
  db: Db,
  limit: number,
): Promise<{ claims: Claim[]; total: number; blocked: Array<{ cause: string; count: number }> }> {
  const { claims, total } = await listPendingClaims(db, limit);
  const blocked = await countBlockedMessagesByCause(db);
  return { claims, total, blocked };
}
