#!/usr/bin/env node
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
// Generates a large ticket data set for the ticket load tests (tickets-load.mjs), on SQLite or PostgreSQL.
//
//   node bench/gen-tickets.mjs [--tickets 1000000] [--data /tmp/bench-1m] [--force]
//   node bench/gen-tickets.mjs --pg postgres://postgres@127.0.0.1:5432/sahayak_bench_1m [--tickets N]
//        [--customers 50000] [--orgs 2000] [--agents 50] [--years 3] [--batch 5000] [--seed 42]
//        [--verify 300] [--check-html 300]
//
// SQLite (default): DATA_DIR/sahayak.db, the file the server opens with DATA_DIR set; --force
// replaces an existing one. PostgreSQL (--pg URL): the database named in the URL is dropped and
// created afresh (connecting to the server's `postgres` database for that).
//
// What it writes (messages ≈ 5 × tickets, events ≈ 15 × tickets):
// - the schema, by the app's own migrations (migrateToLatest);
// - settings, 1 admin + 1 manager + 5 team leads + --agents agents in 5 teams (one argon2 hash of
//   PASSWORD shared by all, so the load scripts can sign in as anyone), --orgs organisations,
//   --customers customers (30 % Hindi), two custom fields (product, order_id);
// - tickets spread over --years up to now, each with a history of commands (created with the
//   customer's first message, triage, replies, customer answers, notes, solve, auto-close …): every
//   event as the service writes it (tickets/events.ts payloads, one version per command), and the
//   ticket row computed by folding them with the app's foldEvents + derivedToRow, so row = fold(events);
//   commands that would lie in the future are not written, which leaves the recent tickets unsolved
//   (the backlog) as in a live help desk;
// - ticket_tags, ticket_field_values and ticket_followers to match the rows and events;
// - messages in English and Hindi (~30 % Hindi) from the templates in ticket-texts.mjs, as
//   sanitised HTML plus the plain text the server would derive (checked on a sample against the
//   server's sanitizeHtml/htmlToText);
// - the full-text index through the app's own tickets/search.ts indexBulk (one document per ticket);
// - the ticket_number counter (= highest number);
// - the KPI facts and agent activity of every ticket, by the app's own background rebuild
//   (analytics/facts-store.ts rebuildFactsStep) run to its end, so that a server started on the set
//   does not spend its first minutes (and the measurements) rebuilding them; ANALYZE at the end.
// Speed: rows go in through prepared statements in one transaction per batch (better-sqlite3) or
// multi-row INSERT … SELECT FROM unnest($1::…[], …) (pg), bypassing Kysely; secondary indexes of the
// ticket tables (and PostgreSQL's GIN search index) are dropped first and re-created with their exact
// stored SQL at the end. The search tables are written by indexBulk itself, as the app writes them,
// in the same transaction as the batch's tickets on SQLite. Finally --verify random tickets are
// read back and their events folded again to check row = fold(events).
// Prints progress on stderr and a summary on stdout; writes bench/out/gen-tickets-*.json.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { log, machineInfo, parseArgs, repoRoot, round, writeJson } from './lib.mjs';
import * as T from './ticket-texts.mjs';

export const PASSWORD = 'sahayak-bench';
export const DOMAIN = 'bench.sahayak.test';

const args = parseArgs();
const N = Number(args.tickets ?? 1_000_000);
const PG_URL = typeof args.pg === 'string' ? args.pg : null;
const DATA_DIR = path.resolve(String(args.data ?? `/tmp/bench-tickets-${N}`));
const CUSTOMERS = Number(args.customers ?? 50_000);
const ORGS = Number(args.orgs ?? 2_000);
const AGENTS = Number(args.agents ?? 50);
const YEARS = Number(args.years ?? 3);
const BATCH = Number(args.batch ?? 5_000);
const SEED = Number(args.seed ?? 42);
const VERIFY = Number(args.verify ?? 300);
const CHECK_HTML = Number(args['check-html'] ?? 300);

register();
const serverSrc = (p) => import(pathToFileURL(path.join(repoRoot, 'apps/server/src', p)).href);
const serverRequire = createRequire(path.join(repoRoot, 'apps/server/package.json'));
const { openSqlite, openPostgres } = await serverSrc('platform/db/index.ts');
const { migrateToLatest } = await serverSrc('platform/db/migrate.ts');
const { foldEvents } = await serverSrc('tickets/events.ts');
const { derivedToRow, indexValues } = await serverSrc('tickets/write.ts');
const { indexBulk } = await serverSrc('tickets/search.ts');
const { rebuildFactsStep } = await serverSrc('analytics/facts-store.ts');
const { eventLogs } = await serverSrc('tickets/service.ts');
const { hashPassword } = await serverSrc('platform/auth/passwords.ts');
const { sanitizeHtml, htmlToText } = await serverSrc('platform/html/sanitize.ts');
const { monthsEn, monthsHi } = await serverSrc('demo/texts.ts');
// The Kysely the server's modules use (its own copy under apps/server/node_modules), for indexBulk.
const { Kysely, SqliteDialect } = await import(
  pathToFileURL(path.join(repoRoot, 'apps/server/node_modules/kysely/dist/esm/index.js')).href
);

// ------------------------------------------------------------------ randomness

class Rng {
  constructor(seed) {
    this.s = seed >>> 0;
  }
  next() {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(xs) {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted(items) {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [x, w] of items) {
      r -= w;
      if (r < 0) return x;
    }
    return items[items.length - 1][0];
  }
  /** Log-normal around `median` (sigma in log space), clamped. */
  logNormal(median, sigma, min, max) {
    const u = Math.max(this.next(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
  }
}
const rng = new Rng(SEED);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.now();
const START = NOW - YEARS * 365 * DAY;

// ------------------------------------------------------------------ the world: staff, teams, customers

function buildWorld(hash) {
  const users = [];
  const person = (role, key, i) => {
    const hi = i % 3 === 2;
    const lang = hi ? 'hi' : 'en';
    const name = `${T.firstNames[lang][(i * 7 + key.length) % T.firstNames[lang].length]} ${T.lastNames[lang][(i * 11 + 3) % T.lastNames[lang].length]}`;
    users.push({
      id: users.length + 1,
      name,
      email: `${key}@${DOMAIN}`,
      password_hash: hash,
      role,
      locale: lang,
      time_zone: 'Asia/Kolkata',
      theme: 'auto',
      active: 1,
      capacity: role === 'agent' ? 25 : 10,
      availability: rng.weighted([
        ['online', 6],
        ['away', 2],
        ['offline', 2],
      ]),
      last_login_at: null,
      created_at: START - 30 * DAY,
      updated_at: START - 30 * DAY,
    });
    return users.at(-1);
  };
  const admin = person('admin', 'admin', 0);
  const manager = person('manager', 'manager', 1);
  const teams = T.teamDefs.map((t, ti) => ({
    id: ti + 1,
    def: t,
    lead: person('lead', `lead${ti + 1}`, ti + 2),
    agents: [],
  }));
  for (let a = 0; a < AGENTS; a++) teams[a % teams.length].agents.push(person('agent', `agent${a + 1}`, a + 7));
  const teamRows = teams.map((t) => ({
    id: t.id,
    name: t.def.name,
    description: t.def.description,
    lead_id: t.lead.id,
    assignment_mode: t.def.mode,
    last_assigned_user_id: null,
    created_at: START - 30 * DAY,
    updated_at: START - 30 * DAY,
  }));
  const members = teams.flatMap((t) =>
    [t.lead, ...t.agents].map((u) => ({ team_id: t.id, user_id: u.id, created_at: START - 30 * DAY })),
  );
  const orgs = Array.from({ length: ORGS }, (_, i) => {
    const name = `${T.orgWords[i % T.orgWords.length]} ${T.orgKinds[Math.floor(i / T.orgWords.length) % T.orgKinds.length]} ${T.cities[i % T.cities.length][0]}`;
    return {
      id: i + 1,
      name: i >= T.orgWords.length * T.orgKinds.length ? `${name} ${Math.floor(i / 300) + 1}` : name,
      domain: `org${i + 1}.${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      created_at: START - 60 * DAY,
      updated_at: START - 60 * DAY,
    };
  });
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => {
    const lang = rng.chance(0.3) ? 'hi' : 'en';
    const fi = rng.int(0, 1000);
    const li = rng.int(0, 1000);
    const first = T.firstNames[lang][fi % T.firstNames[lang].length];
    const last = T.lastNames[lang][li % T.lastNames[lang].length];
    const org = rng.chance(0.6) ? orgs[rng.int(0, orgs.length - 1)] : null;
    const enFirst = T.firstNames.en[fi % T.firstNames.en.length].toLowerCase();
    return {
      id: i + 1,
      name: `${first} ${last}`,
      first,
      email: `${enFirst}.${i + 1}@${org ? org.domain : rng.pick(['example.com', 'example.in', 'example.net'])}`,
      phone: rng.chance(0.7) ? `+91 9${String(100_000_000 + ((i * 7919) % 900_000_000)).padStart(9, '0')}` : null,
      organisation_id: org?.id ?? null,
      locale: lang,
      created_at: START - 30 * DAY + Math.floor((i / CUSTOMERS) * YEARS * 365 * DAY * 0.9),
      updated_at: NOW - rng.int(0, 90) * DAY,
    };
  });
  const settings = [
    ['companyName', 'Bench Company'],
    ['defaultLocale', 'en'],
    ['defaultTimeZone', 'Asia/Kolkata'],
  ].map(([key, value]) => ({ key, value: JSON.stringify(value), updated_at: START }));
  const fields = [
    {
      id: 1,
      key: 'product',
      label_en: 'Product',
      label_hi: 'उत्पाद',
      kind: 'dropdown',
      options: JSON.stringify(T.products.map((p) => ({ value: p.value, labelEn: p.labelEn, labelHi: p.labelHi }))),
      required_on_solve: 0,
      active: 1,
      position: 10,
      created_at: START,
      updated_at: START,
    },
    {
      id: 2,
      key: 'order_id',
      label_en: 'Order ID',
      label_hi: 'ऑर्डर नंबर',
      kind: 'text',
      options: '[]',
      required_on_solve: 0,
      active: 1,
      position: 20,
      created_at: START,
      updated_at: START,
    },
  ];
  return { users, admin, manager, teams, teamRows, members, orgs, customers, settings, fields };
}

// ------------------------------------------------------------------ one ticket's history

// Month names as the demo seed writes them in dates (one list for both).
const MONTHS = { en: monthsEn, hi: monthsHi };
const CHANNELS = [
  ['email', 45],
  ['chat', 20],
  ['portal', 14],
  ['phone', 10],
  ['social', 6],
  ['web', 5],
];
const fill = (tpl, v) => tpl.replace(/\{(\w+)\}/g, (_, k) => v[k] ?? '');
const html = (paras) => paras.map((p) => `<p>${p}</p>`).join('');

/**
 * The commands of ticket `id` (1-based) up to NOW: [{ at, by, events: [{type, data}], message?, follower? }]
 * plus what the row needs that events do not carry.
 */
function ticketHistory(id, world) {
  const W = world;
  const createdAt = Math.min(NOW - MIN, START + Math.floor(((id - 1 + rng.next()) / N) * (NOW - START)));
  // Regulars write often: customer index skewed towards the low end.
  const customer = W.customers[Math.floor(W.customers.length * rng.next() ** 2)];
  const lang = customer.locale;
  const topic = rng.pick(T.topics);
  const team = W.teams[rng.chance(0.85) ? topic.team : rng.int(0, W.teams.length - 1)];
  const product = rng.pick(T.products);
  const city = rng.pick(T.cities);
  const d = new Date(createdAt - rng.int(1, 10) * DAY);
  const v = {
    name: customer.first,
    order: `OD${4_100_000_000 + id * 17}`,
    invoice: `INV${2_000_000 + id}`,
    awb: `${rng.int(10, 99)}${rng.int(10_000_000, 99_999_999)}`,
    ref: `R${rng.int(10_000_000, 99_999_999)}`,
    product: product[lang],
    city: city[lang === 'hi' ? 1 : 0],
    courier: rng.pick(T.couriers),
    amount: String(rng.int(3, 200) * 50 - 1),
    date: `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]}`,
    days: String(rng.int(2, 9)),
  };
  const say = (set) => fill(rng.pick(set[lang]), v);
  const agent = rng.pick(team.agents);
  const signAgent = (u) => (lang === 'hi' ? `धन्यवाद, ${u.name}` : `Regards, ${u.name}, ${team.def.name}`);
  const signCustomer = () => (lang === 'hi' ? `धन्यवाद, ${customer.name}` : `Thanks, ${customer.name}`);
  const byCustomer = { userId: null, customerId: customer.id };
  const byUser = (u) => ({ userId: u.id, customerId: null });

  const channel = rng.weighted(CHANNELS);
  const cmds = [];
  let t = createdAt;
  let status = 'new';
  let assignee = null;
  let teamId = rng.chance(0.5) ? team.id : null;
  const openType = rng.chance(0.6) ? topic.type : 'question';
  // A return carries its details (the service refuses type "return" without them).
  const rd = {
    orderRef: v.order,
    reason: lang === 'hi' ? 'ग्राहक ने वापसी माँगी' : 'Customer asked for a return',
    amountMinor: Number(v.amount) * 100,
    currency: 'INR',
    refundState: 'requested',
  };
  let returnDetails = openType === 'return' ? rd : null;
  const created = {
    type: 'created',
    data: {
      number: 1000 + id,
      subject: say(topic.subject),
      status: 'new',
      priority: rng.weighted([
        ['normal', 80],
        ['high', 10],
        ['low', 8],
        ['urgent', 2],
      ]),
      type: openType,
      channel,
      requesterId: customer.id,
      organisationId: customer.organisation_id,
      assigneeId: null,
      teamId,
      tags: channel === 'social' ? ['social-media'] : [],
      fields: channel === 'portal' ? { product: product.value } : {},
      returnDetails,
    },
  };
  const first = { at: t, by: byCustomer, events: [created], message: { kind: 'customer', paras: [say(topic.open)] } };
  if (rng.chance(0.5)) first.message.paras.push(signCustomer());
  // Routed straight to a team with automatic assignment: assigned in the same command.
  if (teamId !== null && team.def.mode !== 'manual') {
    assignee = agent.id;
    first.events.push({
      type: 'assigned',
      data: { from: null, to: agent.id, rule: team.def.mode === 'round_robin' ? 'round_robin' : 'fewest_open' },
    });
  }
  cmds.push(first);
  let priority = created.data.priority;
  const tags = new Set(created.data.tags);
  const fields = { ...created.data.fields };

  // Triage by the team lead or an agent.
  t += rng.logNormal(25 * MIN, 1.2, 1 * MIN, 2 * DAY);
  const triager = rng.chance(0.5) ? team.lead : agent;
  const triage = { at: t, by: byUser(triager), events: [] };
  if (teamId === null) {
    triage.events.push({ type: 'team_changed', data: { from: null, to: team.id } });
    teamId = team.id;
  }
  if (assignee === null) {
    triage.events.push({ type: 'assigned', data: { from: null, to: agent.id } });
    assignee = agent.id;
  }
  if (openType !== topic.type) {
    triage.events.push({ type: 'type_changed', data: { from: openType, to: topic.type } });
    if (topic.type === 'return' && returnDetails === null) {
      triage.events.push({ type: 'return_changed', data: { from: null, to: rd } });
      returnDetails = rd;
    }
  }
  if (rng.chance(0.3)) {
    const to = rng.weighted([
      ['high', 60],
      ['urgent', 15],
      ['low', 25],
    ]);
    if (to !== priority) {
      triage.events.push({ type: 'priority_changed', data: { from: priority, to } });
      priority = to;
    }
  }
  if (rng.chance(0.75)) {
    const added = topic.tags.filter((x) => !tags.has(x));
    if (rng.chance(0.3)) {
      const extra = rng.pick(T.extraTags);
      if (!tags.has(extra) && !added.includes(extra)) added.push(extra);
    }
    if (added.length) {
      triage.events.push({ type: 'tags_changed', data: { added, removed: [] } });
      for (const x of added) tags.add(x);
    }
  }
  if (fields.product === undefined && rng.chance(0.5)) {
    triage.events.push({ type: 'field_changed', data: { key: 'product', from: null, to: product.value } });
    fields.product = product.value;
  }
  if (rng.chance(0.35)) {
    triage.events.push({ type: 'field_changed', data: { key: 'order_id', from: null, to: v.order } });
    fields.order_id = v.order;
  }
  if (triage.events.length) cmds.push(triage);

  const agentUser = W.users[agent.id - 1];
  const setStatus = (c, to) => {
    if (to !== status) {
      c.events.push({ type: 'status_changed', data: { from: status, to } });
      status = to;
    }
  };
  const reply = (paras, to) => {
    const c = { at: t, by: byUser(agentUser), events: [], message: { kind: 'reply', paras } };
    cmds.push(c);
    setStatus(c, to);
  };
  const customerSays = () => {
    const paras = [say(topic.follow)];
    if (rng.chance(0.3)) paras.push(signCustomer());
    const c = { at: t, by: byCustomer, events: [], message: { kind: 'customer', paras } };
    cmds.push(c);
    if (['pending', 'on_hold', 'solved'].includes(status)) setStatus(c, 'open');
  };
  const note = () => {
    cmds.push({ at: t, by: byUser(agentUser), events: [], message: { kind: 'note', paras: [say(topic.note)] } });
  };

  // First answer.
  t += rng.logNormal(2 * HOUR, 1.3, 2 * MIN, 4 * DAY);
  reply(
    [say(topic.reply), signAgent(agentUser)],
    rng.weighted([
      ['pending', 82],
      ['open', 12],
      ['on_hold', 6],
    ]),
  );
  const rounds = rng.weighted([
    [0, 30],
    [1, 35],
    [2, 22],
    [3, 10],
    [4, 3],
  ]);
  for (let r = 0; r < rounds; r++) {
    t += rng.logNormal(8 * HOUR, 1.2, 5 * MIN, 6 * DAY);
    customerSays();
    if (rng.chance(0.1)) {
      t += rng.logNormal(20 * MIN, 1, 1 * MIN, DAY);
      note();
    }
    if (rng.chance(0.05)) {
      const to = priority === 'urgent' ? 'high' : 'urgent';
      cmds.push({
        at: t + MIN,
        by: byUser(team.lead),
        events: [{ type: 'priority_changed', data: { from: priority, to } }],
      });
      priority = to;
      t += MIN;
    }
    t += rng.logNormal(3 * HOUR, 1.2, 2 * MIN, 3 * DAY);
    reply([say(topic.reply), signAgent(agentUser)], rng.chance(0.9) ? 'pending' : 'on_hold');
  }
  if (rng.chance(0.08)) {
    t += rng.logNormal(HOUR, 1, MIN, DAY);
    cmds.push({
      at: t,
      by: byUser(team.lead),
      events: [{ type: 'follower_added', data: { userId: team.lead.id } }],
      follower: team.lead.id,
    });
  }
  // Solved: with a last reply, or by a status change alone; a return is refunded first.
  t += rng.logNormal(20 * HOUR, 1.1, 10 * MIN, 10 * DAY);
  if (returnDetails) {
    const to = { ...returnDetails, refundState: rng.chance(0.9) ? 'refunded' : 'rejected' };
    cmds.push({
      at: t,
      by: byUser(agentUser),
      events: [{ type: 'return_changed', data: { from: returnDetails, to } }],
    });
    returnDetails = to;
    t += rng.int(1, 30) * MIN;
  }
  if (rng.chance(0.5)) reply([say(topic.solve), signAgent(agentUser)], 'solved');
  else {
    const c = { at: t, by: byUser(agentUser), events: [] };
    cmds.push(c);
    setStatus(c, 'solved');
  }
  if (rng.chance(0.04)) {
    // Reopened by the customer, answered and solved again.
    t += rng.logNormal(DAY, 1, HOUR, 3 * DAY);
    customerSays();
    t += rng.logNormal(3 * HOUR, 1, 5 * MIN, 2 * DAY);
    reply([say(topic.solve), signAgent(agentUser)], 'solved');
  }
  // The auto-close job (no actor) closes every solved ticket ticketAutoCloseDays (4) after solving
  // (tickets/jobs.ts): only those solved in the last 4 days are still "solved".
  {
    t += 4 * DAY + rng.int(0, HOUR);
    const c = { at: t, by: { userId: null, customerId: null }, events: [] };
    cmds.push(c);
    setStatus(c, 'closed');
  }
  // Only what has happened by now; a real backlog stays open. Keep the last command strictly before NOW.
  let end = cmds.length;
  while (end > 1 && cmds[end - 1].at >= NOW) end--;
  return { cmds: cmds.slice(0, end), tags, fields };
}

// ------------------------------------------------------------------ rows of a batch of tickets

const ids = { message: 0, event: 0 };

function makeBatch(fromId, toId, world, out) {
  for (let id = fromId; id <= toId; id++) {
    const { cmds } = ticketHistory(id, world);
    const events = [];
    const docs = [];
    const channel = cmds[0].events[0].data.channel;
    docs.push({ ticketId: id, messageId: null, text: cmds[0].events[0].data.subject });
    let version = 0;
    for (const c of cmds) {
      if (!c.message && !c.events.length) continue;
      version++;
      const at = Math.round(c.at);
      const staged = [];
      if (c.message) {
        const messageId = ++ids.message;
        const text = c.message.paras.join('\n');
        out.messages.push([
          messageId,
          id,
          c.message.kind,
          c.by.userId,
          c.by.customerId,
          c.message.kind === 'customer' ? channel : 'web',
          html(c.message.paras),
          text,
          at,
        ]);
        docs.push({ ticketId: id, messageId, text });
        const k = c.message.kind;
        const ev =
          k === 'reply'
            ? { type: 'public_reply', data: { messageId } }
            : k === 'customer'
              ? { type: 'customer_message', data: { messageId } }
              : { type: 'internal_note', data: { messageId, mentions: [] } };
        // The service adds the message's event after "created" and before status changes of the same command.
        if (c.events[0]?.type === 'created') staged.push(c.events[0], ev, ...c.events.slice(1));
        else staged.push(ev, ...c.events);
      } else staged.push(...c.events);
      if (c.follower) out.followers.push([id, c.follower, at]);
      for (const e of staged) {
        events.push({
          type: e.type,
          data: e.data,
          version,
          at,
          actorUserId: c.by.userId,
          actorCustomerId: c.by.customerId,
        });
      }
    }
    const row = derivedToRow(foldEvents(events));
    out.tickets.push({ id, ...row });
    for (const e of events) {
      out.events.push([
        ++ids.event,
        id,
        e.version,
        e.type,
        e.actorUserId,
        e.actorCustomerId,
        JSON.stringify(e.data),
        e.at,
      ]);
    }
    for (const tag of JSON.parse(row.tags)) out.tags.push([id, tag]);
    for (const [key, value] of Object.entries(JSON.parse(row.fields))) {
      const fieldId = world.fieldIds.get(key);
      for (const val of new Set(indexValues(value))) out.fieldValues.push([id, fieldId, val]);
    }
    out.docs.push(...docs);
  }
  return out;
}

const newOut = () => ({ tickets: [], messages: [], events: [], tags: [], fieldValues: [], followers: [], docs: [] });

const TICKET_COLS = [
  'id',
  'number',
  'subject',
  'status',
  'priority',
  'type',
  'channel',
  'requester_id',
  'organisation_id',
  'assignee_id',
  'team_id',
  'tags',
  'fields',
  'return_details',
  'problem_id',
  'merged_into_id',
  'version',
  'message_count',
  'reply_count',
  'reopen_count',
  'first_reply_at',
  'last_reply_at',
  'last_customer_message_at',
  'solved_at',
  'closed_at',
  'created_at',
  'updated_at',
];
const MESSAGE_COLS = [
  'id',
  'ticket_id',
  'kind',
  'author_user_id',
  'author_customer_id',
  'channel',
  'body_html',
  'body_text',
  'created_at',
];
const EVENT_COLS = ['id', 'ticket_id', 'version', 'type', 'actor_user_id', 'actor_customer_id', 'data', 'created_at'];

/** The stored HTML and text must be what the server makes of them: checked on a sample. */
function checkHtml(messages) {
  let n = 0;
  for (const m of messages) {
    if (n++ >= CHECK_HTML) break;
    const [, , , , , , h, text] = m;
    if (sanitizeHtml(h) !== h) throw new Error(`sanitizeHtml changes generated HTML: ${h}`);
    if (htmlToText(h) !== text)
      throw new Error(`htmlToText differs: ${JSON.stringify(htmlToText(h))} vs ${JSON.stringify(text)}`);
  }
  return n;
}

const objRows = (rows, cols) => rows.map((r) => cols.map((c) => r[c]));

// ------------------------------------------------------------------ SQLite

async function generateSqlite(world) {
  const file = path.join(DATA_DIR, 'sahayak.db');
  if (existsSync(file)) {
    if (!args.force) throw new Error(`${file} exists: pass --force to replace it`);
    for (const f of readdirSync(DATA_DIR)) if (f.startsWith('sahayak.db')) rmSync(path.join(DATA_DIR, f));
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const t0 = performance.now();
  const db = openSqlite(file);
  const migrated = await migrateToLatest(db);
  await db.close();
  log(`migrations: ${migrated.join(', ')}`);

  const Database = serverRequire('better-sqlite3');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('foreign_keys = OFF');
  raw.pragma('cache_size = -1000000');
  raw.pragma('temp_store = MEMORY');
  const kysely = new Kysely({ dialect: new SqliteDialect({ database: raw }) });

  // Secondary indexes go, to come back with their exact SQL at the end. (The search tables are left
  // alone: indexBulk writes them as the app does.)
  const saved = raw
    .prepare(
      `select type, name, sql from sqlite_master where sql is not null and type = 'index'
        and tbl_name in ('tickets','ticket_messages','ticket_events','ticket_tags','ticket_field_values','ticket_followers')`,
    )
    .all();
  for (const s of saved) raw.exec(`drop ${s.type} "${s.name}"`);
  log(`dropped ${saved.length} indexes for the load: ${saved.map((s) => s.name).join(', ')}`);

  const insert = (table, cols) =>
    raw.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
  const insertObjs = (table, rows) => {
    if (!rows.length) return;
    const cols = Object.keys(rows[0]);
    const st = insert(table, cols);
    for (const r of rows) st.run(cols.map((c) => r[c]));
  };
  raw.transaction(() => {
    insertObjs('settings', world.settings);
    insertObjs(
      'users',
      world.users.map(({ ...u }) => u),
    );
    insertObjs('teams', world.teamRows);
    insertObjs('team_members', world.members);
    insertObjs('organisations', world.orgs);
    insertObjs(
      'customers',
      world.customers.map(({ first, ...c }) => c),
    );
    insertObjs('custom_fields', world.fields);
  })();

  const stTicket = insert('tickets', TICKET_COLS);
  const stMessage = insert('ticket_messages', MESSAGE_COLS);
  const stEvent = insert('ticket_events', EVENT_COLS);
  const stTag = insert('ticket_tags', ['ticket_id', 'tag']);
  const stField = insert('ticket_field_values', ['ticket_id', 'field_id', 'value']);
  const stFollower = insert('ticket_followers', ['ticket_id', 'user_id', 'created_at']);

  const phase = { genMs: 0, insertMs: 0, searchMs: 0 };
  const counts = { tickets: 0, messages: 0, events: 0, tags: 0, fieldValues: 0, followers: 0 };
  const tLoad = performance.now();
  for (let from = 1; from <= N; from += BATCH) {
    const to = Math.min(N, from + BATCH - 1);
    let a = performance.now();
    const out = makeBatch(from, to, world, newOut());
    if (from === 1) log(`checked ${checkHtml(out.messages)} generated messages against sanitizeHtml/htmlToText: equal`);
    phase.genMs += performance.now() - a;
    a = performance.now();
    raw.exec('begin');
    for (const r of objRows(out.tickets, TICKET_COLS)) stTicket.run(r);
    for (const r of out.messages) stMessage.run(r);
    for (const r of out.events) stEvent.run(r);
    for (const r of out.tags) stTag.run(r);
    for (const r of out.fieldValues) stField.run(r);
    for (const r of out.followers) stFollower.run(r);
    phase.insertMs += performance.now() - a;
    a = performance.now();
    await indexBulk(kysely, 'sqlite', out.docs);
    raw.exec('commit');
    phase.searchMs += performance.now() - a;
    counts.tickets += out.tickets.length;
    counts.messages += out.messages.length;
    counts.events += out.events.length;
    counts.tags += out.tags.length;
    counts.fieldValues += out.fieldValues.length;
    counts.followers += out.followers.length;
    progress(to, tLoad);
  }
  const counter = 1000 + N;
  raw.prepare(`insert into counters (name, value) values ('ticket_number', ?)`).run(counter);

  let a = performance.now();
  for (const s of saved) raw.exec(s.sql);
  const indexMs = performance.now() - a;
  log(`indexes re-created in ${round(indexMs / 1000, 1)} s`);
  const factsMs = await buildFacts(kysely);
  a = performance.now();
  raw.exec('analyze');
  const analyzeMs = performance.now() - a;
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.pragma('synchronous = NORMAL');
  const verify = await verifySample(
    (sql, ...p) => raw.prepare(sql).all(...p),
    (sql) => raw.prepare(sql).get(),
  );
  const tables = sqliteTableSizes(raw);
  raw.close();
  const totalMs = performance.now() - t0;
  const bytes = readdirSync(DATA_DIR)
    .filter((f) => f.startsWith('sahayak.db'))
    .reduce((s, f) => s + statSync(path.join(DATA_DIR, f)).size, 0);
  return {
    db: 'sqlite',
    file,
    counts,
    counter,
    phasesS: {
      generate: round(phase.genMs / 1000, 1),
      insert: round(phase.insertMs / 1000, 1),
      searchIndexBulk: round(phase.searchMs / 1000, 1),
      createIndexes: round(indexMs / 1000, 1),
      facts: round(factsMs / 1000, 1),
      analyze: round(analyzeMs / 1000, 1),
    },
    totalS: round(totalMs / 1000, 1),
    sizeBytes: bytes,
    sizeGiB: round(bytes / 1024 ** 3, 2),
    tables,
    verify,
  };
}

/** The KPI facts of every ticket, as the server's background rebuild computes them; returns its ms. */
async function buildFacts(kysely) {
  const a = performance.now();
  let afterId = 0;
  for (;;) {
    const last = await rebuildFactsStep(kysely, afterId, 500, eventLogs);
    if (last === null) break;
    afterId = last;
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`  KPI facts up to ticket id ${afterId.toLocaleString('en')}, ${round((lastLog - a) / 1000, 0)} s`);
    }
  }
  const ms = performance.now() - a;
  log(`KPI facts in ${round(ms / 1000, 1)} s`);
  return ms;
}

function sqliteTableSizes(raw) {
  try {
    return raw
      .prepare(`select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc limit 25`)
      .all()
      .map((r) => ({ name: r.name, MiB: round(r.bytes / 1024 ** 2, 1) }));
  } catch {
    return null; // dbstat is not compiled in
  }
}

let lastLog = 0;
function progress(done, tLoad) {
  const now = performance.now();
  if (done < N && now - lastLog < 5000) return;
  lastLog = now;
  const s = (now - tLoad) / 1000;
  const rate = done / s;
  log(
    `  ${done.toLocaleString('en')} / ${N.toLocaleString('en')} tickets, ${ids.message.toLocaleString('en')} messages, ${ids.event.toLocaleString('en')} events; ${Math.round(rate)} tickets/s, ${round(s, 0)} s, ETA ${round((N - done) / rate, 0)} s`,
  );
}

// ------------------------------------------------------------------ verification: row = fold(events)

/** Reads --verify random tickets back and folds their stored events again. */
async function verifySample(all, get) {
  const rows = await all(`select * from tickets order by random() limit ${VERIFY}`);
  let ok = 0;
  for (const row of rows) {
    const evs = (await all('select * from ticket_events where ticket_id = ? order by id', row.id)).map((e) => ({
      type: e.type,
      data: JSON.parse(e.data),
      version: Number(e.version),
      at: Number(e.created_at),
      actorUserId: e.actor_user_id,
      actorCustomerId: e.actor_customer_id,
    }));
    const folded = derivedToRow(foldEvents(evs));
    for (const [k, v] of Object.entries(folded)) {
      const stored = row[k] === null ? null : typeof v === 'number' ? Number(row[k]) : row[k];
      if (stored !== v)
        throw new Error(`ticket ${row.id}: ${k} stored ${JSON.stringify(row[k])}, fold gives ${JSON.stringify(v)}`);
    }
    const tags = (await all('select tag from ticket_tags where ticket_id = ?', row.id)).map((r) => r.tag).sort();
    if (JSON.stringify(tags) !== folded.tags)
      throw new Error(`ticket ${row.id}: ticket_tags ${tags} vs ${folded.tags}`);
    const messages = Number((await all('select count(*) as n from ticket_messages where ticket_id = ?', row.id))[0].n);
    if (messages !== folded.message_count)
      throw new Error(`ticket ${row.id}: ${messages} messages, row says ${folded.message_count}`);
    ok++;
  }
  const max = await get('select max(number) as n from tickets');
  const counter = await get(`select value from counters where name = 'ticket_number'`);
  if (Number(max.n) !== Number(counter.value)) throw new Error(`counter ${counter.value} != max number ${max.n}`);
  log(`verified ${ok} random tickets: row = fold(events), tags and message counts match; counter = max number`);
  return { tickets: ok };
}

// ------------------------------------------------------------------ PostgreSQL

async function generatePostgres(world) {
  const pg = (await import('pg')).default;
  const url = new URL(PG_URL);
  const dbName = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`database name ${dbName}: letters, digits and _ only`);
  const adminUrl = new URL(PG_URL);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.href });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  log(`created database ${dbName}`);

  const t0 = performance.now();
  const db = openPostgres(PG_URL, 2);
  const migrated = await migrateToLatest(db);
  log(`migrations: ${migrated.join(', ')}`);
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`set synchronous_commit = off`);
  // The rows are consistent by construction (and checked at the end): no foreign-key triggers during the load.
  await client.query(`set session_replication_role = replica`);
  await client.query(`set maintenance_work_mem = '1GB'`);
  const q = (sql, p) => client.query(sql, p);

  const loadTables = [
    'tickets',
    'ticket_messages',
    'ticket_events',
    'ticket_tags',
    'ticket_field_values',
    'ticket_followers',
    'ticket_search',
  ];
  const { rows: saved } = await q(
    `select indexname, indexdef from pg_indexes i where schemaname = 'public' and tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [loadTables],
  );
  for (const s of saved) await q(`drop index "${s.indexname}"`);
  log(`dropped ${saved.length} indexes for the load: ${saved.map((s) => s.indexname).join(', ')}`);

  const types = {
    settings: { key: 'text', value: 'text', updated_at: 'int8' },
    users: {
      id: 'int4',
      name: 'text',
      email: 'text',
      password_hash: 'text',
      role: 'text',
      locale: 'text',
      time_zone: 'text',
      theme: 'text',
      active: 'int4',
      capacity: 'int4',
      availability: 'text',
      last_login_at: 'int8',
      created_at: 'int8',
      updated_at: 'int8',
    },
    teams: {
      id: 'int4',
      name: 'text',
      description: 'text',
      lead_id: 'int4',
      assignment_mode: 'text',
      last_assigned_user_id: 'int4',
      created_at: 'int8',
      updated_at: 'int8',
    },
    team_members: { team_id: 'int4', user_id: 'int4', created_at: 'int8' },
    organisations: { id: 'int4', name: 'text', domain: 'text', created_at: 'int8', updated_at: 'int8' },
    customers: {
      id: 'int4',
      name: 'text',
      email: 'text',
      phone: 'text',
      organisation_id: 'int4',
      locale: 'text',
      created_at: 'int8',
      updated_at: 'int8',
    },
    custom_fields: {
      id: 'int4',
      key: 'text',
      label_en: 'text',
      label_hi: 'text',
      kind: 'text',
      options: 'text',
      required_on_solve: 'int4',
      active: 'int4',
      position: 'int4',
      created_at: 'int8',
      updated_at: 'int8',
    },
  };
  const ticketTypes = Object.fromEntries(TICKET_COLS.map((c) => [c, 'text']));
  for (const c of [
    'id',
    'number',
    'requester_id',
    'organisation_id',
    'assignee_id',
    'team_id',
    'problem_id',
    'merged_into_id',
    'version',
    'message_count',
    'reply_count',
    'reopen_count',
  ])
    ticketTypes[c] = 'int4';
  for (const c of [
    'first_reply_at',
    'last_reply_at',
    'last_customer_message_at',
    'solved_at',
    'closed_at',
    'created_at',
    'updated_at',
  ])
    ticketTypes[c] = 'int8';

  /** INSERT … SELECT * FROM unnest(…): one statement for many rows (arrays of columns). */
  async function insertArrays(table, cols, colTypes, rows, chunk = 20_000) {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const arrays = cols.map((_, j) => part.map((r) => r[j]));
      await q(
        `insert into ${table} (${cols.join(', ')}) select * from unnest(${cols.map((_c, j) => `$${j + 1}::${colTypes[j]}[]`).join(', ')})`,
        arrays,
      );
    }
  }
  const insertObjs = async (table, rows) => {
    if (!rows.length) return;
    const cols = Object.keys(types[table]);
    await insertArrays(
      table,
      cols,
      cols.map((c) => types[table][c]),
      objRows(rows, cols),
    );
  };
  await q('begin');
  await insertObjs('settings', world.settings);
  await insertObjs('users', world.users);
  await insertObjs('teams', world.teamRows);
  await insertObjs('team_members', world.members);
  await insertObjs('organisations', world.orgs);
  await insertObjs('customers', world.customers);
  await insertObjs('custom_fields', world.fields);
  await q('commit');

  const phase = { genMs: 0, insertMs: 0, searchMs: 0 };
  const counts = { tickets: 0, messages: 0, events: 0, tags: 0, fieldValues: 0, followers: 0 };
  const tLoad = performance.now();
  // Generation of the next batch overlaps with the database writing the previous one.
  let pending = Promise.resolve();
  for (let from = 1; from <= N; from += BATCH) {
    const to = Math.min(N, from + BATCH - 1);
    let a = performance.now();
    const out = makeBatch(from, to, world, newOut());
    if (from === 1) log(`checked ${checkHtml(out.messages)} generated messages against sanitizeHtml/htmlToText: equal`);
    phase.genMs += performance.now() - a;
    a = performance.now();
    await pending;
    phase.insertMs += performance.now() - a;
    pending = (async () => {
      const b = performance.now();
      await q('begin');
      await insertArrays(
        'tickets',
        TICKET_COLS,
        TICKET_COLS.map((c) => ticketTypes[c]),
        objRows(out.tickets, TICKET_COLS),
      );
      await insertArrays(
        'ticket_messages',
        MESSAGE_COLS,
        ['int4', 'int4', 'text', 'int4', 'int4', 'text', 'text', 'text', 'int8'],
        out.messages,
      );
      await insertArrays(
        'ticket_events',
        EVENT_COLS,
        ['int4', 'int4', 'int4', 'text', 'int4', 'int4', 'text', 'int8'],
        out.events,
      );
      await insertArrays('ticket_tags', ['ticket_id', 'tag'], ['int4', 'text'], out.tags);
      await insertArrays(
        'ticket_field_values',
        ['ticket_id', 'field_id', 'value'],
        ['int4', 'int4', 'text'],
        out.fieldValues,
      );
      await insertArrays(
        'ticket_followers',
        ['ticket_id', 'user_id', 'created_at'],
        ['int4', 'int4', 'int8'],
        out.followers,
      );
      await q('commit');
      const c = performance.now();
      // Its own connection (the Kysely pool), after the tickets it points at are committed.
      await indexBulk(db.kysely, 'postgres', out.docs);
      phase.searchMs += performance.now() - c;
      counts.tickets += out.tickets.length;
      counts.messages += out.messages.length;
      counts.events += out.events.length;
      counts.tags += out.tags.length;
      counts.fieldValues += out.fieldValues.length;
      counts.followers += out.followers.length;
      progress(to, tLoad);
      return performance.now() - b;
    })();
  }
  let a = performance.now();
  await pending;
  phase.insertMs += performance.now() - a;
  const counter = 1000 + N;
  await q(`insert into counters (name, value) values ('ticket_number', $1)`, [counter]);
  for (const table of [
    'users',
    'teams',
    'organisations',
    'customers',
    'custom_fields',
    'tickets',
    'ticket_messages',
    'ticket_events',
  ]) {
    await q(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  a = performance.now();
  for (const s of saved) {
    const b = performance.now();
    await q(s.indexdef);
    log(`  ${s.indexname}: ${round((performance.now() - b) / 1000, 1)} s`);
  }
  const indexMs = performance.now() - a;
  log(`indexes re-created in ${round(indexMs / 1000, 1)} s`);
  const factsMs = await buildFacts(db.kysely);
  a = performance.now();
  await q('vacuum analyze');
  const analyzeMs = performance.now() - a;
  log(`VACUUM ANALYZE in ${round(analyzeMs / 1000, 1)} s`);
  const verify = await verifySample(
    async (sql, ...p) => {
      let n = 0;
      return (
        await q(
          sql.replace(/\?/g, () => `$${++n}`),
          p,
        )
      ).rows;
    },
    async (sql) => (await q(sql)).rows[0],
  );
  const size = Number((await q('select pg_database_size(current_database()) as n')).rows[0].n);
  const tables = (
    await q(
      `select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' order by bytes desc limit 12`,
    )
  ).rows.map((r) => ({ name: r.name, MiB: round(Number(r.bytes) / 1024 ** 2, 1) }));
  await client.end();
  await db.close();
  return {
    db: 'postgres',
    database: dbName,
    counts,
    counter,
    phasesS: {
      generate: round(phase.genMs / 1000, 1),
      waitForDb: round(phase.insertMs / 1000, 1),
      searchIndexBulk: round(phase.searchMs / 1000, 1),
      createIndexes: round(indexMs / 1000, 1),
      facts: round(factsMs / 1000, 1),
      vacuumAnalyze: round(analyzeMs / 1000, 1),
    },
    totalS: round((performance.now() - t0) / 1000, 1),
    sizeBytes: size,
    sizeGiB: round(size / 1024 ** 3, 2),
    tables,
    verify,
  };
}

// ------------------------------------------------------------------ main

const machine = machineInfo();
log(
  `gen-tickets: ${N.toLocaleString('en')} tickets on ${PG_URL ? `PostgreSQL ${PG_URL}` : `SQLite ${DATA_DIR}`}; ${CUSTOMERS} customers, ${AGENTS} agents, ${YEARS} years, batch ${BATCH}, seed ${SEED}`,
);
const t0 = performance.now();
const hash = await hashPassword(PASSWORD);
const world = buildWorld(hash);
world.fieldIds = new Map(world.fields.map((f) => [f.key, f.id]));
const result = PG_URL ? await generatePostgres(world) : await generateSqlite(world);
result.wallS = round((performance.now() - t0) / 1000, 1);
const summary = {
  bench: 'gen-tickets',
  machine,
  params: {
    tickets: N,
    customers: CUSTOMERS,
    orgs: ORGS,
    agents: AGENTS,
    years: YEARS,
    batch: BATCH,
    seed: SEED,
    now: NOW,
  },
  signIn: { admin: `admin@${DOMAIN}`, agent: `agent1@${DOMAIN}`, password: PASSWORD },
  ...result,
};
const file = writeJson(`gen-tickets-${result.db}-${N}`, summary);
const c = result.counts;
console.log(`\n### Generated ${N.toLocaleString('en')} tickets (${result.db})\n`);
console.log(`| | |\n|---|---|`);
console.log(`| where | ${result.file ?? result.database} |`);
console.log(
  `| rows | ${c.tickets.toLocaleString('en')} tickets, ${c.messages.toLocaleString('en')} messages, ${c.events.toLocaleString('en')} events, ${c.tags.toLocaleString('en')} tags, ${c.fieldValues.toLocaleString('en')} field values, ${c.followers.toLocaleString('en')} followers; ${CUSTOMERS.toLocaleString('en')} customers, ${world.users.length} users |`,
);
console.log(
  `| time | ${result.wallS} s (${Object.entries(result.phasesS)
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ')}) |`,
);
console.log(`| size | ${result.sizeGiB} GiB |`);
console.log(`| sign in | ${summary.signIn.admin} / ${summary.signIn.agent} …, password ${PASSWORD} |`);
console.log(`raw: ${path.relative(process.cwd(), file)}`);
