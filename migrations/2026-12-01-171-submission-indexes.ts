import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A submission asks only what the policy needs, each from an index that holds just those rows, so
  // the cost follows the answer and not the professional's history: the claims waiting for a
  // decision (the pending limit) and the "sent by mistake" ones refunded or waiting (refunded once).
  await sql`CREATE INDEX claims_professional_pending ON claims (professional_id, submitted_at, reference)
    WHERE status = 'pending_review'`.execute(db);
  await sql`CREATE INDEX claims_professional_mistakes ON claims (professional_id, submitted_at)
    WHERE reason = 'sent_by_mistake' AND status IN ('pending_review', 'approved')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX claims_professional_mistakes`.execute(db);
  await sql`DROP INDEX claims_professional_pending`.execute(db);
}
