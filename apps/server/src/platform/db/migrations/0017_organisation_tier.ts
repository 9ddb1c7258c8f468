// Organisations become managed records: a tier (an SLA policy can match on it, e.g. "enterprise") and
// notes for agents; the domain (stored lower case) files new customers of that domain under it.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('tier', 'varchar(40)').execute();
  await db.schema
    .alterTable('organisations')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('organisations')
    .set((eb) => ({ domain: eb.fn('lower', ['domain']) }))
    .where('domain', 'is not', null)
    .execute();
  await db.schema.createIndex('organisations_domain_idx').on('organisations').column('domain').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisations_domain_idx').execute();
  await db.schema.alterTable('organisations').dropColumn('notes').execute();
  await db.schema.alterTable('organisations').dropColumn('tier').execute();
}
