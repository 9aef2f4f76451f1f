/**
 * Repository: the SQL of the marketplace ledger, the `charges` imported from it and the `professionals` mapping
 * (marketplace id → Slack user). Imports are idempotent on charge_id and never rewrite a stored charge; the reads
 * feed claim matching, the 90-day totals and the charge picker.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Charge } from '../domain/ledger.ts';
import { normaliseClientName, normalisePhone, normaliseService } from '../domain/ledger-match.ts';
import type { Db, Trx } from './database.ts';
import type { ChargesTable } from './schema.ts';

export interface ProfessionalMapping {
  marketplaceId: string;
  slackUserId: string;
}

/** A re-sent charge_id whose content differs from the stored charge: the ledger never rewrites a charge. */
export class ChargeConflictError extends Error {
  override name = 'ChargeConflictError';
  constructor(readonly chargeIds: readonly string[]) {
    super(`charges already stored with different content: ${chargeIds.join(', ')}`);
  }
}

// PostgreSQL takes at most 65,535 parameters per statement; a charge row has 15.
const ROWS_PER_STATEMENT = 1000;
const DAY_MS = 86_400_000;

function chunked<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += ROWS_PER_STATEMENT) chunks.push(items.slice(at, at + ROWS_PER_STATEMENT));
  return chunks;
}

/** A marketplace id maps to one Slack user; sending a mapping again moves it. */
export async function upsertProfessionals(db: Db, mappings: readonly ProfessionalMapping[]): Promise<void> {
  for (const chunk of chunked(mappings)) {
    await db
      .insertInto('professionals')
      .values(chunk.map((m) => ({ marketplace_id: m.marketplaceId, slack_user_id: m.slackUserId })))
      .onConflict((oc) =>
        oc.column('marketplace_id').doUpdateSet((eb) => ({ slack_user_id: eb.ref('excluded.slack_user_id') })),
      )
      .execute();
  }
}

/** Marketplace id → Slack user id, for the ids that are known (unknown ones are absent from the map). */
export async function resolveProfessionals(db: Db, marketplaceIds: readonly string[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  for (const chunk of chunked([...new Set(marketplaceIds)])) {
    const rows = await db
      .selectFrom('professionals')
      .select(['marketplace_id', 'slack_user_id'])
      .where('marketplace_id', 'in', chunk)
      .execute();
    for (const row of rows) resolved.set(row.marketplace_id, row.slack_user_id);
  }
  return resolved;
}

function toRow(charge: Charge, importedAt: Date): Insertable<ChargesTable> {
  return {
    charge_id: charge.chargeId,
    professional_id: charge.professionalId,
    lead_id: charge.leadId,
    client_first_name: charge.clientFirstName,
    client_last_name: charge.clientLastName,
    client_key: normaliseClientName(charge.clientFirstName, charge.clientLastName),
    client_phone: charge.clientPhone,
    client_phone_key: normalisePhone(charge.clientPhone),
    service: charge.service,
    service_key: normaliseService(charge.service),
    lead_received_at: charge.leadReceivedAt,
    charged_at: charge.chargedAt,
    credits: charge.credits,
    trigger: charge.trigger,
    imported_at: importedAt,
  };
}

export function toCharge(row: Selectable<ChargesTable>): Charge {
  return {
    chargeId: row.charge_id,
    professionalId: row.professional_id,
    leadId: row.lead_id,
    clientFirstName: row.client_first_name,
    clientLastName: row.client_last_name,
    clientPhone: row.client_phone,
    service: row.service,
    leadReceivedAt: row.lead_received_at,
    chargedAt: row.charged_at,
    credits: row.credits,
    trigger: row.trigger,
  };
}

/** Same content as stored: every field the marketplace sent (not the import time, not the derived keys). */
function sameCharge(a: Charge, b: Charge): boolean {
  return (
    a.professionalId === b.professionalId &&
    a.leadId === b.leadId &&
    a.clientFirstName === b.clientFirstName &&
    a.clientLastName === b.clientLastName &&
    a.clientPhone === b.clientPhone &&
    a.service === b.service &&
    a.leadReceivedAt.getTime() === b.leadReceivedAt.getTime() &&
    a.chargedAt.getTime() === b.chargedAt.getTime() &&
    a.credits === b.credits &&
    a.trigger === b.trigger
  );
}

/**
 * Idempotent on charge_id: a charge sent again with the same content is `unchanged`; with different
 * content it throws ChargeConflictError naming every such id, so the caller's transaction writes nothing.
 * Run it in a transaction: the rows of a batch before the conflict are inserted until the rollback.
 */
export async function insertCharges(
  trx: Db,
  charges: readonly Charge[],
  importedAt: Date,
): Promise<{ inserted: number; unchanged: number }> {
  let inserted = 0;
  const conflicts: string[] = [];
  for (const chunk of chunked(charges)) {
    const rows = await trx
      .insertInto('charges')
      .values(chunk.map((charge) => toRow(charge, importedAt)))
      .onConflict((oc) => oc.column('charge_id').doNothing())
      .returning('charge_id')
      .execute();
    inserted += rows.length;
    const insertedIds = new Set(rows.map((row) => row.charge_id));
    const resent = chunk.filter((charge) => !insertedIds.has(charge.chargeId));
    if (resent.length === 0) continue;
    const stored = await trx
      .selectFrom('charges')
      .selectAll()
      .where(
        'charge_id',
        'in',
        resent.map((c) => c.chargeId),
      )
      .execute();
    const storedById = new Map(stored.map((row) => [row.charge_id, toCharge(row)]));
    for (const charge of resent) {
      const existing = storedById.get(charge.chargeId);
      if (!existing || !sameCharge(existing, charge)) conflicts.push(charge.chargeId);
    }
  }
  if (conflicts.length > 0) throw new ChargeConflictError(conflicts);
  return { inserted, unchanged: charges.length - inserted };
}

/** The professional's charges made between `from` and `to`, both included, oldest first. */
export async function findChargesForMatching(db: Db, professionalId: string, from: Date, to: Date): Promise<Charge[]> {
  const rows = await db
    .selectFrom('charges')
    .selectAll()
    .where('professional_id', '=', professionalId)
    .where('charged_at', '>=', from)
    .where('charged_at', '<=', to)
    .orderBy('charged_at')
    .orderBy('charge_id')
    .execute();
  return rows.map(toCharge);
}

/** False when the marketplace never reported a charge for this professional: nothing can be verified. */
export async function hasLedgerData(db: Db, professionalId: string): Promise<boolean> {
  const row = await db
    .selectFrom('charges')
    .select('charge_id')
    .where('professional_id', '=', professionalId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The 90 days up to `now` (90 × 24 hours, `now` included): refunds given and credits charged and refunded. */
export async function ledgerTotals90Days(
  db: Db,
  professionalId: string,
  now: Date,
): Promise<{ refunds: number; creditsRefunded: number; creditsCharged: number }> {
  const since = new Date(now.getTime() - 90 * DAY_MS);
  const refunded = await db
    .selectFrom('credit_entries')
    // A reversal's negative entry cancels its refund, in the count and in the credits.
    .select([
      sql<number>`(count(*) FILTER (WHERE kind = 'refund') - count(*) FILTER (WHERE kind = 'reversal'))::int`.as(
        'refunds',
      ),
      sql<number>`coalesce(sum(credits), 0)::int`.as('credits'),
    ])
    .where('professional_id', '=', professionalId)
    .where('created_at', '>', since)
    .where('created_at', '<=', now)
    .executeTakeFirstOrThrow();
  const charged = await db
    .selectFrom('charges')
    .select(sql<number>`coalesce(sum(credits), 0)::int`.as('credits'))
    .where('professional_id', '=', professionalId)
    .where('charged_at', '>', since)
    .where('charged_at', '<=', now)
    .executeTakeFirstOrThrow();
  return { refunds: refunded.refunds, creditsRefunded: refunded.credits, creditsCharged: charged.credits };
}

/**
 * A file's charge_ids as they are imported, in a table that lives only as long as the import's
 * transaction: a repeated id is found without keeping the file's ids in memory.
 */
export async function createImportScratch(trx: Trx): Promise<void> {
  await sql`CREATE TEMP TABLE import_charge_ids (charge_id text PRIMARY KEY, line integer NOT NULL) ON COMMIT DROP`.execute(
    trx,
  );
}

/** Records the ids with their line; returns those an earlier call recorded, with their line (the caller checks within a batch). */
export async function recordImportedIds(
  trx: Trx,
  ids: readonly { chargeId: string; line: number }[],
): Promise<Map<string, number>> {
  const firstLineOf = new Map<string, number>();
  if (ids.length === 0) return firstLineOf;
  const chargeIds = ids.map((id) => id.chargeId);
  const lines = ids.map((id) => id.line);
  const { rows } = await sql<{ charge_id: string; line: number }>`
    WITH incoming AS (
      SELECT DISTINCT ON (charge_id) charge_id, line
      FROM unnest(${chargeIds}::text[], ${lines}::int[]) AS t(charge_id, line)
      ORDER BY charge_id, line
    ), inserted AS (
      INSERT INTO import_charge_ids (charge_id, line) SELECT charge_id, line FROM incoming
      ON CONFLICT (charge_id) DO NOTHING
    )
    -- The main query sees the table as it was before this statement's insert: the earlier batches' ids.
    SELECT charge_id, line FROM import_charge_ids WHERE charge_id = ANY(${chargeIds}::text[])
  `.execute(trx);
  for (const row of rows) firstLineOf.set(row.charge_id, row.line);
  return firstLineOf;
}

/**
 * The professional's charges since `since`, newest first, at most `limit` (index
 * charges_professional_charged): one query, fast enough to run before the modal opens.
 */
export async function listRecentCharges(db: Db, professionalId: string, since: Date, limit: number): Promise<Charge[]> {
  const rows = await db
    .selectFrom('charges')
    .selectAll()
    .where('professional_id', '=', professionalId)
    .where('charged_at', '>=', since)
    .orderBy('charged_at', 'desc')
    .orderBy('charge_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toCharge);
}

/**
 * The same, narrowed to what the professional typed in the picker: every word must appear in the
 * client's name or the service (their normalised keys), so "ross imbian" finds Maria Rossi's painting.
 */
export async function searchRecentCharges(
  db: Db,
  professionalId: string,
  since: Date,
  words: readonly string[],
  limit: number,
): Promise<Charge[]> {
  let query = db
    .selectFrom('charges')
    .selectAll()
    .where('professional_id', '=', professionalId)
    .where('charged_at', '>=', since);
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('client_key', 'like', pattern), eb('service_key', 'like', pattern)]));
  }
  const rows = await query.orderBy('charged_at', 'desc').orderBy('charge_id', 'desc').limit(limit).execute();
  return rows.map(toCharge);
}

/** One charge, only if it is this professional's: a picked id is never trusted on its own. */
export async function findChargeOfProfessional(
  db: Db,
  chargeId: string,
  professionalId: string,
): Promise<Charge | undefined> {
  const row = await db
    .selectFrom('charges')
    .selectAll()
    .where('charge_id', '=', chargeId)
    .where('professional_id', '=', professionalId)
    .executeTakeFirst();
  return row && toCharge(row);
}
