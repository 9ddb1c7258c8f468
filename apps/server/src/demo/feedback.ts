// Demo survey answers: every solved demo ticket whose requester has an address got its CSAT survey an
// hour after the solve; about a quarter answered, more satisfied the faster the ticket was solved,
// and about half of those wrote a comment in their own language. Each survey and answer is also on
// its ticket's log, as a live one would be. And one NPS round, 20 days ago.
import type { Deps } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { SurveyKind, TicketChannel, TicketPriority } from '../platform/db/types.js';
import type { TicketEvent } from '../tickets/events.js';
import { TicketWrite } from '../tickets/write.js';
import { Rng } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 400;

/** Weights of the scores 1–5 by how long the ticket took to solve. */
const WEIGHTS: Array<{ upToHours: number; weights: number[] }> = [
  { upToHours: 4, weights: [2, 3, 5, 30, 60] },
  { upToHours: 24, weights: [4, 6, 15, 40, 35] },
  { upToHours: 72, weights: [12, 15, 25, 28, 20] },
  { upToHours: Number.POSITIVE_INFINITY, weights: [28, 25, 20, 17, 10] },
];

type Band = 'low' | 'mid' | 'high';
const COMMENTS: Record<'en' | 'hi', Record<Band, string[]>> = {
  en: {
    low: [
      'The refund took far too long and nobody told me why.',
      'Slow response, I waited three days for a reply.',
      'Delivery was late again and the agent could not help.',
      'I had to explain my problem three times to different people.',
      'Refund still not received after two weeks.',
      'The replacement product arrived damaged again.',
    ],
    mid: [
      'Solved in the end, but the wait for a reply was long.',
      'The agent was polite but the refund was slow.',
      'Okay support, delivery update came late.',
      'Fine, though I had to follow up twice.',
    ],
    high: [
      'Quick and friendly help, thank you!',
      'The agent was very helpful and solved it fast.',
      'Great support, the replacement arrived quickly.',
      'Fast refund and clear updates, very happy.',
      'Helpful agent, explained everything clearly.',
    ],
  },
  hi: {
    low: [
      'रिफ़ंड में बहुत देरी हुई और कोई कारण नहीं बताया।',
      'कई दिनों तक कोई जवाब नहीं आया।',
      'डिलीवरी फिर से देर से आई और एजेंट मदद नहीं कर सके।',
      'मुझे अपनी समस्या तीन बार समझानी पड़ी।',
    ],
    mid: ['समस्या हल हो गई, पर जवाब में बहुत समय लगा।', 'एजेंट विनम्र थे पर रिफ़ंड धीमा था।'],
    high: ['बहुत जल्दी और अच्छी मदद मिली, धन्यवाद!', 'एजेंट ने बहुत अच्छे से समस्या हल की।', 'रिफ़ंड जल्दी मिल गया, बहुत खुश हूँ।'],
  },
};
/** Themes a lead has already given some of the low comments. */
const THEMES: Array<[RegExp, string]> = [
  [/refund|रिफ़ंड/i, 'refund delay'],
  [/deliver|डिलीवरी/i, 'late delivery'],
  [/reply|response|जवाब/i, 'slow response'],
];

const NPS_COMMENTS: Record<'en' | 'hi', Record<'detractor' | 'passive' | 'promoter', string[]>> = {
  en: {
    detractor: ['Refunds take far too long.', 'Too many delivery delays lately.', 'Hard to reach a person quickly.'],
    passive: ['Good products, support could be faster.', 'Mostly fine, the app could be better.'],
    promoter: ['Support always sorts things out quickly.', 'Friendly agents and fast replacements.'],
  },
  hi: {
    detractor: ['रिफ़ंड में बहुत समय लगता है।', 'डिलीवरी में बार-बार देरी होती है।'],
    passive: ['उत्पाद अच्छे हैं, सहायता और तेज़ हो सकती है।'],
    promoter: ['सहायता टीम हमेशा जल्दी मदद करती है।', 'एजेंट बहुत विनम्र और मददगार हैं।'],
  },
};

/** Solved tickets with their requester, for the demo surveys to pick from. */
const solvedTickets = (db: Executor) =>
  db
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .select([
      'tickets.id',
      'tickets.version',
      'tickets.created_at',
      'tickets.solved_at',
      'tickets.reopen_count',
      'tickets.assignee_id',
      'tickets.team_id',
      'tickets.channel',
      'tickets.priority',
      'customers.id as customer_id',
      'customers.email',
      'customers.locale',
    ])
    .where('tickets.status', 'in', ['solved', 'closed'])
    .where('tickets.merged_into_id', 'is', null)
    .where('customers.email', 'is not', null);

/** A solved ticket as the demo surveys see it. */
interface Solved {
  id: number;
  version: number;
  reopen_count: number;
  assignee_id: number | null;
  team_id: number | null;
  channel: TicketChannel;
  priority: TicketPriority;
  customer_id: number;
  email: string | null;
  locale: 'en' | 'hi';
}

/** One survey about a ticket with its answer (or none), and the events it puts on the ticket's log. */
async function insertSurvey(
  trx: Executor,
  t: Solved,
  s: {
    kind: SurveyKind;
    sentAt: number;
    expiresAt: number;
    score: number | null;
    comment: string | null;
    answeredAt: number | null;
  },
): Promise<{ id: number; events: TicketEvent[] }> {
  const { id } = await trx
    .insertInto('surveys')
    .values({
      kind: s.kind,
      ticket_id: t.id,
      cycle: t.reopen_count,
      customer_id: t.customer_id,
      email: t.email!,
      locale: t.locale,
      agent_id: t.assignee_id,
      team_id: t.team_id,
      channel: t.channel,
      priority: t.priority,
      sent_at: s.sentAt,
      expires_at: s.expiresAt,
      score: s.score,
      comment: s.comment,
      answered_at: s.answeredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events: TicketEvent[] = [
    {
      type: 'survey_sent',
      data: { surveyId: id, kind: s.kind, cycle: t.reopen_count, to: t.email! },
      version: t.version,
      at: s.sentAt,
      actorUserId: null,
      actorCustomerId: null,
    },
  ];
  if (s.score !== null && s.answeredAt !== null) {
    events.push({
      type: 'survey_answered',
      data: { surveyId: id, kind: s.kind, score: s.score, comment: s.comment, previousScore: null },
      version: t.version,
      at: s.answeredAt,
      actorUserId: null,
      actorCustomerId: t.customer_id,
    });
  }
  return { id, events };
}

/**
 * One NPS round 20 days ago (NPS itself stays off in the demo's settings): each customer with a
 * ticket solved in the 30 days before was asked about their latest one; about a third answered.
 */
async function seedDemoNps(deps: Deps, rng: Rng): Promise<number> {
  const db = deps.db.kysely;
  const sentAt = deps.clock.now() - 20 * DAY;
  const tickets = await solvedTickets(db)
    .where('tickets.solved_at', '>', sentAt - 30 * DAY)
    .where('tickets.solved_at', '<=', sentAt)
    .orderBy('tickets.solved_at')
    .execute();
  // The latest solve of each customer.
  const latest = new Map(tickets.map((t) => [t.customer_id, t]));
  const events = new Map<number, TicketEvent[]>();
  await transaction(deps.db, async (trx) => {
    for (const t of latest.values()) {
      const answered = rng.chance(0.33);
      const score = answered
        ? rng.weighted([
            [10, 25],
            [9, 20],
            [8, 18],
            [7, 12],
            [6, 8],
            [5, 6],
            [4, 4],
            [3, 3],
            [2, 2],
            [1, 1],
            [0, 1],
          ] as const)
        : null;
      const band = score === null ? null : score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
      const comment = band && rng.chance(0.5) ? rng.pick(NPS_COMMENTS[t.locale][band]) : null;
      const answeredAt = answered ? sentAt + rng.int(10, 72 * 60) * 60_000 : null;
      const { events: log } = await insertSurvey(trx, t, {
        kind: 'nps',
        sentAt,
        expiresAt: sentAt + 30 * DAY,
        score,
        comment,
        answeredAt,
      });
      events.set(t.id, log);
    }
    await TicketWrite.appendSystemEvents(trx, events);
  });
  return latest.size;
}

export async function seedDemoSurveys(deps: Deps): Promise<number> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const rng = new Rng(8);
  const solved = await solvedTickets(db).where('tickets.solved_at', 'is not', null).orderBy('tickets.id').execute();
  let count = 0;
  for (let i = 0; i < solved.length; i += BATCH) {
    await transaction(deps.db, async (trx) => {
      const events = new Map<number, TicketEvent[]>();
      for (const t of solved.slice(i, i + BATCH)) {
        const sentAt = t.solved_at! + HOUR;
        if (sentAt > now) continue;
        const answered = rng.chance(0.25);
        const answeredAt = answered ? Math.min(now, sentAt + rng.int(5, 48 * 60) * 60_000) : null;
        const hours = (t.solved_at! - t.created_at) / HOUR;
        const weights = WEIGHTS.find((w) => hours <= w.upToHours)!.weights;
        const score = answered ? rng.weighted(weights.map((w, k) => [k + 1, w] as const)) : null;
        const band: Band = score === null ? 'mid' : score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
        const comment = answered && rng.chance(0.55) ? rng.pick(COMMENTS[t.locale][band]) : null;
        const { id, events: log } = await insertSurvey(trx, t, {
          kind: 'csat',
          sentAt,
          expiresAt: sentAt + 14 * DAY,
          score,
          comment,
          answeredAt,
        });
        count++;
        events.set(t.id, log);
        const theme =
          comment && band === 'low' && rng.chance(0.5) ? THEMES.find(([re]) => re.test(comment)) : undefined;
        if (theme) await trx.insertInto('survey_tags').values({ survey_id: id, tag: theme[1] }).execute();
      }
      await TicketWrite.appendSystemEvents(trx, events);
    });
  }
  return count + (await seedDemoNps(deps, rng));
}
