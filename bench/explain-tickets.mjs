#!/usr/bin/env node
// The SQL behind the ticket workload, timed and explained, on a data set made by gen-tickets.mjs.
//
//   node bench/explain-tickets.mjs --data /tmp/bench-1m [--user agent1] [--only all_unsolved,search_order]
//   node bench/explain-tickets.mjs --pg postgres://postgres@127.0.0.1:5432/sahayak_bench_1m
//
// Calls the server's own query code (tickets/repo.ts listTickets/countTickets, tickets/search.ts
// searchSnippets, the ticket page's reads) through a Kysely instance that logs every statement, runs
// each scenario twice and reports, for the second (warm) run, every statement with its time and its
// plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL. Read-only.
// Writes bench/out/explain-tickets-<db>-*.json and prints Markdown.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { log, parseArgs, repoRoot, round, writeJson } from './lib.mjs';

const args = parseArgs();
const PG_URL = typeof args.pg === 'string' ? args.pg : null;
const DATA_DIR = args.data ? path.resolve(String(args.data)) : null;
if (!PG_URL && !DATA_DIR) throw new Error('pass --data DIR or --pg URL');
const USER = String(args.user ?? 'agent1');
const ONLY = args.only ? new Set(String(args.only).split(',')) : null;
const dialect = PG_URL ? 'postgres' : 'sqlite';

register();
const serverSrc = (p) => import(pathToFileURL(path.join(repoRoot, 'apps/server/src', p)).href);
const serverRequire = createRequire(path.join(repoRoot, 'apps/server/package.json'));
const repo = await serverSrc('tickets/repo.ts');
const { searchSnippets } = await serverSrc('tickets/search.ts');
const { toSummaries, toDetail, toMessageDtos } = await serverSrc('tickets/dto.ts');
const { Kysely, SqliteDialect, PostgresDialect } = await import(
  pathToFileURL(path.join(repoRoot, 'apps/server/node_modules/kysely/dist/esm/index.js')).href
);

let captured = [];
const logEvent = (e) => {
  if (e.level === 'query')
    captured.push({ sql: e.query.sql, params: [...e.query.parameters], ms: e.queryDurationMillis });
};
let db;
let explain;
let close;
if (PG_URL) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  db = new Kysely({ dialect: new PostgresDialect({ pool }), log: logEvent });
  explain = async (q) =>
    (await pool.query(`explain (analyze, buffers) ${q.sql}`, q.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
  close = () => db.destroy();
} else {
  const Database = serverRequire('better-sqlite3');
  const raw = new Database(path.join(DATA_DIR, 'sahayak.db'), { readonly: true, fileMustExist: true });
  db = new Kysely({ dialect: new SqliteDialect({ database: raw }), log: logEvent });
  explain = async (q) => {
    const rows = raw.prepare(`explain query plan ${q.sql}`).all(...q.params);
    // Indent by depth, as the sqlite3 shell does.
    const depth = new Map([[0, -1]]);
    return rows
      .map((r) => {
        const d = (depth.get(r.parent) ?? -1) + 1;
        depth.set(r.id, d);
        return `${'  '.repeat(d)}${r.detail}`;
      })
      .join('\n');
  };
  close = () => db.destroy();
}

const user = await db
  .selectFrom('users')
  .select(['id', 'role'])
  .where('email', '=', `${USER}@bench.sahayak.test`)
  .executeTakeFirstOrThrow();
const teamIds = (await db.selectFrom('team_members').select('team_id').where('user_id', '=', user.id).execute()).map(
  (r) => r.team_id,
);
const scope = { userId: user.id, teamIds };
const unsolved = ['new', 'open', 'pending', 'on_hold'];
const someNumber = Number(
  (
    await db
      .selectFrom('tickets')
      .select('number')
      .where('team_id', 'in', teamIds)
      .where('message_count', '>=', 6)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).number,
);

const list =
  (filters, sort, s = scope, q) =>
  async () => {
    const { rows } = await repo.listTickets(db, dialect, { filters, scope: s, q, sort, limit: 50 });
    const page = rows.slice(0, 50);
    const snippets = q
      ? await searchSnippets(
          db,
          dialect,
          page.map((r) => r.id),
          q,
        )
      : undefined;
    await toSummaries(db, page, snippets);
    return rows.length;
  };
const scenarios = {
  all_unsolved: list({ status: unsolved }, 'updated_desc'),
  my_open: list({ status: unsolved, assigneeIds: [user.id] }, 'updated_desc'),
  unassigned: list({ status: ['new', 'open', 'on_hold'], unassigned: true }, 'created_asc'),
  open_pending: list({ status: ['open', 'pending'] }, 'updated_desc'),
  all_unsolved_admin: list({ status: unsolved }, 'updated_desc', null),
  counts: async () => {
    const n = [];
    for (const f of [
      { status: unsolved, assigneeIds: [user.id] },
      { status: ['new', 'open', 'on_hold'], unassigned: true },
      { status: unsolved },
      { status: ['solved', 'closed'] },
    ])
      n.push(await repo.countTickets(db, f, scope));
    return n.join(',');
  },
  search_order: list({}, 'relevance', scope, 'order'),
  search_refund_bank: list({}, 'relevance', scope, 'refund bank'),
  search_hindi_prefix: list({}, 'relevance', scope, 'वाप'),
  search_rare: list({}, 'relevance', scope, 'razorpay'),
  ticket_page: async () => {
    const row = await repo.findTicketByNumber(db, someNumber);
    await repo.canSee(db, row.id, scope);
    await toDetail(db, row, user.id);
    const messages = await repo.listMessages(db, row.id, 0, 101);
    await toMessageDtos(db, messages);
    return someNumber;
  },
};

/**
 * --check-search N (SQLite): the stored search rows of N random tickets equal what today's
 * tickets/search.ts indexBulk writes for the same subject and messages (into a scratch database),
 * so a data set generated with an earlier search.ts is still what the server expects.
 */
async function checkSearch(n) {
  const { openSqlite } = await serverSrc('platform/db/index.ts');
  const { migrateToLatest } = await serverSrc('platform/db/migrate.ts');
  const { indexBulk } = await serverSrc('tickets/search.ts');
  const { sql } = await import(
    pathToFileURL(path.join(repoRoot, 'apps/server/node_modules/kysely/dist/esm/index.js')).href
  );
  const scratch = openSqlite(':memory:');
  await migrateToLatest(scratch);
  await sql`pragma foreign_keys = off`.execute(scratch.kysely);
  const sample = await db.selectFrom('tickets').select(['id', 'subject']).orderBy(sql`random()`).limit(n).execute();
  let same = 0;
  for (const t of sample) {
    const messages = await db
      .selectFrom('ticket_messages')
      .select(['id', 'body_text'])
      .where('ticket_id', '=', t.id)
      .orderBy('id')
      .execute();
    await indexBulk(scratch.kysely, 'sqlite', [
      { ticketId: t.id, messageId: null, text: t.subject },
      ...messages.map((m) => ({ ticketId: t.id, messageId: m.id, text: m.body_text })),
    ]);
    const q = (k) =>
      k.selectFrom('ticket_search').select(['subject', 'body']).where('ticket_id', '=', t.id).executeTakeFirst();
    const [a, b] = [await q(db), await q(scratch.kysely)];
    if (JSON.stringify(a) !== JSON.stringify(b))
      throw new Error(`ticket ${t.id}: stored ${JSON.stringify(a)} vs indexBulk ${JSON.stringify(b)}`);
    same++;
  }
  await scratch.close();
  log(`search rows of ${same} random tickets equal what today's indexBulk writes`);
  return same;
}

const out = { db: dialect, user: USER, scope, scenarios: {} };
if (args['check-search'] && !PG_URL) out.searchRowsChecked = await checkSearch(Number(args['check-search']));
for (const [name, fn] of Object.entries(scenarios)) {
  if (ONLY && !ONLY.has(name)) continue;
  await fn(); // cold run: fills caches
  captured = [];
  const t0 = performance.now();
  const result = await fn();
  const totalMs = performance.now() - t0;
  const statements = [];
  for (const q of captured) statements.push({ ...q, ms: round(q.ms, 2), plan: await explain(q) });
  out.scenarios[name] = { result, totalMs: round(totalMs, 1), statements };
  log(
    `${name}: ${round(totalMs, 1)} ms, ${statements.length} statements (slowest ${Math.max(...statements.map((s) => s.ms))} ms)`,
  );
}
await close();
const file = writeJson(`explain-tickets-${dialect}`, out);

console.log(`\n### Queries of the ticket workload (${dialect}, user ${USER}, teams ${teamIds.join(',')})\n`);
for (const [name, s] of Object.entries(out.scenarios)) {
  console.log(`#### ${name}: ${s.totalMs} ms in all (result ${s.result})\n`);
  for (const st of s.statements.toSorted((a, b) => b.ms - a.ms).slice(0, 4)) {
    console.log(
      `- ${st.ms} ms: \`${st.sql.replace(/\s+/g, ' ').slice(0, 600)}\` params ${JSON.stringify(st.params).slice(0, 200)}`,
    );
    console.log(`\n\`\`\`\n${st.plan}\n\`\`\`\n`);
  }
}
console.log(`raw: ${path.relative(process.cwd(), file)}`);
