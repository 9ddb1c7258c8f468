// CSAT and NPS through the analytics API: tickets created and solved over HTTP, survey events appended
// by the write path the survey code uses (TicketWrite.appendSystemEvents), and the figures checked
// against ones worked out by hand — per agent, per day, and the tickets behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday, periodOf } from '../src/analytics/time.js';
import type { TicketEvent } from '../src/tickets/events.js';
import { TicketWrite } from '../src/tickets/write.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const TZ = 'Asia/Kolkata';
const MIN = 60_000;
const HOUR = 60 * MIN;

let t: TestApp;
let admin: Session;
let manager: Session;
let asha: Session;
let bilal: Session;
let today: string;
const advance = (ms: number) => (t.clock as unknown as { advance(ms: number): void }).advance(ms);

interface Ticket {
  number: number;
  version: number;
  reopenCount: number;
  requester: { id: number; email: string };
}

async function call(s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });
}

let seq = 0;
async function newTicket(assignee: Session): Promise<Ticket> {
  seq += 1;
  const r = await call(admin, 'POST', '/api/v1/tickets', {
    subject: `Parcel ${seq} never came`,
    requester: { email: `csat${seq}@example.test`, name: 'Kiran' },
    message: { html: '<p>Where is my parcel?</p>' },
    assigneeId: assignee.userId,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().ticket;
}

async function setStatus(s: Session, tk: Ticket, status: 'solved' | 'open'): Promise<Ticket> {
  advance(10 * MIN);
  const cur = (await call(s, 'GET', `/api/v1/tickets/${tk.number}`)).json().ticket as Ticket;
  const r = await call(s, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: cur.version, status });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().ticket;
}

/** What feedback/surveys.ts appends: at the ticket's current version, by no user. */
async function appendSurveyEvent(tk: Ticket, e: Pick<TicketEvent, 'type' | 'data'>, byCustomer: boolean) {
  advance(5 * MIN);
  const cur = (await call(admin, 'GET', `/api/v1/tickets/${tk.number}`)).json().ticket as Ticket;
  const event = {
    ...e,
    version: cur.version,
    at: t.clock.now(),
    actorUserId: null,
    actorCustomerId: byCustomer ? cur.requester.id : null,
  } as TicketEvent;
  // The API addresses tickets by number; the log by id.
  const { id } = await t.deps.db.kysely
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', tk.number)
    .executeTakeFirstOrThrow();
  await TicketWrite.appendSystemEvents(t.deps.db.kysely, new Map([[id, [event]]]));
}

let surveyIds = 0;
async function sendSurvey(tk: Ticket): Promise<number> {
  const cur = (await call(admin, 'GET', `/api/v1/tickets/${tk.number}`)).json().ticket as Ticket;
  surveyIds += 1;
  const data = { surveyId: surveyIds, kind: 'csat' as const, cycle: cur.reopenCount, to: cur.requester.email };
  await appendSurveyEvent(tk, { type: 'survey_sent', data }, false);
  return surveyIds;
}

async function answer(tk: Ticket, surveyId: number, score: number, previousScore: number | null = null) {
  const data = { surveyId, kind: 'csat' as const, score, comment: null, previousScore };
  await appendSurveyEvent(tk, { type: 'survey_answered', data }, true);
}

/** What an NPS round appends on the customer's latest solved ticket, and the customer's answers. */
async function sendNps(tk: Ticket, ...scores: number[]) {
  const cur = (await call(admin, 'GET', `/api/v1/tickets/${tk.number}`)).json().ticket as Ticket;
  surveyIds += 1;
  const surveyId = surveyIds;
  const sent = { surveyId, kind: 'nps' as const, cycle: cur.reopenCount, to: cur.requester.email };
  await appendSurveyEvent(tk, { type: 'survey_sent', data: sent }, false);
  let previousScore: number | null = null;
  for (const score of scores) {
    const data = { surveyId, kind: 'nps' as const, score, comment: null, previousScore };
    await appendSurveyEvent(tk, { type: 'survey_answered', data }, true);
    previousScore = score;
  }
}

const numbers: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  // 09:00 local time today, so everything below happens on one local day.
  const now = t.clock.now();
  today = localToday(TZ, now);
  advance(periodOf(TZ, today, today).start + 9 * HOUR - now);
  const session = async (role: 'admin' | 'manager' | 'agent', name: string) =>
    signIn(t, (await createUser(t.deps, { role, name })).email);
  admin = await session('admin', 'Admin');
  manager = await session('manager', 'Meera');
  asha = await session('agent', 'Asha');
  bilal = await session('agent', 'Bilal');

  // Asha: answered 5; answered 2 then changed to 4; and one still open (no solve, no survey).
  const delighted = await setStatus(asha, await newTicket(asha), 'solved');
  await answer(delighted, await sendSurvey(delighted), 5);
  // NPS: a promoter (10).
  await sendNps(delighted, 10);
  const changedMind = await setStatus(asha, await newTicket(asha), 'solved');
  const s2 = await sendSurvey(changedMind);
  await answer(changedMind, s2, 2);
  await answer(changedMind, s2, 4, 2);
  // NPS: 6, changed to 7: a passive.
  await sendNps(changedMind, 6, 7);
  await newTicket(asha);

  // Bilal: a survey never answered.
  const silent = await setStatus(bilal, await newTicket(bilal), 'solved');
  await sendSurvey(silent);
  // NPS: a detractor (3).
  await sendNps(silent, 3);
  // Answered 1, reopened, solved again, the new survey answered 3 (the 1 no longer counts).
  let again = await setStatus(bilal, await newTicket(bilal), 'solved');
  await answer(again, await sendSurvey(again), 1);
  // NPS: a promoter (9); the reopen below does not clear it, unlike the CSAT answer.
  await sendNps(again, 9);
  again = await setStatus(bilal, again, 'open');
  again = await setStatus(bilal, again, 'solved');
  await answer(again, await sendSurvey(again), 3);
  // Answered 5, reopened and solved again, not asked yet: in no CSAT figure.
  let unasked = await setStatus(bilal, await newTicket(bilal), 'solved');
  await answer(unasked, await sendSurvey(unasked), 5);
  unasked = await setStatus(bilal, unasked, 'open');
  unasked = await setStatus(bilal, unasked, 'solved');
  // NPS: sent, never answered.
  await sendNps(unasked);
  Object.assign(numbers, { delighted: delighted.number, changedMind: changedMind.number, again: again.number });
  advance(HOUR);
}, 60_000);
afterAll(() => t.close());

const period = () => `from=${today}&to=${today}&tz=${TZ}`;
const METRICS = 'metrics=csat,survey_response_rate,csat_responses,csat_average,tickets_solved';

describe('CSAT in the analytics API', () => {
  it('asks for a session, and keeps an agent to their own figures', async () => {
    expect((await call(null, 'GET', `/api/v1/analytics/query?${METRICS}&${period()}`)).statusCode).toBe(401);
    const other = await call(asha, 'GET', `/api/v1/analytics/query?${METRICS}&${period()}&agent=${bilal.userId}`);
    expect(other.statusCode).toBe(403);
    const own = await call(asha, 'GET', `/api/v1/analytics/query?${METRICS}&${period()}&agent=me`);
    expect(own.json().totals).toEqual({
      csat: 100,
      survey_response_rate: 100,
      csat_responses: 2,
      csat_average: 4.5,
      tickets_solved: 2,
    });
  });

  it('answers CSAT, response rate and answers per agent, worked out by hand', async () => {
    const r = await call(manager, 'GET', `/api/v1/analytics/query?${METRICS}&dimensions=agent&${period()}`);
    expect(r.statusCode, r.body).toBe(200);
    // Latest answers 5, 4 (Asha) and 3 (Bilal): 2 of 3 satisfied. Surveys out for the latest solve:
    // Asha's two, Bilal's unanswered one and his re-solved one (not the one reopened since): 3 of 4 answered.
    expect(r.json().totals).toEqual({
      csat: 66.7,
      survey_response_rate: 75,
      csat_responses: 3,
      csat_average: 4,
      tickets_solved: 5,
    });
    expect(r.json().rows).toEqual([
      {
        agent: asha.userId,
        csat: 100,
        survey_response_rate: 100,
        csat_responses: 2,
        csat_average: 4.5,
        tickets_solved: 2,
      },
      { agent: bilal.userId, csat: 0, survey_response_rate: 50, csat_responses: 1, csat_average: 3, tickets_solved: 3 },
    ]);
    expect(r.json().labels.agent[String(bilal.userId)]).toBe('Bilal');
  });

  it('buckets by the day of the last solve, and by channel', async () => {
    const byDay = await call(
      manager,
      'GET',
      `/api/v1/analytics/query?metrics=csat,csat_responses&dimensions=day&${period()}`,
    );
    expect(byDay.json().rows).toEqual([{ day: today, csat: 66.7, csat_responses: 3 }]);
    const byChannel = await call(
      manager,
      'GET',
      `/api/v1/analytics/query?metrics=csat,survey_response_rate&dimensions=channel&${period()}`,
    );
    expect(byChannel.statusCode, byChannel.body).toBe(200);
    expect(byChannel.json().totals).toEqual({ csat: 66.7, survey_response_rate: 75 });
  });

  it('drills down to the answered tickets behind CSAT', async () => {
    const r = await call(manager, 'GET', `/api/v1/analytics/tickets?metric=csat&${period()}`);
    expect(r.statusCode, r.body).toBe(200);
    // Newest solve first: the re-solved one, then Asha's two.
    expect(r.json().items.map((x: { number: number }) => x.number)).toEqual([
      numbers.again,
      numbers.changedMind,
      numbers.delighted,
    ]);
  });
});

describe('NPS in the analytics API', () => {
  it('answers NPS, its answers and response rate per agent, worked out by hand', async () => {
    const url = `/api/v1/analytics/query?metrics=nps,nps_responses,nps_response_rate&dimensions=agent&${period()}`;
    expect((await call(null, 'GET', url)).statusCode).toBe(401);
    const r = await call(manager, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    // Latest answers 10, 7 (Asha), 3 and 9 (Bilal; his 9 came before a reopen and still counts):
    // 2 promoters, 1 passive, 1 detractor of 4 → 50 % − 25 % = 25. Five surveys out, four answered.
    expect(r.json().totals).toEqual({ nps: 25, nps_responses: 4, nps_response_rate: 80 });
    expect(r.json().rows).toEqual([
      // 10 and 7: 50 % promoters, no detractors.
      { agent: asha.userId, nps: 50, nps_responses: 2, nps_response_rate: 100 },
      // 3 and 9: 50 % − 50 % = 0; two of his three surveys answered.
      { agent: bilal.userId, nps: 0, nps_responses: 2, nps_response_rate: 66.7 },
    ]);
    // CSAT is what it was: NPS answers are not CSAT answers.
    const csat = await call(manager, 'GET', `/api/v1/analytics/query?${METRICS}&${period()}`);
    expect(csat.json().totals).toMatchObject({ csat: 66.7, csat_responses: 3, survey_response_rate: 75 });
  });
});
