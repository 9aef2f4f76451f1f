import { recordRefusedRequest, type RefusedRequest } from '../db/refused-request.repository.ts';
import type { Db } from '../db/database.ts';

/**
 * "Non verranno prese in considerazione richieste inoltrate via mail o in altra modalità": a refund
 * asked for outside the form creates no claim. The attempt is kept (where, who, when), never its text.
 * Returns false for a redelivery of an attempt already refused, which must not be answered twice.
 */
export async function refuseRequest(deps: { db: Db }, request: RefusedRequest): Promise<boolean> {
  return recordRefusedRequest(deps.db, request);
}
