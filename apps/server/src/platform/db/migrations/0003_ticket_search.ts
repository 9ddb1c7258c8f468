// Full-text search over tickets: one search document per ticket (its subject and its whole
// conversation), FTS5 on SQLite and tsvector + GIN on PostgreSQL. Only tickets/search.ts reads or
// writes these tables; its header explains the design.
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // The same ordinary tables on both dialects. They hold words already normalised in JavaScript
  // (search.ts), so neither database's tokenizer decides how Hindi or accented text is split:
  // SQLite keeps them as space-separated text (what the FTS5 row is rebuilt from when a message is
  // added); PostgreSQL keeps them as tsvector built from a literal, so its text-search parser and
  // locale never see them.
  await db.schema
    .createTable('ticket_search')
    // On SQLite an `integer primary key` would alias the rowid and read as auto-incrementing;
    // this key is a ticket's id, never generated.
    .addColumn('ticket_id', pg ? 'integer' : 'bigint', (c) =>
      c.primaryKey().notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('subject', pg ? sql`tsvector` : 'text', (c) => c.notNull())
    .addColumn('body', pg ? sql`tsvector` : 'text', (c) => c.notNull())
    .execute();
  // Every indexed word of four or more characters, so SQLite can turn a prefix into the words it
  // stands for (FTS5 merges whole word lists for a prefix query). PostgreSQL's GIN index finds
  // prefixes itself and leaves this table empty; it exists there so both schemas stay the same.
  let words = db.schema
    .createTable('ticket_search_words')
    .addColumn('word', 'varchar(200)', (c) => c.primaryKey().notNull());
  if (!pg) words = words.modifyEnd(sql`without rowid`);
  await words.execute();

  if (pg) {
    // One GIN index over subject and body together, so all terms of a query may match anywhere in
    // the ticket. Queries must spell the expression exactly like this to use it. No extension needed.
    await sql`create index ticket_search_terms_idx on ticket_search using gin ((subject || body))`.execute(db);
    return;
  }

  // tokenize='ascii': every non-ASCII code point is part of a word, so Devanagari vowel signs,
  // virama and anusvara never split a word (unicode61 turns "वापसी" into "व", "पस"); the text is
  // already lowercased, folded and stripped of punctuation. prefix='2 3': two- and three-character
  // prefixes get their own index. Contentless: ticket_search holds the text. `repeats` lists the
  // words that occur more than once in the conversation, so ranking can tell "mentioned again"
  // without bm25 (whose word statistics read every ticket containing the word).
  await sql`create virtual table ticket_search_fts using fts5(
    subject, body, repeats,
    content='', contentless_delete=1,
    tokenize='ascii', prefix='2 3'
  )`.execute(db);
  // search.ts writes index rows itself; this keeps the index right when a ticket's deletion cascades.
  await sql`create trigger ticket_search_ad after delete on ticket_search begin
    delete from ticket_search_fts where rowid = old.ticket_id;
  end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop trigger if exists ticket_search_ad`.execute(db);
    await sql`drop table if exists ticket_search_fts`.execute(db);
  }
  await db.schema.dropTable('ticket_search_words').execute();
  await db.schema.dropTable('ticket_search').execute();
}
