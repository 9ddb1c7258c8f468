// Ticket full-text search against a real database: a SQLite file, or PostgreSQL when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, TEST_DATABASE_URL } from '../../test/helpers.js';
import { type Db, openPostgres, openSqlite, transaction } from '../platform/db/index.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import {
  indexBulk,
  indexMessage,
  indexSubject,
  moveTicketDocuments,
  normaliseForSearch,
  rebuildSearchIndex,
  searchMatches,
  searchSnippets,
} from './search.js';

describe('normaliseForSearch', () => {
  it('lowercases and folds Latin accents and punctuation', () => {
    expect(normaliseForSearch('Résumé — Ünïcode, NAÏVE café!')).toBe('resume unicode naive cafe');
    expect(normaliseForSearch('Straße İstanbul ﬁle')).toBe('strasse istanbul file');
    expect(normaliseForSearch('order #ORD-1042 (urgent)...')).toBe('order ord 1042 urgent');
  });

  it('keeps Devanagari words whole: vowel signs, virama, anusvara and conjuncts', () => {
    expect(normaliseForSearch('ऑर्डर की वापसी कैसे करें?')).toBe('ऑर्डर की वापसी कैसे करें');
    expect(normaliseForSearch('श्रीमान, कृपया प्राप्ति रसीद भेजें।')).toBe('श्रीमान कृपया प्राप्ति रसीद भेजें');
    expect(normaliseForSearch('द्विभाषी सहायता चाहिए॥')).toBe('द्विभाषी सहायता चाहिए');
  });

  it('folds the Hindi spelling variants, Devanagari digits and invisible joiners', () => {
    // Nukta dropped and chandrabindu as anusvara: both spellings of a word are in common use.
    expect(normaliseForSearch('रिफ़ंड')).toBe(normaliseForSearch('रिफंड'));
    expect(normaliseForSearch('रिफ़ंड')).toBe('रिफंड');
    expect(normaliseForSearch('पहुँचा')).toBe('पहुंचा');
    expect(normaliseForSearch('ऑर्डर १०४२')).toBe('ऑर्डर 1042');
    expect(normaliseForSearch('क्\u200dष')).toBe('क्ष');
  });
});

const cleanups: (() => Promise<void>)[] = [];
let db: Db;
let requesterId = 0;
let nextNumber = 1;
const now = Date.UTC(2025, 0, 1);

beforeAll(async () => {
  if (TEST_DATABASE_URL) {
    const created = await createPgDatabase(TEST_DATABASE_URL);
    db = openPostgres(created.url, 2);
    cleanups.push(async () => {
      await db.close();
      await created.drop();
    });
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahayak-search-'));
    db = openSqlite(path.join(dir, 'sahayak.db'));
    cleanups.push(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  await migrateToLatest(db);
  const customer = await db.kysely
    .insertInto('customers')
    .values({ name: 'Asha Verma', email: 'asha@example.test', locale: 'hi', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  requesterId = customer.id;
});

afterAll(async () => {
  for (const c of cleanups) await c();
});

/** Factory: a ticket with its messages, stored and indexed as the ticket service does (or in bulk). */
async function createTicket(
  subject: string,
  messages: string[] = [],
  options: { bulk?: boolean; status?: 'open' | 'solved' } = {},
): Promise<number> {
  const k = db.kysely;
  const { id } = await k
    .insertInto('tickets')
    .values({
      number: nextNumber++,
      subject,
      status: options.status ?? 'open',
      priority: 'normal',
      type: 'question',
      channel: 'email',
      requester_id: requesterId,
      tags: '[]',
      fields: '{}',
      version: 1,
      message_count: messages.length,
      reply_count: 0,
      reopen_count: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const docs: { ticketId: number; messageId: number | null; text: string }[] = [
    { ticketId: id, messageId: null, text: subject },
  ];
  for (const text of messages) {
    const m = await k
      .insertInto('ticket_messages')
      .values({
        ticket_id: id,
        kind: 'customer',
        channel: 'email',
        body_html: `<p>${text}</p>`,
        body_text: text,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    docs.push({ ticketId: id, messageId: m.id, text });
  }
  if (options.bulk) {
    await indexBulk(k, db.dialect, docs);
  } else {
    await indexSubject(k, db.dialect, id, subject);
    for (const d of docs.slice(1)) {
      await indexMessage(k, db.dialect, { ticketId: id, messageId: d.messageId ?? 0, text: d.text });
    }
  }
  return id;
}

/** The ticket list's way of searching: the subquery inner-joined on tickets.id, best first (no casts needed). */
async function find(q: string, status?: 'open' | 'solved') {
  const search = searchMatches(db.dialect, q);
  if (!search) return [];
  let query = db.kysely
    .selectFrom('tickets')
    .innerJoin(search, 'search.ticket_id', 'tickets.id')
    .select(['tickets.id', 'tickets.subject', 'search.score'])
    .orderBy('search.score', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(50);
  if (status) query = query.where('tickets.status', '=', status);
  return query.execute();
}

const ids = async (q: string) => (await find(q)).map((r) => r.id);

describe(`ticket search on ${TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  const hi = { refund: 0, returns: 0, cricket: 0, receipt: 0, bilingual: 0 };

  beforeAll(async () => {
    hi.refund = await createTicket('रिफ़ंड की स्थिति', ['मेरा रिफ़ंड अभी तक नहीं आया']);
    hi.returns = await createTicket('Return request', ['ऑर्डर की वापसी कैसे करें?']);
    hi.cricket = await createTicket('क्रिकेट बैट टूटा हुआ पहुँचा', ['Photo attached. बैट का हैंडल टूटा है।']);
    hi.receipt = await createTicket('रसीद', ['श्रीमान, कृपया प्राप्ति रसीद भेजें।']);
    hi.bilingual = await createTicket('Language', ['द्विभाषी सहायता चाहिए'], { bulk: true });
  });

  it('finds a Hindi word whole and by its prefix', async () => {
    expect(await ids('वापसी')).toEqual([hi.returns]);
    expect(await ids('वाप')).toEqual([hi.returns]);
    expect(await ids('प्राप्ति')).toEqual([hi.receipt]);
    expect(await ids('प्राप')).toEqual([hi.receipt]);
    expect(await ids('क्रिकेट')).toEqual([hi.cricket]);
    expect(await ids('श्री')).toEqual([hi.receipt]);
    expect(await ids('द्विभाषी')).toEqual([hi.bilingual]);
    expect(await ids('टूट')).toEqual([hi.cricket]);
  });

  it('does not find a Hindi word that only shares letters or marks', async () => {
    expect(await ids('सहायक')).toEqual([]); // not a prefix of सहायता
    expect(await ids('टूटी')).toEqual([]); // another vowel sign than टूटा
    // A tokenizer that split words at vowel signs would index "पस" out of वापसी and "प" out of प्राप्ति.
    expect(await ids('पसी')).toEqual([]);
    expect(await ids('प')).toEqual([]);
  });

  it('finds both spellings with and without nukta, and with chandrabindu or anusvara', async () => {
    expect(await ids('रिफ़ंड')).toEqual([hi.refund]);
    expect(await ids('रिफंड')).toEqual([hi.refund]);
    expect(await ids('पहुंचा')).toEqual([hi.cricket]);
  });

  it('matches Latin words case- and accent-insensitively, whole or by prefix', async () => {
    const cv = await createTicket('Résumé attached for the Zürich role', ['Please find my CV.']);
    expect(await ids('resume')).toEqual([cv]);
    expect(await ids('RÉSUMÉ')).toEqual([cv]);
    expect(await ids('zuri')).toEqual([cv]);
    expect(await ids('résumés')).toEqual([]);
  });

  it('finds a prefix shared by a few words or by very many', async () => {
    // More than 64 words under one prefix take SQLite's other path (see search.ts); the result is the same.
    const many = await createTicket('Serial numbers', [Array.from({ length: 80 }, (_, i) => `zqpx${i}`).join(' ')]);
    expect(await ids('zqpx')).toEqual([many]);
    expect(await ids('zqpx7')).toEqual([many]);
    expect(await ids('zqpx79')).toEqual([many]);
    expect(await ids('zqpx80')).toEqual([]);
  });

  it('requires every term, anywhere in the ticket', async () => {
    const t = await createTicket('Cricket bat arrived broken', ['I would like a refund, please.']);
    await createTicket('Football arrived', ['I would like a refund too.']);
    expect(await ids('refu cricket')).toEqual([t]);
    expect(await ids('refund क्रिकेट')).toEqual([]);
    expect(await ids('refund cricket handle')).toEqual([]);
    expect((await ids('refund')).length).toBe(2);
  });

  it('matches a quoted phrase only in that order', async () => {
    const t = await createTicket('Screen cracked', ['The delivery box was crushed and the screen cracked.']);
    expect(await ids('"box was crushed"')).toEqual([t]);
    expect(await ids('"crushed was box"')).toEqual([]);
    // Quoted words are whole words; a chunk of several words keeps its last one a prefix.
    expect(await ids('"box was crush"')).toEqual([]);
    expect(await ids('box-was-crush')).toEqual([t]);
    expect(await ids('"screen"')).toEqual([t]);
    expect(await ids('"scree"')).toEqual([]);
  });

  it('ranks a subject match above a single body match, and two matching messages above one', async () => {
    const inBody = await createTicket('Question about delivery', ['Where is the zorblax I ordered last week?']);
    const inSubject = await createTicket('Zorblax missing', ['Where is the parcel I ordered last week?']);
    expect(await ids('zorblax')).toEqual([inSubject, inBody]);

    const once = await createTicket('Parcel', ['The quillon arrived damaged.', 'Thanks for the update.']);
    const twice = await createTicket('Parcel', ['The quillon arrived damaged.', 'Another quillon too.']);
    expect(await ids('quillon')).toEqual([twice, once]);
  });

  it('combines with the ticket list filters', async () => {
    const open = await createTicket('Invoice needed', ['Please send a gstinvoice copy.']);
    const solved = await createTicket('Invoice sent', ['The gstinvoice went out.'], { status: 'solved' });
    expect((await find('gstinvoice', 'open')).map((r) => r.id)).toEqual([open]);
    expect((await find('gstinvoice', 'solved')).map((r) => r.id)).toEqual([solved]);
  });

  it('indexes in bulk exactly as one document at a time', async () => {
    const subject = 'Warranty claim for a mixer grinder';
    const messages = ['The grinder jar leaks.', 'Warranty card attached, bill dated March.'];
    const single = await createTicket(subject, messages);
    const bulk = await createTicket(subject, messages, { bulk: true });
    const rows = await find('grinder warranty');
    expect(rows.map((r) => r.id).sort()).toEqual([single, bulk].sort());
    expect(rows[0]?.score).toBeCloseTo(rows[1]?.score ?? Number.NaN, 9);
  });

  it('re-indexes a changed subject', async () => {
    const t = await createTicket('Wrong colour delivered');
    await indexSubject(db.kysely, db.dialect, t, 'Wrong size delivered');
    expect(await ids('colour')).not.toContain(t);
    expect(await ids('size delivered')).toEqual([t]);
  });

  it('moves the conversation to the target of a merge; the source keeps its subject', async () => {
    const source = await createTicket('Duplicate: tracking', ['My gizmotron tracking number does not work.']);
    const target = await createTicket('Tracking number', ['Which courier?']);
    await db.kysely.updateTable('ticket_messages').set({ ticket_id: target }).where('ticket_id', '=', source).execute();
    await moveTicketDocuments(db.kysely, db.dialect, source, target);
    expect(await ids('gizmotron')).toEqual([target]);
    expect(await ids('courier gizmotron')).toEqual([target]);
    expect(await ids('duplicate tracking')).toEqual([source]);
    // Later messages of either ticket are still indexed.
    await indexMessage(db.kysely, db.dialect, {
      ticketId: source,
      messageId: 0,
      text: 'Merged into the other ticket.',
    });
    expect(await ids('merged duplicate')).toEqual([source]);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const t = await createTicket('Rollback check');
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await indexMessage(trx, db.dialect, { ticketId: t, messageId: 0, text: 'phantomword' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await ids('phantomword')).toEqual([]);
  });

  it('forgets a deleted ticket', async () => {
    const t = await createTicket('Ephemeral xylograph');
    expect(await ids('xylograph')).toEqual([t]);
    await db.kysely.deleteFrom('tickets').where('id', '=', t).execute();
    expect(await ids('xylograph')).toEqual([]);
    const another = await createTicket('Another xylograph');
    expect(await ids('xylograph')).toEqual([another]);
  });

  it('turns any input into plain words, never a syntax error', async () => {
    const t = await createTicket('Strange input', ['wombat or bar and refund']);
    const inputs = [
      '"a',
      '"',
      'foo AND (',
      '-x*',
      "'; drop table tickets; --",
      'NEAR(foo bar)',
      '*',
      '^foo',
      'subject:foo',
      '{subject body}: foo',
      'foo) OR (bar',
      'foo:*',
      '!foo & | <-> bar',
      '\\',
      "foo'",
      '"foo" "bar"',
      '🙂 foo',
      'x'.repeat(5000),
      Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const q of inputs) await expect(find(q), q).resolves.toBeDefined();
    expect(await ids('wombat AND (')).toEqual([t]);
    expect(await ids('"wombat')).toEqual([t]);
    expect(await ids('-wombat*')).toEqual([t]);
    expect(await ids('wombat) OR (bar')).toEqual([t]);
    expect(await ids("'; drop table tickets; --")).toEqual([]);
    expect(searchMatches(db.dialect, '  ')).toBeNull();
    expect(searchMatches(db.dialect, '"!?" -- *')).toBeNull();
  });

  it('stops growing a huge ticket instead of failing the write', async () => {
    // Seven messages of ~185 kB of distinct long words: past SQLite's and PostgreSQL's size limits.
    const messages = Array.from({ length: 7 }, (_, m) =>
      Array.from({ length: 3800 }, (_, i) => `m${m}w${i}x${'q'.repeat(40)}`).join(' '),
    );
    const t = await createTicket('Log dump', messages);
    expect(await ids('m0w3799x')).toEqual([t]);
    expect(await ids('m1w1x')).toEqual([t]);
    expect(await ids('m6w1x')).toEqual([]);
    await expect(indexMessage(db.kysely, db.dialect, { ticketId: t, messageId: 0, text: '' })).resolves.toBeUndefined();
  });

  it('builds snippets around the first match, from the subject or a message, as written', async () => {
    const snippets = await searchSnippets(
      db.kysely,
      db.dialect,
      [hi.refund, hi.returns, hi.cricket, hi.receipt],
      'रिफंड वाप बैट',
    );
    // The stored spelling (with nukta) is shown, though the query had none.
    expect(snippets.get(hi.refund)).toBe('«रिफ़ंड» की स्थिति');
    expect(snippets.get(hi.returns)).toBe('ऑर्डर की «वापसी» कैसे करें?');
    expect(snippets.get(hi.cricket)).toBe('क्रिकेट «बैट» टूटा हुआ पहुँचा');
    expect(snippets.has(hi.receipt)).toBe(false);

    const long = `${'Lorem ipsum dolor sit amet. '.repeat(20)}The Résumé is attached here. ${'More filler text. '.repeat(20)}`;
    const t = await createTicket('Application', ['Hello', long]);
    const s = (await searchSnippets(db.kysely, db.dialect, [t], 'resume')).get(t) ?? '';
    expect(s).toMatch(/^….*The «Résumé» is attached here.*…$/);
    expect(s.length).toBeLessThan(220);
  });

  it('finds the snippet in a long conversation', async () => {
    const messages = Array.from({ length: 30 }, (_, i) =>
      i === 24 ? 'The courier left it at gate 7.' : `Update ${i}.`,
    );
    const t = await createTicket('Where is it', messages);
    expect((await searchSnippets(db.kysely, db.dialect, [t], 'gate')).get(t)).toBe('The courier left it at «gate» 7.');
  });

  it('prefers a message with every term for the snippet', async () => {
    const t = await createTicket('Blender jar', ['The motor hums.', 'The blender jar cracked on day one.']);
    expect((await searchSnippets(db.kysely, db.dialect, [t], 'blender cracked')).get(t)).toBe(
      'The «blender» jar «cracked» on day one.',
    );
  });

  it('rebuilds to the same index as built message by message', async () => {
    const queries = ['वापसी', 'refund', 'gizmotron', 'courier', 'zqpx', 'quillon', 'resume', 'पहुंचा'];
    const before = await Promise.all(queries.map((q) => find(q)));
    expect(before.every((rows) => rows.length > 0)).toBe(true);
    await rebuildSearchIndex(db.kysely, db.dialect, 7);
    expect(await Promise.all(queries.map((q) => find(q)))).toEqual(before);
  });
});

describe('indexing in concurrent commands', () => {
  it('indexes messages of commands that commit together, the same ticket’s included, each ticket once', async () => {
    const a = await createTicket('Grouped commands alpha');
    const b = await createTicket('Grouped commands beta');
    const texts = [
      [a, 'alphaone कुल्हड़चाय'],
      [b, 'betaone'],
      [a, 'alphatwo'],
      [a, 'alphathree पतंगबाज़ी'],
      [b, 'betatwo'],
    ] as const;
    const before = db.groupCommitStats?.();
    await Promise.all(
      texts.map(([ticketId, text], i) =>
        transaction(db, (trx) => indexMessage(trx, db.dialect, { ticketId, messageId: 1000 + i, text })),
      ),
    );
    // On SQLite they shared one commit (group-commit.ts); PostgreSQL ran them side by side.
    if (before) expect(db.groupCommitStats!().groups - before.groups).toBe(1);
    for (const [ticketId, text] of texts) {
      for (const word of text.split(' ')) expect((await find(word)).map((r) => r.id)).toEqual([ticketId]);
    }
    expect((await find('alphaone alphatwo alphathree')).map((r) => r.id)).toEqual([a]);
    expect((await find('grouped commands')).map((r) => r.id).sort()).toEqual([a, b].sort());
  });

  it('finds by prefix a word first written by a command that failed, once another command writes it', async () => {
    // On SQLite a prefix stands for the listed words it starts (ticket_search_words), and a process
    // remembers which words are listed: a word only of a failed command must not count as listed.
    const x = await createTicket('Prefix listing', ['quintessa arrived']);
    const y = await createTicket('Prefix listing later');
    const failed = await Promise.allSettled([
      transaction(db, (trx) =>
        indexMessage(trx, db.dialect, { ticketId: x, messageId: 2000, text: 'quintessa again' }),
      ),
      transaction(db, async (trx) => {
        await indexMessage(trx, db.dialect, { ticketId: y, messageId: 2001, text: 'quintessb lost' });
        throw new Error('rule broken');
      }),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    await transaction(db, (trx) =>
      indexMessage(trx, db.dialect, { ticketId: y, messageId: 2002, text: 'quintessb found' }),
    );
    expect((await find('quintess')).map((r) => r.id).sort()).toEqual([x, y].sort());
    expect((await find('quintessb')).map((r) => r.id)).toEqual([y]);
  });
});
