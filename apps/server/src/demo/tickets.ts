// The demo's living inbox: about 3,000 conversations over the last 90 days, written as whole ticket
// histories through importHistory so every row is the fold of its events. All randomness comes from a
// seeded PRNG: the same clock gives the same tickets.
import type { Deps } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import type { MessageKind, TicketChannel, TicketPriority, TicketStatus, TicketType } from '../platform/db/types.js';
import { textToHtml } from '../platform/html/sanitize.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { type FieldValue, type PendingEvent, statusChangeAllowed } from '../tickets/events.js';
import { type HistoryStep, importHistory, type TicketHistory } from '../tickets/import.js';
import type { ReturnDto } from '../tickets/schema.js';
import { systemNoteMessage } from '../tickets/system-notes.js';
import type { Author } from '../tickets/write.js';
import { Rng } from './random.js';
import * as repo from './repo.js';
import {
  appVersions,
  cities,
  common,
  couriers,
  devices,
  fill,
  genderForms,
  type Lang,
  monthsEn,
  monthsHi,
  type ProblemStory,
  type Product,
  products,
  smallProblems,
  spikeProblems,
  type TeamKey,
  type Texts,
  type Topic,
  topics,
} from './texts.js';

export interface DemoStaff {
  id: number;
  name: string;
  locale: Lang;
}
export interface DemoTeam {
  id: number;
  lead: DemoStaff;
  agents: DemoStaff[];
  mode: 'round_robin' | 'fewest_open';
}
export interface DemoCustomer {
  id: number;
  name: string;
  locale: Lang;
  organisationId: number | null;
}
export interface DemoWorld {
  teams: Record<TeamKey, DemoTeam>;
  customers: DemoCustomer[];
  fieldIds: Map<string, number>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const IST = 5.5 * HOUR;
const DAYS = 90;
const DEMO_TICKETS = 3000;
const BATCH = 250;
const SEED = 0x5a4a_7a1c;
/** The emerging issue's tickets per day, today first (see plans()). */
const EMERGING_PER_DAY = [9, 14, 11, 8, 6, 4];

// ---------- time in India ----------

const istMidnight = (t: number) => t - ((((t + IST) % DAY) + DAY) % DAY);
const istHour = (t: number) => (t - istMidnight(t)) / HOUR;
const istWeekday = (t: number) => new Date(t + IST).getUTCDay();

/** Support works Monday to Saturday 09:00–20:00 IST and Sunday 10:00–16:00. */
function workingHours(dayStart: number): [number, number] {
  return istWeekday(dayStart) === 0 ? [10, 16] : [9, 20];
}

/** Times are whole milliseconds (bigint columns on PostgreSQL). */
function nextWorkingTime(at: number): number {
  if (!Number.isFinite(at)) return at;
  const t = Math.round(at);
  for (let day = istMidnight(t); ; day += DAY) {
    const [open, close] = workingHours(day);
    if (t < day + open * HOUR) return day + open * HOUR;
    if (t < day + close * HOUR) return t;
  }
}

/**
 * How fast each team answers, against the usual: Tech is short-handed, so a manager's dashboard shows
 * one team slower than the other.
 */
const TEAM_PACE: Record<TeamKey, number> = { care: 1, tech: 1.8 };

/** When an agent answers something that arrived at `t`: minutes on chat, hours by email, in working hours. */
function agentTime(rng: Rng, t: number, sk: Pick<Skeleton, 'priority' | 'topic'>, channel: TicketChannel): number {
  const usual = channel === 'chat' ? 4 : { urgent: 30, high: 70, normal: 150, low: 320 }[sk.priority];
  const median = usual * TEAM_PACE[sk.topic.team];
  const at = t + rng.logNormal(median, channel === 'chat' ? 0.7 : 0.9, 1, 26 * 60) * MIN;
  const open = nextWorkingTime(at);
  // Whatever came in overnight waits for the morning queue.
  return open === Math.round(at) ? open : nextWorkingTime(open + rng.logNormal(25, 0.8, 2, 180) * MIN);
}

/** When a customer writes back: minutes on chat, hours otherwise, rarely at night. */
function customerTime(rng: Rng, t: number, channel: TicketChannel): number {
  if (channel === 'chat') return Math.round(t + rng.logNormal(3, 0.8, 1, 30) * MIN);
  let at = t + rng.logNormal(180, 1.1, 5, 3 * 24 * 60) * MIN;
  const h = istHour(at);
  if (h < 7) at += (7 - h) * HOUR + rng.next() * 3 * HOUR;
  return Math.round(at);
}

/** A working moment `days` (fractional) later. */
function daysLater(rng: Rng, t: number, days: number): number {
  return nextWorkingTime(t + days * DAY + rng.next() * 4 * HOUR) + rng.int(0, 90) * MIN;
}

// Tickets by hour of the day (IST): quiet nights, a late-morning peak.
const hourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 7, 9, 10, 9, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1.5];
const hourTotal = hourWeights.reduce((a, b) => a + b, 0);
const hourChoices = hourWeights.map((w, h) => [h, w] as const);
const topicChoices = topics.map((x) => [x, x.weight] as const);
const rupees = new Intl.NumberFormat('en-IN');

function timeInDay(rng: Rng, dayStart: number, now: number): number {
  for (let i = 0; i < 50; i++) {
    const hour = rng.weighted(hourChoices);
    const t = dayStart + hour * HOUR + Math.floor(rng.next() * HOUR);
    if (t < now - 2 * MIN) return t;
  }
  return now - rng.int(5, 60) * MIN;
}

// ---------- the plan of each ticket ----------

type PlanStep = HistoryStep | { at: number; by: Author; link: Plan } | { at: number; by: Author; solvedWith: Plan };

interface Plan {
  history: Omit<TicketHistory, 'steps'>;
  steps: PlanStep[];
  isProblem: boolean;
}

interface ProblemRef {
  plan: Plan;
  createdAt: number;
  solvedAt: number;
  solver: DemoStaff;
}

interface Skeleton {
  createdAt: number;
  topic: Topic;
  customer: DemoCustomer;
  type: TicketType;
  channel: TicketChannel;
  priority: TicketPriority;
  problem: ProblemRef | null;
  /** The newest few stay untouched so the queue has new tickets. */
  untouched: boolean;
}

const channelWeights: [TicketChannel, number][] = [
  ['email', 32],
  ['chat', 20],
  ['web', 14],
  ['portal', 12],
  ['phone', 12],
  ['social', 10],
];
const priorityWeights: [TicketPriority, number][] = [
  ['low', 10],
  ['normal', 68],
  ['high', 17],
  ['urgent', 5],
];

const staffAuthor = (u: DemoStaff): Author => ({ userId: u.id, customerId: null });
const system: Author = { userId: null, customerId: null };
const firstName = (name: string) => name.split(' ')[0]!;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A ticket's story as it unfolds; steps past `limit` (now) are dropped and the story stops there. */
class Thread {
  readonly steps: PlanStep[] = [];
  status: TicketStatus;
  assigneeId: number | null;
  teamId: number | null;
  priority: TicketPriority;
  readonly tags: Set<string>;
  readonly fields: Record<string, FieldValue>;
  returnDetails: ReturnDto | null;
  solvedAt: number | null = null;
  private last: number;
  private stopped = false;

  constructor(
    h: Omit<TicketHistory, 'steps'>,
    private readonly limit: number,
    /** A linked problem's fix solves the incident if it is still unsolved by then. */
    private readonly problem: ProblemRef | null,
  ) {
    this.status = h.status;
    this.assigneeId = h.assigneeId;
    this.teamId = h.teamId;
    this.priority = h.priority;
    this.tags = new Set(h.tags);
    this.fields = { ...h.fields };
    this.returnDetails = h.returnDetails;
    this.last = h.createdAt;
  }

  get live(): boolean {
    return !this.stopped;
  }

  /** The step's time (never before the previous one), or null once the story has stopped. */
  private admit(at: number): number | null {
    if (this.stopped) return null;
    const t = Math.max(Math.round(at), this.last);
    if (this.problem && t > this.problem.solvedAt) {
      this.solveWithProblem();
      return null;
    }
    if (t > this.limit) {
      this.stopped = true;
      return null;
    }
    this.last = t;
    return t;
  }

  private solveWithProblem() {
    const p = this.problem!;
    this.stopped = true;
    if (p.solvedAt > this.limit || this.status === 'solved' || this.status === 'closed') return;
    this.steps.push({ at: p.solvedAt, by: system, solvedWith: p.plan });
    this.pushStatus(p.solvedAt, staffAuthor(p.solver), 'solved');
    this.last = p.solvedAt;
  }

  /** Ends the story: the problem's fix if it is due, then closing once solved long enough. */
  finish(rng: Rng, closeAfter: number, manualClose: DemoStaff | null) {
    if (this.problem && !this.stopped) this.solveWithProblem();
    if (this.status !== 'solved' || this.solvedAt === null) return;
    const closeAt = manualClose
      ? this.solvedAt + rng.int(5, 90) * MIN
      : this.solvedAt + closeAfter + rng.int(1, 59) * MIN;
    if (closeAt > this.limit) return;
    this.pushStatus(closeAt, manualClose ? staffAuthor(manualClose) : system, 'closed');
  }

  private pushStatus(at: number, by: Author, to: TicketStatus) {
    if (!statusChangeAllowed(this.status, to) || to === 'new') throw new Error(`demo: ${this.status} -> ${to}`);
    this.steps.push({ at, by, change: { type: 'status_changed', data: { from: this.status, to } } });
    this.status = to;
    if (to === 'solved') this.solvedAt = at;
  }

  say(at: number, by: Author, kind: MessageKind, html: string): number | null {
    const t = this.admit(at);
    if (t !== null) this.steps.push({ at: t, by, message: { kind, html } });
    return t;
  }

  private change(at: number, by: Author, change: PendingEvent): boolean {
    const t = this.admit(at);
    if (t !== null) this.steps.push({ at: t, by, change });
    return t !== null;
  }

  setStatus(at: number, by: Author, to: TicketStatus) {
    if (to === this.status) return;
    const t = this.admit(at);
    if (t !== null) this.pushStatus(t, by, to);
  }

  /** A customer's message reopens a waiting or solved ticket, as the live service does. */
  customerSays(at: number, by: Author, html: string): number | null {
    const t = this.say(at, by, 'customer', html);
    if (t !== null && ['pending', 'on_hold', 'solved'].includes(this.status)) this.pushStatus(t, by, 'open');
    return t;
  }

  assign(at: number, by: Author, to: number, rule?: 'round_robin' | 'fewest_open') {
    if (this.assigneeId === to) return;
    const data = rule ? { from: this.assigneeId, to, rule } : { from: this.assigneeId, to };
    if (this.change(at, by, { type: 'assigned', data })) this.assigneeId = to;
  }

  moveTeam(at: number, by: Author, to: number) {
    if (this.change(at, by, { type: 'team_changed', data: { from: this.teamId, to } })) this.teamId = to;
  }

  addTags(at: number, by: Author, tags: string[]) {
    const added = tags.filter((t) => !this.tags.has(t));
    if (added.length && this.change(at, by, { type: 'tags_changed', data: { added, removed: [] } })) {
      for (const t of added) this.tags.add(t);
    }
  }

  setField(at: number, by: Author, key: string, to: FieldValue) {
    const from = this.fields[key] ?? null;
    if (this.change(at, by, { type: 'field_changed', data: { key, from, to } })) this.fields[key] = to;
  }

  setPriority(at: number, by: Author, to: TicketPriority) {
    if (to === this.priority) return;
    if (this.change(at, by, { type: 'priority_changed', data: { from: this.priority, to } })) this.priority = to;
  }

  setRefund(at: number, by: Author, refundState: ReturnDto['refundState']) {
    const from = this.returnDetails;
    if (!from || from.refundState === refundState) return;
    const to = { ...from, refundState };
    if (this.change(at, by, { type: 'return_changed', data: { from, to } })) this.returnDetails = to;
  }

  link(at: number, by: Author, problem: Plan) {
    const t = this.admit(at);
    if (t !== null) this.steps.push({ at: t, by, link: problem });
  }
}

// ---------- generation ----------

class Generator {
  readonly rng = new Rng(SEED);
  private readonly topicByKey = new Map(topics.map((t) => [t.key, t]));

  constructor(
    private readonly world: DemoWorld,
    private readonly now: number,
    private readonly closeAfter: number,
  ) {}

  plans(): Plan[] {
    const { rng, now } = this;
    const today = istMidnight(now);
    const problems: Plan[] = [];

    // Spikes: many customers hit the same fault within hours; a lead opens a problem for it.
    const spikes = spikeProblems.map((story) => {
      const start = today - story.daysAgo * DAY + 10 * HOUR + rng.int(0, 60) * MIN;
      return { story, start };
    });
    const spikeCount = spikeProblems.reduce((n, s) => n + s.incidents, 0);

    // An emerging issue: fitness bands stopped syncing after a firmware update a few days ago, more
    // customers each day, and nobody has opened a problem for it yet (the trend alerts find it).
    const emerging = EMERGING_PER_DAY.map((n, daysAgo) => ({ n, daysAgo }));
    const emergingCount = EMERGING_PER_DAY.reduce((a, b) => a + b, 0);
    const regular = DEMO_TICKETS - spikeCount - spikeProblems.length - smallProblems.length - emergingCount;

    // Regular tickets per day: Monday brings the weekend's backlog, weekdays are busier than
    // weekends, a growing business, some noise.
    const weights = Array.from({ length: DAYS }, (_, daysAgo) => {
      const dayStart = today - daysAgo * DAY;
      const weekday = istWeekday(dayStart);
      let w = weekday === 0 ? 0.4 : weekday === 6 ? 0.65 : weekday === 1 ? 1.4 : 1;
      w *= 1 + (0.25 * (DAYS - daysAgo)) / DAYS;
      w *= 0.8 + 0.4 * rng.next();
      if (daysAgo === 0) {
        const h = istHour(now);
        let done = 0;
        for (let i = 0; i < 24; i++) done += hourWeights[i]! * Math.min(1, Math.max(0, h - i));
        w *= done / hourTotal;
      }
      return w;
    });
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const exact = weights.map((w) => (w / totalWeight) * regular);
    const counts = exact.map(Math.floor);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
    const missing = regular - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < missing; i++) counts[order[i]![1]]! += 1;

    const skeletons: Skeleton[] = [];
    counts.forEach((n, daysAgo) => {
      const dayStart = today - daysAgo * DAY;
      for (let i = 0; i < n; i++) skeletons.push(this.skeleton(timeInDay(rng, dayStart, now)));
    });

    const bandSync = this.topicByKey.get('band_sync')!;
    for (const { n, daysAgo } of emerging) {
      const dayStart = today - daysAgo * DAY;
      for (let i = 0; i < n; i++) {
        const at = timeInDay(rng, dayStart, now);
        if (at < now) skeletons.push(this.skeleton(at, bandSync));
      }
    }

    for (const { story, start } of spikes) {
      const topic = this.topicByKey.get(story.topic)!;
      const team = this.world.teams[topic.team];
      const problem = this.problemPlan(story, topic, start + rng.int(35, 60) * MIN, team.lead, 'urgent');
      problems.push(problem.plan);
      for (let i = 0; i < story.incidents; i++) {
        const at = Math.round(Math.min(start + rng.logNormal(3 * 60, 0.8, 2, 14 * 60) * MIN, now - MIN));
        const sk = this.skeleton(at, topic);
        sk.type = 'incident';
        sk.channel = rng.weighted([
          ['chat', 4],
          ['social', 3],
          ['email', 3],
          ['web', 1],
        ]);
        sk.priority = rng.weighted([
          ['normal', 5],
          ['high', 4],
          ['urgent', 1],
        ]);
        if (at > problem.createdAt && rng.chance(0.85)) sk.problem = problem;
        skeletons.push(sk);
      }
    }

    // Smaller problems: a handful of incidents over a few days; the newest is still being worked on.
    const smallDays = [83, 75, 64, 55, 47, 31, 23, 8, 2];
    smallProblems.forEach((story, i) => {
      const topic = this.topicByKey.get(story.topic)!;
      const team = this.world.teams[topic.team];
      const createdAt = today - smallDays[i]! * DAY + 11 * HOUR + rng.int(0, 180) * MIN;
      const owner = rng.chance(0.5) ? team.lead : rng.pick(team.agents);
      const stillOpen = i === smallProblems.length - 1;
      const problem = this.problemPlan(story, topic, createdAt, owner, 'high', stillOpen);
      problems.push(problem.plan);
      const candidates = skeletons
        .filter((s) => s.topic === topic && !s.problem && s.createdAt > createdAt && s.createdAt < createdAt + 4 * DAY)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, rng.int(3, 6));
      for (const s of candidates) {
        s.type = 'incident';
        s.problem = problem;
      }
    });

    skeletons.sort((a, b) => a.createdAt - b.createdAt);
    // The newest tickets have not been picked up yet.
    for (const s of skeletons.slice(-12)) s.untouched = true;
    for (const s of skeletons) if (s.createdAt > now - 40 * MIN) s.untouched = true;

    return [...problems, ...skeletons.map((s) => this.ticket(s))];
  }

  private customer(): DemoCustomer {
    // A few customers write far more often than the rest.
    const list = this.world.customers;
    return list[Math.floor(list.length * this.rng.next() ** 1.3)]!;
  }

  private skeleton(createdAt: number, topic?: Topic): Skeleton {
    const { rng } = this;
    const t = topic ?? rng.weighted(topicChoices);
    const priority = t.key === 'payment_failed' && rng.chance(0.3) ? 'high' : rng.weighted(priorityWeights);
    return {
      createdAt,
      topic: t,
      customer: this.customer(),
      type: rng.weighted(t.types),
      channel: rng.weighted(channelWeights),
      priority,
      problem: null,
      untouched: false,
    };
  }

  private pickAgent(team: DemoTeam, lang: Lang): DemoStaff {
    // Hindi-speaking agents pick up more of the Hindi tickets; leads take fewer tickets.
    const people = [[team.lead, 0.3], ...team.agents.map((a) => [a, 1] as const)] as const;
    return this.rng.weighted(people.map(([p, w]) => [p, lang === 'hi' && p.locale === 'hi' ? w * 3 : w] as const));
  }

  // ---------- problems ----------

  private problemPlan(
    story: ProblemStory,
    topic: Topic,
    createdAt: number,
    owner: DemoStaff,
    priority: TicketPriority,
    stillOpen = false,
  ): ProblemRef {
    const { rng, now } = this;
    const team = this.world.teams[topic.team];
    const solvedAt = stillOpen
      ? now + 3 * DAY
      : priority === 'urgent'
        ? nextWorkingTime(createdAt + rng.logNormal(10, 0.5, 3, 40) * HOUR)
        : daysLater(rng, createdAt, rng.logNormal(2.5, 0.4, 1, 6));
    const requester = this.customer();
    const fields: Record<string, FieldValue> = {};
    if (topic.components) fields.components = [topic.components[0]!];
    const history: Omit<TicketHistory, 'steps'> = {
      subject: story.subject,
      channel: 'web',
      priority,
      type: 'problem',
      status: 'open',
      requesterId: requester.id,
      organisationId: requester.organisationId,
      teamId: team.id,
      assigneeId: owner.id,
      tags: [topic.tags[0]!, priority === 'urgent' ? 'outage' : 'bug'],
      fields,
      returnDetails: null,
      createdAt,
      createdBy: staffAuthor(owner),
      followerIds: [team.lead.id, ...team.agents.slice(0, 2).map((a) => a.id)].filter((id) => id !== owner.id),
    };
    const th = new Thread(history, now, null);
    const by = staffAuthor(owner);
    th.say(createdAt + rng.int(1, 5) * MIN, by, 'note', textToHtml(story.opened));
    th.say(createdAt + (solvedAt - createdAt) * 0.4, by, 'note', textToHtml(story.cause));
    if (th.say(solvedAt, by, 'note', textToHtml(story.fixed)) !== null) th.setStatus(solvedAt, by, 'solved');
    th.finish(rng, this.closeAfter, null);
    const plan: Plan = { history, steps: th.steps, isProblem: true };
    return { plan, createdAt, solvedAt, solver: owner };
  }

  // ---------- one customer ticket ----------

  private vars(sk: Skeleton, product: Product | null): Record<Lang, Record<string, string>> {
    const { rng } = this;
    const date = (t: number, months: readonly string[]) => {
      const d = new Date(t + IST);
      return `${d.getUTCDate()} ${months[d.getUTCMonth()]}`;
    };
    const ordered = sk.createdAt - rng.int(2, 10) * DAY;
    const eta = sk.createdAt + rng.int(1, 4) * DAY;
    const price = product ? rng.int(product.price[0], product.price[1]) : rng.int(300, 2000);
    const amount = Math.max(99, Math.floor(price / 100) * 100 + 99);
    const version = rng.pick(appVersions);
    const shared: Record<string, string> = {
      order: `DC${rng.int(1_000_000, 9_999_999)}`,
      amount: `₹${rupees.format(amount)}`,
      amountMinor: String(amount * 100),
      days: String(rng.int(3, 12)),
      courier: rng.pick(couriers),
      awb: String(rng.int(100_000_000, 999_999_999)) + String(rng.int(100, 999)),
      city: rng.pick(cities),
      device: rng.pick(devices),
      version,
      nextVersion: version.replace(/\d+$/, (n) => String(Number(n) + 1)),
      utr: String(rng.int(100_000, 999_999)) + String(rng.int(100_000, 999_999)),
      phone: `+91 9${rng.int(100_000_000, 999_999_999)}`,
      invoice: `INV-${rng.int(100_000, 999_999)}`,
      time: `${rng.int(9, 21)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
      refundDays: rng.pick(['3', '5', '7']),
      crash: String(rng.int(1000, 9999)),
      name: firstName(sk.customer.name),
    };
    return {
      en: { ...shared, product: product?.en ?? 'order', date: date(ordered, monthsEn), eta: date(eta, monthsEn) },
      hi: {
        ...shared,
        ...genderForms[product?.gender ?? 'm'],
        product: product?.hi ?? 'सामान',
        date: date(ordered, monthsHi),
        eta: date(eta, monthsHi),
      },
    };
  }

  private ticket(sk: Skeleton): Plan {
    const { rng, now, world } = this;
    const { topic, channel } = sk;
    const lang = sk.customer.locale;
    const team = world.teams[topic.team];
    const agent = this.pickAgent(team, lang);
    const product = topic.products.length ? products.find((p) => p.value === rng.pick(topic.products))! : null;
    const vars = this.vars(sk, product);
    const text = (texts: Texts, l: Lang = lang) => fill(rng.pick(texts[l]), vars[l]);
    const textAt = (texts: Texts, i: number) => fill(texts[lang][i % texts[lang].length]!, vars[lang]);
    const story = rng.int(0, topic.opening[lang].length - 1);
    const subject = textAt(topic.subject, story);
    vars.en.subject = subject;
    vars.hi.subject = subject;
    const chatty = channel === 'chat' || channel === 'social';
    const customer: Author = { userId: null, customerId: sk.customer.id };
    const agentBy = staffAuthor(agent);
    const customerHtml = (body: string) =>
      chatty || rng.chance(0.4)
        ? `<p>${escapeHtml(body)}</p>`
        : `<p>${escapeHtml(body)}</p><p>${rng.pick(common.customerSign[lang])}<br>${escapeHtml(sk.customer.name)}</p>`;
    const replyHtml = (body: string, who: DemoStaff = agent, prefix?: string) => {
      const lead = prefix ? `${escapeHtml(prefix)} ` : '';
      if (chatty) return `<p>${lead}${escapeHtml(body)}</p>`;
      const greeting = fill(rng.pick(common.greeting[lang]), vars[lang]);
      return `<p>${escapeHtml(greeting)}</p><p>${lead}${escapeHtml(body)}</p><p>${rng.pick(common.signOff[lang])}<br>${escapeHtml(firstName(who.name))}<br>${common.team[lang][0]}</p>`;
    };
    const noteHtml = (texts: Texts, who: DemoStaff) => `<p>${escapeHtml(text(texts, who.locale))}</p>`;

    // Custom fields: web forms ask for them; on other channels an agent fills them in on triage.
    const form = channel === 'web' || channel === 'portal';
    const fieldValues: [string, FieldValue][] = [];
    if (product && rng.chance(0.7)) fieldValues.push(['product', product.value]);
    if (topic.hasOrder && rng.chance(0.75)) fieldValues.push(['order_id', vars.en.order!]);
    if (topic.warranty && rng.chance(0.6)) fieldValues.push(['warranty', rng.chance(0.7)]);
    if (topic.components && rng.chance(0.6)) {
      const picked = new Set([topic.components[0]!]);
      if (rng.chance(0.35)) picked.add(rng.pick(topic.components));
      fieldValues.push(['components', [...picked].sort()]);
    }
    const fields: Record<string, FieldValue> = {};
    const lateFields: [string, FieldValue][] = [];
    for (const [key, value] of fieldValues) {
      if (form) fields[key] = value;
      else lateFields.push([key, value]);
    }

    const tags: string[] = [];
    if (rng.chance(0.85)) tags.push(topic.tags[0]!);
    if (lang === 'hi' && topic.hiTag && rng.chance(0.7)) tags.push(topic.hiTag);

    const returnDetails: ReturnDto | null =
      sk.type === 'return'
        ? {
            orderRef: vars.en.order!,
            reason: returnReason(rng, topic, lang),
            amountMinor: Number(vars.en.amountMinor),
            currency: 'INR',
            refundState: 'requested',
          }
        : null;

    const phone = channel === 'phone';
    const moved = topic.team === 'tech' && !phone && !sk.problem && rng.chance(0.06);
    const homeTeam = moved ? world.teams.care : team;
    // When an agent first works on it (on the phone: right after the call).
    let t = sk.untouched
      ? Number.POSITIVE_INFINITY
      : phone
        ? sk.createdAt + rng.int(5, 40) * MIN
        : agentTime(rng, sk.createdAt, sk, channel);
    // A linked incident only makes sense while its problem is open.
    const problem = sk.problem && t < sk.problem.solvedAt ? sk.problem : null;
    // Auto-assignment hands out some tickets on arrival; the untouched newest ones wait in the queue.
    const autoAssigned = !phone && !moved && !sk.untouched && rng.chance(t > now ? 0.15 : 0.45);

    const followers: number[] = [];
    if (rng.chance(0.07)) {
      followers.push(team.lead.id);
      if (rng.chance(0.4)) followers.push(rng.pick(team.agents).id);
    }
    const history: Omit<TicketHistory, 'steps'> = {
      subject,
      channel,
      priority: sk.priority,
      type: sk.type,
      status: phone ? 'open' : 'new',
      requesterId: sk.customer.id,
      organisationId: sk.customer.organisationId,
      teamId: homeTeam.id,
      assigneeId: phone ? agent.id : null,
      tags,
      fields,
      returnDetails,
      createdAt: sk.createdAt,
      createdBy: phone ? agentBy : customer,
      followerIds: [...new Set(followers.filter((id) => id !== agent.id))],
    };
    const th = new Thread(history, now, problem);

    // The first contact.
    const opening = textAt(topic.opening, story);
    if (phone) {
      th.say(sk.createdAt + rng.int(1, 4) * MIN, agentBy, 'note', noteHtml(common.phoneNote, agent));
    } else {
      th.customerSays(sk.createdAt, customer, customerHtml(opening));
      if (autoAssigned) th.assign(sk.createdAt, customer, agent.id, team.mode);
    }

    // Triage: route, assign, tag, fill in fields.
    if (moved) {
      const mover = rng.pick([world.teams.care.lead, ...world.teams.care.agents]);
      th.moveTeam(t, staffAuthor(mover), team.id);
      th.say(t, staffAuthor(mover), 'note', noteHtml(common.moveTeam, mover));
      t = agentTime(rng, t, sk, channel);
    }
    if (th.assigneeId === null) {
      if (rng.chance(0.25)) th.assign(t, staffAuthor(team.lead), agent.id);
      else th.assign(t, agentBy, agent.id);
    }
    if (rng.chance(tags.length ? 0.3 : 0.8)) {
      th.addTags(t, agentBy, [rng.pick(topic.agentTags), ...(tags.length ? [] : [topic.tags[0]!])]);
    }
    for (const [key, value] of lateFields) if (rng.chance(0.5)) th.setField(t, agentBy, key, value);
    if (rng.chance(0.05)) th.setPriority(t, agentBy, sk.priority === 'high' ? 'urgent' : 'high');
    if (problem) th.link(t, agentBy, problem.plan);
    const rejected = sk.type === 'return' && rng.chance(0.12);
    if (sk.type === 'return' && !rejected && rng.chance(0.6)) {
      th.setRefund(t, agentBy, 'approved');
      if (rng.chance(0.2)) th.say(t, agentBy, 'note', noteHtml(common.returnApprovedNote, agent));
    }

    const prefix = phone ? text(common.phonePrefix) : undefined;
    const reply = (at: number, texts: Texts, p?: string) =>
      th.say(at, agentBy, 'reply', replyHtml(text(texts), agent, p));
    let asked = rng.int(0, topic.ask[lang].length - 1);
    const fixAt = topic.fixFollowsOpening ? story : asked;
    const resolve = (at: number, p?: string) => {
      if (rejected) {
        th.setRefund(at, agentBy, 'rejected');
        reply(at, common.returnRejected, p);
      } else {
        if (sk.type === 'return') th.setRefund(at, agentBy, 'refunded');
        const body = sk.type === 'return' && rng.chance(0.5) ? text(common.returnRefunded) : textAt(topic.fix, fixAt);
        th.say(at, agentBy, 'reply', replyHtml(body, agent, p));
      }
      th.setStatus(at, agentBy, 'solved');
    };
    const ask = (at: number, p?: string) => th.say(at, agentBy, 'reply', replyHtml(textAt(topic.ask, asked), agent, p));
    const askAndAnswer = (at: number, p?: string): number => {
      ask(at, p);
      th.setStatus(at, agentBy, 'pending');
      const answered = rng.chance(0.15)
        ? daysLater(rng, at, rng.logNormal(1.5, 0.6, 0.5, 6))
        : customerTime(rng, at, channel);
      th.customerSays(answered, customer, customerHtml(textAt(topic.info, asked)));
      asked += 1;
      const next = agentTime(rng, answered, sk, channel);
      // Some answers need checking with a courier, the warehouse or engineering first.
      return rng.chance(0.4) ? nextWorkingTime(next + rng.logNormal(14, 0.8, 1, 96) * HOUR) : next;
    };

    const path = problem
      ? 'linked'
      : rng.weighted(
          chatty
            ? ([
                ['quick', 45],
                ['ask', 35],
                ['multi', 8],
                ['hold', 5],
                ['ghost', 7],
              ] as const)
            : ([
                ['quick', 28],
                ['ask', 34],
                ['multi', 12],
                ['hold', 16],
                ['ghost', 10],
              ] as const),
        );
    if (rng.chance(0.12)) {
      const who = rng.chance(0.7) ? agent : team.lead;
      th.say(t + rng.int(2, 30) * MIN, staffAuthor(who), 'note', noteHtml(common.notes, who));
    }
    switch (path) {
      case 'quick':
        resolve(t, prefix);
        break;
      case 'ask':
        resolve(askAndAnswer(t, prefix));
        break;
      case 'multi': {
        reply(t, common.ack, prefix);
        th.setStatus(t, agentBy, 'open');
        const chased = customerTime(rng, t, channel) + 4 * HOUR;
        th.customerSays(chased, customer, customerHtml(text(common.chase)));
        resolve(askAndAnswer(agentTime(rng, chased, sk, channel)));
        break;
      }
      case 'hold':
        reply(t, topic.holdReply, prefix);
        th.say(t, agentBy, 'note', noteHtml(topic.holdNote, agent));
        th.setStatus(t, agentBy, 'on_hold');
        resolve(daysLater(rng, t, rng.logNormal(3, 0.6, 0.5, 12)));
        break;
      case 'ghost': {
        ask(t, prefix);
        th.setStatus(t, agentBy, 'pending');
        const reminded = daysLater(rng, t, 3);
        reply(reminded, common.reminder);
        const closedOff = daysLater(rng, reminded, 4);
        reply(closedOff, common.noResponse);
        th.setStatus(closedOff, agentBy, 'solved');
        break;
      }
      case 'linked':
        reply(t, common.aware, prefix);
        th.setStatus(t, agentBy, 'on_hold');
        // The problem's fix normally arrives first and solves this ticket.
        resolve(daysLater(rng, t, 10));
        break;
    }

    // Some customers write again after the solve: thanks (reopens, solved again) or "still broken".
    if (th.live && th.status === 'solved' && th.solvedAt !== null && rng.chance(0.09)) {
      const back = th.solvedAt + rng.logNormal(5 * 60, 1, 10, 2.5 * 24 * 60) * MIN;
      const thanks = rng.chance(0.5);
      th.customerSays(back, customer, customerHtml(text(thanks ? common.thanks : common.reopen)));
      const again = agentTime(rng, back, sk, channel);
      if (thanks) {
        if (rng.chance(0.5)) reply(again, common.glad);
      } else {
        reply(again, common.reopenFix);
      }
      th.setStatus(again, agentBy, 'solved');
    }

    const manualClose = th.live && rng.chance(sk.type === 'return' ? 0.3 : 0.05) ? agent : null;
    th.finish(rng, this.closeAfter, manualClose);
    return { history, steps: th.steps, isProblem: false };
  }
}

function returnReason(rng: Rng, topic: Topic, lang: Lang): string {
  const reasons: Record<string, Texts> = {
    damaged_item: { en: ['Arrived damaged'], hi: ['सामान ख़राब हालत में पहुँचा'] },
    wrong_item: { en: ['Wrong item delivered', 'Wrong size'], hi: ['ग़लत सामान आया', 'ग़लत साइज़'] },
    return_request: {
      en: ['Size too small', 'Quality not as described', 'Changed my mind'],
      hi: ['साइज़ छोटा है', 'क्वालिटी तस्वीरों जैसी नहीं', 'मन बदल गया'],
    },
  };
  return rng.pick((reasons[topic.key] ?? reasons.return_request!)[lang]);
}

/** Writes the demo tickets in batches of 250 per transaction; returns how many it wrote. */
export async function seedTickets(deps: Deps, world: DemoWorld): Promise<number> {
  const now = deps.clock.now();
  const { ticketAutoCloseDays } = await readSettingsFor(deps.db.kysely);
  const plans = new Generator(world, now, ticketAutoCloseDays * DAY).plans();
  plans.sort((a, b) => a.history.createdAt - b.history.createdAt);
  const problems = new Map<Plan, { id: number; number: number }>();
  const resolve = (s: PlanStep): HistoryStep => {
    if ('link' in s) {
      const p = problems.get(s.link)!;
      return { at: s.at, by: s.by, change: { type: 'problem_linked', data: { from: null, to: p.id } } };
    }
    if ('solvedWith' in s) {
      const p = problems.get(s.solvedWith)!;
      return {
        at: s.at,
        by: s.by,
        message: { kind: 'system', ...systemNoteMessage({ key: 'solvedWithProblem', params: { number: p.number } }) },
      };
    }
    return s;
  };
  for (let i = 0; i < plans.length; i += BATCH) {
    await transaction(deps.db, async (trx) => {
      for (const plan of plans.slice(i, i + BATCH)) {
        const number = await importHistory(
          trx,
          deps.db.dialect,
          { ...plan.history, steps: plan.steps.map(resolve) },
          world.fieldIds,
        );
        if (plan.isProblem) problems.set(plan, { id: await repo.ticketIdByNumber(trx, number), number });
      }
    });
  }
  return plans.length;
}
