import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Files the professional attached in the modal (screenshots, PDFs): Slack's ids and download URLs,
  // and whether a copy reached the claim's review thread. Never the files' bytes.
  await db.schema
    .createTable('claim_evidence')
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('claims.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mimetype', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('url_private_download', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state IN ('pending', 'copied', 'failed', 'reported')`),
    )
    .addColumn('copied_file_id', 'text')
    .addPrimaryKeyConstraint('claim_evidence_pk', ['claim_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claim_evidence').execute();
}
