import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The marketplace knows professionals by its own ids; the product knows them by Slack user id.
  await db.schema
    .createTable('professionals')
    .addColumn('marketplace_id', 'text', (c) => c.primaryKey())
    .addColumn('slack_user_id', 'text', (c) => c.notNull())
    .execute();

  // What the marketplace charged, as it reported it. The *_key columns are the normalised forms the
  // policy matches a claim on (the professional types the client's name and phone by hand).
  await db.schema
    .createTable('charges')
    .addColumn('charge_id', 'text', (c) => c.primaryKey())
    .addColumn('professional_id', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('client_first_name', 'text', (c) => c.notNull())
    .addColumn('client_last_name', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('client_phone', 'text')
    .addColumn('client_phone_key', 'text')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('service_key', 'text', (c) => c.notNull())
    .addColumn('lead_received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('charged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits > 0`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger IN ('phone_answer', 'client_chat')`))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('charges_charged_after_lead', sql`charged_at >= lead_received_at`)
    .addCheckConstraint('charges_phone_key_with_phone', sql`(client_phone IS NULL) = (client_phone_key IS NULL)`)
    .execute();
  await db.schema
    .createIndex('charges_professional_charged')
    .on('charges')
    .columns(['professional_id', 'charged_at'])
    .execute();
  await db.schema
    .createIndex('charges_professional_client')
    .on('charges')
    .columns(['professional_id', 'client_key'])
    .execute();

  // Credits given back: one entry per claim, ever, written when a claim is approved.
  await db.schema
    .createTable('credit_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'uuid', (c) => c.notNull().unique().references('claims.id'))
    .addColumn('professional_id', 'text', (c) => c.notNull())
    .addColumn('charge_id', 'text', (c) => c.references('charges.charge_id'))
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credit_entries_professional_created')
    .on('credit_entries')
    .columns(['professional_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_entries').execute();
  await db.schema.dropTable('charges').execute();
  await db.schema.dropTable('professionals').execute();
}
