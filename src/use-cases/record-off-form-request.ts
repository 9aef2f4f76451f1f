/** An off-form request: a refund asked for outside the form (a DM, a mention, an email). */
import { insertOffFormRequest, type OffFormRequest } from '../db/off-form-request.repository.ts';
import type { Db } from '../db/database.ts';

/**
 * "Non verranno prese in considerazione richieste inoltrate via mail o in altra modalità": a refund
 * asked for outside the form creates no claim. The attempt is kept (where, who, when), never its text.
 * Returns false for a redelivery of an attempt already recorded, which must not be answered twice.
 */
export async function recordOffFormRequest(deps: { db: Db }, request: OffFormRequest): Promise<boolean> {
  return insertOffFormRequest(deps.db, request);
}
