/**
 * Ledger: stores validated charges, resolving marketplace ids to Slack users, and maps professionals to
 * marketplace ids. Used by the ledger HTTP route (its own transaction, all or nothing) and by the CSV import
 * (inside the import's transaction).
 */
import {
  ChargeConflictError,
  insertCharges,
  resolveProfessionals,
  upsertProfessionals,
  type ProfessionalMapping,
} from '../db/charge.repository.ts';
import type { Db, Trx } from '../db/database.ts';
import type { Charge } from '../domain/ledger.ts';
import type { ChargeItemError, ParsedCharge } from './charge-input.ts';

export type IngestOutcome =
  | { kind: 'ingested'; inserted: number; unchanged: number }
  /** Items naming a marketplace id with no Slack user mapped to it. */
  | { kind: 'invalid'; errors: ChargeItemError[] }
  /** charge_ids already stored with different content. */
  | { kind: 'conflict'; chargeIds: readonly string[] };

/**
 * Inside the caller's transaction: resolves the professionals and inserts. Its outcome says what is
 * wrong; the caller rolls back when it is not `ingested` (rows before a conflict are already inserted).
 */
export async function ingestChargesIn(trx: Trx, parsed: readonly ParsedCharge[], now: Date): Promise<IngestOutcome> {
  const marketplaceIds = parsed.flatMap((c) =>
    c.professional.kind === 'marketplace' ? [c.professional.marketplaceId] : [],
  );
  const slackUserOf = await resolveProfessionals(trx, marketplaceIds);
  const errors: ChargeItemError[] = [];
  const charges: Charge[] = [];
  parsed.forEach((charge, item) => {
    const ref = charge.professional;
    const professionalId = ref.kind === 'slack' ? ref.slackUserId : slackUserOf.get(ref.marketplaceId);
    if (professionalId === undefined) {
      errors.push({ item, field: 'marketplace_id', message: 'is not a known professional' });
      return;
    }
    const { professional: _ref, ...rest } = charge;
    charges.push({ ...rest, professionalId });
  });
  if (errors.length > 0) return { kind: 'invalid', errors };
  try {
    return { kind: 'ingested', ...(await insertCharges(trx, charges, now)) };
  } catch (error) {
    if (error instanceof ChargeConflictError) return { kind: 'conflict', chargeIds: error.chargeIds };
    throw error;
  }
}

class RolledBack extends Error {
  constructor(readonly outcome: IngestOutcome) {
    super('rolled back');
  }
}

/** All or nothing: one transaction; an unknown marketplace id or a conflicting re-send writes no charge at all. */
export async function ingestCharges(db: Db, parsed: readonly ParsedCharge[], now: Date): Promise<IngestOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const outcome = await ingestChargesIn(trx, parsed, now);
      if (outcome.kind !== 'ingested') throw new RolledBack(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.outcome;
    throw error;
  }
}

/** Which Slack user each marketplace id is; sending a mapping again moves it. Charges may then name the marketplace id. */
export async function mapProfessionals(db: Db, mappings: readonly ProfessionalMapping[]): Promise<void> {
  await upsertProfessionals(db, mappings);
}
