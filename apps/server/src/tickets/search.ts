// Full-text search over tickets: the only module that knows how search documents are stored.
//
// One search document per ticket (table ticket_search, migration 0003): its subject and its whole
// conversation, so every term of a query may match anywhere in the ticket (AND over the ticket, not
// over one message), a ticket is one index row (no grouping of hits per ticket) and the index row id
// is the ticket id. Words are made here, in JavaScript (normaliseForSearch, tokensOf), so both
// dialects index exactly the same words whatever their tokenizer or locale would have done.
//
// SQLite: FTS5 with tokenize='ascii' over pre-normalised, space-separated words (unicode61 splits
// Devanagari words at every vowel sign and virama). Adding a message rewrites the ticket's index
// row from the text kept in ticket_search. A query walks the index newest-first and stops after
// CANDIDATES tickets, and everything it computes is bounded by that walk. Hence two things FTS5
// would do by itself are done otherwise, as measured on 1M tickets / 5M messages:
// - no bm25(): it counts every ticket containing each term (tens of ms for a common word, before
//   the first row); the score comes from column-filtered matches over the candidates instead:
//   term in the subject (+4), term used more than once in the conversation (+1, the `repeats` column);
// - no FTS5 prefix query for prefixes of four or more characters: FTS5 merges the complete word
//   lists of every matching word first ("refu"* ≈ 25–45 ms); the prefix becomes an OR of the
//   words it stands for (ticket_search_words), which FTS5 streams ("refund" OR "refunded" ≈ 1 ms).
//   Two- and three-character prefixes have FTS5 prefix indexes; one character matches whole words.
//
// PostgreSQL: tsvector columns built from a literal (no text-search parser, dictionary or extension
// involved), appended with `||` when a message arrives, one GIN index over `subject || body`,
// ranked by ts_rank (subject words carry weight A, 10× the body's D) over the same bounded set of
// candidates.
//
// Each term matches a whole word or a word prefix; a "quoted phrase" matches consecutive words.
// User input only ever becomes quoted FTS5 strings or quoted tsquery lexemes, never query syntax.
import { type AliasedRawBuilder, type RawBuilder, sql } from 'kysely';
import { type Dialect, type Executor, lastInGroup, whenCommitted } from '../platform/db/index.js';
import { prepared } from '../platform/db/prepared.js';

/**
 * A query considers only the CANDIDATES most recent tickets (highest id) that match all its terms;
 * the list query then filters, sorts and pages those. Without this bound a very common word
 * ("order", "the") would rank hundreds of thousands of tickets per keystroke; with it a list search
 * over 1M tickets / 5M messages takes 5–20 ms on SQLite (5000 candidates: about twice that). The
 * price: for a word in more tickets than this, older tickets (or, after further filters, fewer than
 * a page) are found only once another term narrows the query. Unsolved tickets are recent, so
 * views of them rarely notice.
 */
const CANDIDATES = 2000;
/** SQLite: a prefix standing for more words than this is left to FTS5's own (slower) prefix query. */
const MAX_EXPANSION = 64;
/** SQLite: words this long or longer go into ticket_search_words; shorter prefixes have FTS5 prefix indexes. */
const LISTED_WORD = 4;
/** SQLite score: a term in the subject, and a term used more than once in the conversation. */
const SUBJECT_WEIGHT = 4;
const REPEAT_WEIGHT = 1;
/** Terms beyond this many are ignored: each costs an index lookup, and they only narrow the result. */
const MAX_TERMS = 12;
/** Longer words (hashes, base64) are cut to this many characters on both sides; PostgreSQL limits lexemes anyway. */
const MAX_WORD = 40;
/** Text of one message beyond this many characters is not indexed. */
const MAX_DOC_CHARS = 200_000;
/** SQLite: a ticket's indexed conversation stops growing here (each new message re-indexes all of it). */
const MAX_BODY_CHARS = 250_000;
/** PostgreSQL: a tsvector holds at most 1 MiB of lexemes; appending past that would fail the write. */
const MAX_TSVECTOR_BYTES = 1_000_000;
/** PostgreSQL's last word position; later words share it. */
const MAX_POSITION = 16_383;
/** Rows per statement in indexBulk: well under both dialects' bound-parameter limits. */
const BULK_ROWS = 500;

// ---------- words ----------

const PRINTABLE_ASCII = /^[\x20-\x7e\t\n\r]*$/;
const LATIN_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const LATIN_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};

/**
 * Lowercase, NFC, Latin accents folded (é→e, ü→u, ß→ss), punctuation and symbols to single spaces;
 * Devanagari kept whole (vowel signs, virama, anusvara, conjuncts). Two Hindi spelling variants are
 * folded so either spelling finds the other: the nukta is dropped (रिफ़ंड = रिफंड, ज़रूरी = जरूरी) and
 * chandrabindu becomes anusvara (पहुँचा = पहुंचा). Devanagari digits become ASCII digits, and
 * zero-width (non-)joiners and soft hyphens vanish, since they change how a word looks, not what it is.
 */
export function normaliseForSearch(text: string): string {
  // Most English text is plain ASCII, for which all but the last two steps change nothing.
  if (PRINTABLE_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(LATIN_MARKS, '')
    .replace(/\u093c/g, '')
    .replace(/\u0901/g, '\u0902')
    .replace(/\u200c|\u200d|\u00ad/g, '')
    .replace(/[ßæœøđłıþð]/g, (c) => LATIN_LETTERS[c] ?? c)
    .replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - 0x966))
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

function cutWord(word: string): string {
  if (word.length <= MAX_WORD) return word;
  return Array.from(word).slice(0, MAX_WORD).join('');
}

/** The indexed words of a text, in order. */
function tokensOf(text: string): string[] {
  const n = normaliseForSearch(text.length > MAX_DOC_CHARS ? text.slice(0, MAX_DOC_CHARS) : text);
  return n ? n.split(' ').map(cutWord) : [];
}

/** Bytes of a tsvector's lexemes, the figure PostgreSQL limits. */
function lexemeBytes(tokens: Iterable<string>): number {
  let n = 0;
  for (const t of new Set(tokens)) n += Buffer.byteLength(t);
  return n;
}

/** A tsvector literal of the words at their positions; PostgreSQL reads it without its parser. */
function tsvectorLiteral(tokens: string[], weight: 'A' | ''): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const p = Math.min(i + 1, MAX_POSITION);
    let list = positions.get(t);
    if (!list) {
      list = [];
      positions.set(t, list);
    }
    // PostgreSQL keeps at most 256 positions of a lexeme.
    if (list.length < 256 && list.at(-1) !== p) list.push(p);
  });
  return [...positions].map(([t, ps]) => `${quoteLexeme(t)}:${ps.map((p) => `${p}${weight}`).join(',')}`).join(' ');
}

/** Words hold only letters, marks and digits; quoting still makes any lexeme literal. */
function quoteLexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

// ---------- queries ----------

/** One query term: a word, or a phrase of consecutive words; the last word may be a prefix. */
interface Term {
  words: string[];
  prefix: boolean;
}

/**
 * Whitespace separates terms, "double quotes" make a phrase of whole words; any other character is
 * just text (a stray quote is dropped). A chunk that normalises to several words ("ORD-1042",
 * "don't") is a phrase too, so it finds the same words in the same order, its last word a prefix.
 */
function parseQuery(q: string): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  for (const m of q.matchAll(/"([^"]*)"|[^\s"]+/g)) {
    const quoted = m[1] !== undefined;
    const words = tokensOf(m[1] ?? m[0]);
    const last = words.at(-1);
    if (last === undefined) continue;
    // Quotes ask for these very words. One letter as a prefix would match a large part of the
    // vocabulary and is rarely meant.
    const term = { words, prefix: !quoted && Array.from(last).length >= 2 };
    const key = `${words.join(' ')}|${term.prefix}`;
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** A term as an FTS5 string: a quoted word or phrase, `*` for a prefix. */
function fts5Phrase(t: Term): string {
  return `"${t.words.join(' ').replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
}

/**
 * SQL yielding a term's FTS5 expression. A prefix of LISTED_WORD or more characters becomes the
 * OR of the listed words it starts (streamed by FTS5); when there are none or too many, or for a
 * phrase, FTS5's own syntax does.
 */
function fts5TermSql(t: Term): RawBuilder<string> {
  const [word, ...rest] = t.words;
  if (!t.prefix || word === undefined || rest.length || Array.from(word).length < LISTED_WORD) {
    return sql<string>`${fts5Phrase(t)}`;
  }
  return sql<string>`(select case when count(*) = 0 or count(*) > ${sql.lit(MAX_EXPANSION)} then ${fts5Phrase(t)}
      else '(' || group_concat('"' || replace(word, '"', '""') || '"', ' OR ') || ')' end
    from (select word from ticket_search_words where word >= ${word} and word < ${`${word}\u{10ffff}`}
      order by word limit ${sql.lit(MAX_EXPANSION + 1)}))`;
}

function tsQuery(terms: Term[]): string {
  return terms
    .map((t) => {
      const parts = t.words.map((w, i) => `${quoteLexeme(w)}${t.prefix && i === t.words.length - 1 ? ':*' : ''}`);
      return parts.length > 1 ? `(${parts.join(' <-> ')})` : parts.join('');
    })
    .join(' & ');
}

interface SearchRowOut {
  ticket_id: number;
  score: number;
}
export type SearchMatches = AliasedRawBuilder<SearchRowOut, 'search'>;

/**
 * A subquery (aliased 'search') with one row per matching ticket: columns ticket_id and score
 * (higher is better), to be inner-joined on tickets.id by the ticket list query together with any
 * other filters; null when q has no searchable term. Only the CANDIDATES most recent matching
 * tickets are in it (see CANDIDATES).
 */
export function searchMatches(dialect: Dialect, q: string): SearchMatches | null {
  const terms = parseQuery(q);
  if (!terms.length) return null;
  return (dialect === 'sqlite' ? sqliteMatches(terms) : postgresMatches(terms)).as('search');
}

function sqliteMatches(terms: Term[]): RawBuilder<SearchRowOut> {
  // q: each term's FTS5 expression, computed once. c: the candidates, newest first (FTS5 walks
  // its index backwards and stops). Each score part is a column-filtered match restricted to the
  // candidates' id range, so it reads no more of the index than the candidates span.
  // SQLite flattens this into the list query and picks the join order itself: from the
  // candidates (at most CANDIDATES primary-key lookups into tickets), or from a filtered scan of
  // tickets probing the candidates by an automatic index. Without ANALYZE statistics it believes
  // any indexed filter selects ten tickets and may scan all unsolved ones. Planner statistics
  // (ANALYZE, PRAGMA optimize) fix that; a list query that puts the search first with a CROSS
  // JOIN bounds every search.
  const e = (i: number) => sql.ref(`q.e${i}`);
  const all = sql.join(
    terms.map((_, i) => e(i)),
    sql` || ' AND ' || `,
  );
  const within = (column: 'subject' | 'repeats', i: number) =>
    sql`(c.id in (select rowid from ticket_search_fts
      where ticket_search_fts match (select ${sql.lit(`${column} : (`)} || ${e(i)} || ')' from q)
        and rowid >= (select lo from bounds)))`;
  const parts = terms.map(
    (_, i) =>
      sql`${sql.lit(SUBJECT_WEIGHT)} * ${within('subject', i)} + ${sql.lit(REPEAT_WEIGHT)} * ${within('repeats', i)}`,
  );
  return sql<SearchRowOut>`(with
      q as materialized (select ${sql.join(terms.map((t, i) => sql`${fts5TermSql(t)} as ${sql.ref(`e${i}`)}`))}),
      c as materialized (select rowid as id from ticket_search_fts
        where ticket_search_fts match (select ${all} from q)
        order by rowid desc limit ${sql.lit(CANDIDATES)}),
      bounds as materialized (select coalesce(min(id), 0) as lo from c)
    select c.id as ticket_id, 1.0 + ${sql.join(parts, sql` + `)} as score from c)`;
}

function postgresMatches(terms: Term[]): RawBuilder<SearchRowOut> {
  // The inner query picks candidates through the GIN index (its expression spelled as in the
  // migration); ranking reads only their rows. float8: the score round-trips exactly as a cursor.
  const tsq = tsQuery(terms);
  return sql<SearchRowOut>`(select s.ticket_id, ts_rank(s.subject || s.body, ${tsq}::tsquery)::float8 as score
    from (select ticket_id from ticket_search where (subject || body) @@ ${tsq}::tsquery
      order by ticket_id desc limit ${sql.lit(CANDIDATES)}) c
    join ticket_search s on s.ticket_id = c.ticket_id)`;
}

// ---------- indexing ----------

/** What to index for one ticket: a new subject (null: keep it) and message texts to append, in order. */
interface TicketDocs {
  subject: string | null;
  texts: string[];
}

function collect(docs: { ticketId: number; messageId: number | null; text: string }[]): Map<number, TicketDocs> {
  const byTicket = new Map<number, TicketDocs>();
  for (const d of docs) {
    let t = byTicket.get(d.ticketId);
    if (!t) {
      t = { subject: null, texts: [] };
      byTicket.set(d.ticketId, t);
    }
    if (d.messageId === null) t.subject = d.text;
    else t.texts.push(d.text);
  }
  return byTicket;
}

async function apply(db: Executor, dialect: Dialect, byTicket: Map<number, TicketDocs>): Promise<void> {
  const ids = [...byTicket.keys()];
  for (let i = 0; i < ids.length; i += BULK_ROWS) {
    const chunk = ids.slice(i, i + BULK_ROWS);
    if (dialect === 'sqlite') await applySqlite(db, chunk, byTicket);
    else await applyPostgres(db, chunk, byTicket);
  }
}

// SQLite: read the stored words, append in JavaScript, write the row and its index row.

interface StoredRow {
  ticket_id: number;
  subject: string;
  body: string;
}

/** A ticket's new words as stored, with the words it gained for ticket_search_words. */
interface NewRow extends StoredRow {
  existed: boolean;
  gained: string[];
}

// One ticket's statements, as each command runs them: built once (prepared.ts).
const storedOne = prepared(
  (_db, p: { id: number }) =>
    sql<StoredRow>`select ticket_id, subject, body from ticket_search where ticket_id = ${p.id}`,
);
const saveOne = prepared(
  (_db, p: { id: number; subject: string; body: string }) => sql`insert into ticket_search (ticket_id, subject, body)
    values (${p.id}, ${p.subject}, ${p.body})
    on conflict (ticket_id) do update set subject = excluded.subject, body = excluded.body`,
);
const unindexOne = prepared((_db, p: { id: number }) => sql`delete from ticket_search_fts where rowid = ${p.id}`);
const indexOne = prepared(
  (_db, p: { id: number; subject: string; body: string; repeats: string }) =>
    sql`insert into ticket_search_fts (rowid, subject, body, repeats) values (${p.id}, ${p.subject}, ${p.body}, ${p.repeats})`,
);

// By the number of words (w0, w1, …): a command's new words are a few dozen, the same counts again and again.
const wordsInsert = prepared(
  (_db, p: Record<string, string>) => sql`insert into ticket_search_words (word)
    values ${sql.join(Object.keys(p).map((k) => sql`(${p[k]})`))}
    on conflict (word) do nothing`,
);

function listWords(db: Executor, words: string[]): Promise<number> {
  const p: Record<string, string> = {};
  words.forEach((w, i) => {
    p[`w${i}`] = w;
  });
  return wordsInsert.run(db, p);
}

async function loadSqlite(db: Executor, ids: number[]): Promise<Map<number, StoredRow>> {
  const rows =
    ids.length === 1
      ? await storedOne.all(db, { id: ids[0]! })
      : (
          await sql<StoredRow>`select ticket_id, subject, body from ticket_search
    where ticket_id in (${sql.join(ids)})`.execute(db)
        ).rows;
  return new Map(rows.map((r) => [Number(r.ticket_id), r]));
}

/** Appends message words unless the conversation has reached MAX_BODY_CHARS, as each message would be. */
function appendSqlite(body: string, texts: string[], gained: string[]): string {
  let out = body;
  for (const text of texts) {
    if (out.length >= MAX_BODY_CHARS) break;
    const tokens = tokensOf(text);
    if (!tokens.length) continue;
    out = out ? `${out} ${tokens.join(' ')}` : tokens.join(' ');
    gained.push(...tokens);
  }
  return out;
}

async function applySqlite(db: Executor, ids: number[], byTicket: Map<number, TicketDocs>): Promise<void> {
  const stored = await loadSqlite(db, ids);
  const rows: NewRow[] = [];
  for (const id of ids) {
    const docs = byTicket.get(id);
    if (!docs) continue;
    const old = stored.get(id);
    const gained: string[] = [];
    let subject = old?.subject ?? '';
    if (docs.subject !== null) {
      const tokens = tokensOf(docs.subject);
      subject = tokens.join(' ');
      gained.push(...tokens);
    }
    const body = appendSqlite(old?.body ?? '', docs.texts, gained);
    if (old ? subject === old.subject && body === old.body : docs.subject === null && !body) continue;
    rows.push({ ticket_id: id, subject, body, existed: old !== undefined, gained });
  }
  await saveSqlite(db, rows);
}

/** The words used more than once in a conversation, for the `repeats` column. */
function repeatsOf(body: string): string {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const t of body ? body.split(' ') : []) {
    if (seen.has(t)) repeated.add(t);
    else seen.add(t);
  }
  return [...repeated].join(' ');
}

/**
 * Words known to be in ticket_search_words, by database (its connection's adapter). Nothing removes
 * a word from it, so a word once committed there stays: a command lists only the words not known,
 * each a probe of a large index otherwise (~3 µs a word, a dozen words a ticket). Learned only after
 * a group's COMMIT (whenCommitted), so a rolled-back command teaches nothing; emptied when full.
 */
const listedWords = new WeakMap<object, Set<string>>();
const MAX_LISTED_WORDS = 100_000;

function knownWords(db: Executor): Set<string> {
  const key = db.getExecutor().adapter;
  let known = listedWords.get(key);
  if (!known) {
    known = new Set();
    listedWords.set(key, known);
  }
  return known;
}

async function saveSqlite(db: Executor, rows: NewRow[]): Promise<void> {
  if (!rows.length) return;
  // The FTS5 statements go last, after the other commands of a group commit too (lastInGroup): FTS5
  // writes out its pending words before any later write statement and at every savepoint.
  const known = knownWords(db);
  const words = [...new Set(rows.flatMap((r) => r.gained))].filter(
    (w) => !known.has(w) && Array.from(w).length >= LISTED_WORD,
  );
  for (let i = 0; i < words.length; i += BULK_ROWS) await listWords(db, words.slice(i, i + BULK_ROWS));
  if (words.length) {
    whenCommitted(db, () => {
      if (known.size + words.length > MAX_LISTED_WORDS) known.clear();
      for (const w of words) known.add(w);
    });
  }
  if (rows.length === 1) {
    const r = rows[0]!;
    await saveOne.run(db, { id: r.ticket_id, subject: r.subject, body: r.body });
    await lastInGroup(db, async (trx) => {
      if (r.existed) await unindexOne.run(trx, { id: r.ticket_id });
      await indexOne.run(trx, { id: r.ticket_id, subject: r.subject, body: r.body, repeats: repeatsOf(r.body) });
    });
    return;
  }
  await sql`insert into ticket_search (ticket_id, subject, body)
    values ${sql.join(rows.map((r) => sql`(${r.ticket_id}, ${r.subject}, ${r.body})`))}
    on conflict (ticket_id) do update set subject = excluded.subject, body = excluded.body`.execute(db);
  const replaced = rows.filter((r) => r.existed).map((r) => r.ticket_id);
  await lastInGroup(db, async (trx) => {
    if (replaced.length) {
      await sql`delete from ticket_search_fts where rowid in (${sql.join(replaced)})`.execute(trx);
    }
    await sql`insert into ticket_search_fts (rowid, subject, body, repeats)
      values ${sql.join(rows.map((r) => sql`(${r.ticket_id}, ${r.subject}, ${r.body}, ${repeatsOf(r.body)})`))}`.execute(
      trx,
    );
  });
}

// PostgreSQL: tsvector literals, appended in SQL.

/** The messages' words as a tsvector literal, as far as the 1 MiB lexeme limit allows. */
function bodyLiteral(texts: string[]): string {
  const tokens: string[] = [];
  for (const text of texts) {
    const more = tokensOf(text);
    if (!more.length) continue;
    if (lexemeBytes([...tokens, ...more]) >= MAX_TSVECTOR_BYTES) break;
    tokens.push(...more);
  }
  return tsvectorLiteral(tokens, '');
}

/** Lexeme bytes of the stored and the added conversation stay under PostgreSQL's limit. */
const fitsPostgres = sql`octet_length(array_to_string(tsvector_to_array(ticket_search.body), ''))
  + octet_length(array_to_string(tsvector_to_array(excluded.body), '')) < ${sql.lit(MAX_TSVECTOR_BYTES)}`;

async function applyPostgres(db: Executor, ids: number[], byTicket: Map<number, TicketDocs>): Promise<void> {
  for (const withSubject of [true, false]) {
    const rows: RawBuilder<unknown>[] = [];
    for (const id of ids) {
      const docs = byTicket.get(id);
      if (!docs || (docs.subject !== null) !== withSubject) continue;
      const body = bodyLiteral(docs.texts);
      if (docs.subject === null && !body) continue;
      const subject = docs.subject === null ? '' : tsvectorLiteral(tokensOf(docs.subject), 'A');
      rows.push(sql`(${id}, ${subject}::tsvector, ${body}::tsvector)`);
    }
    if (!rows.length) continue;
    const body = sql`case when ${fitsPostgres} then ticket_search.body || excluded.body else ticket_search.body end`;
    // The WHERE skips writes that change nothing.
    await (withSubject
      ? sql`insert into ticket_search (ticket_id, subject, body) values ${sql.join(rows)}
          on conflict (ticket_id) do update set subject = excluded.subject, body = ${body}
          where ticket_search.subject <> excluded.subject or length(excluded.body) > 0`
      : sql`insert into ticket_search (ticket_id, subject, body) values ${sql.join(rows)}
          on conflict (ticket_id) do update set body = ${body}
          where length(excluded.body) > 0`
    ).execute(db);
  }
}

/** A text to index: a ticket's subject (messageId null) or one of its messages. */
export interface SearchDoc {
  ticketId: number;
  messageId: number | null;
  text: string;
}

/** Index (or re-index) the subject of a ticket. */
export async function indexSubject(db: Executor, dialect: Dialect, ticketId: number, subject: string): Promise<void> {
  await apply(db, dialect, new Map([[ticketId, { subject, texts: [] }]]));
}

/** Index one message's plain text (appended to its ticket's conversation). */
export async function indexMessage(
  db: Executor,
  dialect: Dialect,
  doc: { ticketId: number; messageId: number; text: string },
): Promise<void> {
  if (!tokensOf(doc.text).length) return;
  await apply(db, dialect, new Map([[doc.ticketId, { subject: null, texts: [doc.text] }]]));
}

/**
 * Many documents at once (seeding and bench generators): one row per ticket and a few hundred
 * tickets per statement, the same result as calling indexSubject / indexMessage in the given order.
 * messageId null: the document is the ticket's subject.
 */
export async function indexBulk(db: Executor, dialect: Dialect, docs: SearchDoc[]): Promise<void> {
  await apply(db, dialect, collect(docs));
}

/** After a merge: the messages of one ticket now belong to another; the source keeps its subject. */
export async function moveTicketDocuments(
  db: Executor,
  dialect: Dialect,
  fromTicketId: number,
  toTicketId: number,
): Promise<void> {
  if (fromTicketId === toTicketId) return;
  if (dialect === 'sqlite') {
    const stored = await loadSqlite(db, [fromTicketId, toTicketId]);
    const from = stored.get(fromTicketId);
    if (!from?.body) return;
    const to = stored.get(toTicketId);
    const toBody = to?.body ?? '';
    // The moved words are already listed in ticket_search_words.
    const body = toBody.length >= MAX_BODY_CHARS ? toBody : toBody ? `${toBody} ${from.body}` : from.body;
    await saveSqlite(db, [
      { ...from, body: '', existed: true, gained: [] },
      { ticket_id: toTicketId, subject: to?.subject ?? '', body, existed: to !== undefined, gained: [] },
    ]);
    return;
  }
  await sql`insert into ticket_search (ticket_id, subject, body)
    select ${toTicketId}, ''::tsvector, body from ticket_search where ticket_id = ${fromTicketId} and length(body) > 0
    on conflict (ticket_id) do update set body = ticket_search.body || excluded.body where ${fitsPostgres}`.execute(db);
  await sql`update ticket_search set body = ''::tsvector where ticket_id = ${fromTicketId} and length(body) > 0`.execute(
    db,
  );
}

/**
 * Rebuilds the whole index from tickets and their messages, a batch of tickets at a time: for a
 * database whose tickets predate the index, or after a change to how words are made.
 */
export async function rebuildSearchIndex(db: Executor, dialect: Dialect, batch = 1000): Promise<void> {
  await sql`delete from ticket_search`.execute(db);
  let after = 0;
  for (;;) {
    const tickets = await db
      .selectFrom('tickets')
      .select(['id', 'subject'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    const last = tickets.at(-1);
    if (!last) return;
    const messages = await db
      .selectFrom('ticket_messages')
      .select(['id', 'ticket_id', 'body_text'])
      .where(
        'ticket_id',
        'in',
        tickets.map((t) => t.id),
      )
      .orderBy('ticket_id')
      .orderBy('id')
      .execute();
    await indexBulk(db, dialect, [
      ...tickets.map((t) => ({ ticketId: t.id, messageId: null, text: t.subject })),
      ...messages.map((m) => ({ ticketId: m.ticket_id, messageId: m.id, text: m.body_text })),
    ]);
    after = last.id;
  }
}

// ---------- snippets ----------

/** A word as the normaliser sees it: the characters that survive it, joiners included. */
const WORD = /(?:[\p{L}\p{M}\p{N}]|\u200c|\u200d|\u00ad)+/gu;
/** Characters shown before the first match, and in all. */
const SNIPPET_LEAD = 60;
const SNIPPET_LENGTH = 200;
/** Longer texts are searched for a snippet only this far. */
const SNIPPET_SCAN = 100_000;
/** Messages read per ticket in the first round; most snippets come from the subject or an early message. */
const SNIPPET_FIRST_MESSAGES = 20;

/** Only letters and digits of ASCII can be in a WORD match that fits this. */
const ASCII = /^[a-zA-Z0-9]*$/;

/** Whether a word (as indexed) matches a word of a term. */
function wordMatches(token: string, term: Term, index: number): boolean {
  const w = term.words[index] ?? '';
  return token === w || (term.prefix && index === term.words.length - 1 && token.startsWith(w));
}

/** Which terms occur in a text (for a phrase: any of its words), from one pass of the normaliser. */
function termsIn(text: string, terms: Term[]): Set<number> {
  const tokens = new Set(tokensOf(text.length > SNIPPET_SCAN ? text.slice(0, SNIPPET_SCAN) : text));
  const found = new Set<number>();
  terms.forEach((term, ti) => {
    for (let wi = 0; wi < term.words.length && !found.has(ti); wi++) {
      for (const t of tokens) {
        if (wordMatches(t, term, wi)) {
          found.add(ti);
          break;
        }
      }
    }
  });
  return found;
}

/** [start, end) of each word of the text that matches a term, normalised word by word. */
function spansOf(text: string, terms: Term[]): [number, number][] {
  const spans: [number, number][] = [];
  const scanned = text.length > SNIPPET_SCAN ? text.slice(0, SNIPPET_SCAN) : text;
  for (const m of scanned.matchAll(WORD)) {
    // An ASCII word only needs lowercasing; anything else goes through the normaliser.
    const tokens = ASCII.test(m[0]) ? [m[0].toLowerCase()] : tokensOf(m[0]);
    const hit = terms.some((term) => term.words.some((_, wi) => tokens.some((t) => wordMatches(t, term, wi))));
    if (hit) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

function makeSnippet(text: string, spans: [number, number][]): string {
  const first = spans[0];
  if (!first) return '';
  // Start and end on whitespace where there is some, so no word is cut.
  let start = Math.max(0, first[0] - SNIPPET_LEAD);
  if (start > 0) {
    const space = text.slice(start, first[0]).search(/\s/);
    start = space >= 0 ? start + space + 1 : first[0];
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.slice(first[1], end).search(/\s\S*$/);
    end = space >= 0 ? first[1] + space : Math.max(end, first[1]);
  }
  let out = '';
  let at = start;
  for (const [s, e] of spans) {
    if (s < start || e > end) continue;
    out += `${text.slice(at, s)}«${text.slice(s, e)}»`;
    at = e;
  }
  out += text.slice(at, end);
  return `${start > 0 ? '…' : ''}${out.replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

/**
 * Short text around the first match for each ticket, the matched words wrapped in « », from the
 * subject or else the first message with the most query terms (one with all of them ends the search).
 * Built from the stored subject and message text, so it shows the words as written.
 */
export async function searchSnippets(
  db: Executor,
  _dialect: Dialect,
  ticketIds: number[],
  q: string,
): Promise<Map<number, string>> {
  const snippets = new Map<number, string>();
  const terms = parseQuery(q);
  if (!terms.length || !ticketIds.length) return snippets;

  const best = new Map<number, { text: string; count: number }>();
  const done = new Set<number>();
  const read = new Map<number, number>();
  const consider = (ticketId: number, text: string) => {
    if (done.has(ticketId)) return;
    const count = termsIn(text, terms).size;
    if (!count) return;
    const current = best.get(ticketId);
    if (!current || count > current.count) best.set(ticketId, { text, count });
    if (count === terms.length) done.add(ticketId);
  };

  const subjects = await db.selectFrom('tickets').select(['id', 'subject']).where('id', 'in', ticketIds).execute();
  for (const t of subjects) consider(t.id, t.subject);

  // Messages in two rounds: the first few of each ticket, then the rest of those still unresolved.
  const rounds: [number, number | null][] = [
    [0, SNIPPET_FIRST_MESSAGES],
    [SNIPPET_FIRST_MESSAGES, null],
  ];
  for (const [from, to] of rounds) {
    const open = ticketIds.filter((id) => !done.has(id) && (read.get(id) ?? 0) === from);
    if (!open.length) break;
    const numbered = db
      .selectFrom('ticket_messages')
      .select((eb) => [
        'id',
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('ticket_id').orderBy('id'))
          .as('rn'),
      ])
      .where('ticket_id', 'in', open)
      .as('n');
    let query = db
      .selectFrom('ticket_messages as m')
      .innerJoin(numbered, 'n.id', 'm.id')
      .select(['m.ticket_id', 'm.body_text'])
      .where('n.rn', '>', from)
      .orderBy('m.ticket_id')
      .orderBy('m.id');
    if (to !== null) query = query.where('n.rn', '<=', to);
    for (const m of await query.execute()) {
      read.set(m.ticket_id, (read.get(m.ticket_id) ?? 0) + 1);
      consider(m.ticket_id, m.body_text);
    }
  }

  for (const [ticketId, { text }] of best) {
    const spans = spansOf(text, terms);
    if (spans.length) snippets.set(ticketId, makeSnippet(text, spans));
  }
  return snippets;
}
