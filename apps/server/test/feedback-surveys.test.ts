// CSAT surveys end to end on the real database and outbox: a solved ticket's requester gets one
// survey per solve after the delay, in their language, with five signed one-click links and an
// opt-out; an answer (changed within the window) is recorded and is a ticket event; altered and
// expired links, ratings off the scale, opted-out and bounced customers, reopened tickets and
// settings that leave a team or channel out are all refused or skipped, and nothing is recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendDueNpsSurveys } from '../src/feedback/nps.js';
import { defaultSurveySettings } from '../src/feedback/settings.js';
import { sendDueCsatSurveys } from '../src/feedback/surveys.js';
import { createTestApp, createUser, readOutbox, type Session, signedInAs, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let agent: Session;
let manager: Session;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function as(s: Session | null, method: string, url: string, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: s ? s.headers : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}

async function solvedTicket(extra: Record<string, unknown> = {}, email = `cust${unique()}@example.test`) {
  const created = await as(agent, 'POST', '/api/v1/tickets', {
    subject: `Order ${unique()} arrived broken`,
    requester: { email, name: 'Kiran Rao' },
    message: { html: '<p>The bat is cracked.</p>' },
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const tk = created.body.ticket;
  const solved = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: tk.version, status: 'solved' });
  expect(solved.status, JSON.stringify(solved.body)).toBe(200);
  return { number: tk.number as number, email, version: solved.body.ticket.version as number };
}

/** Lets the delay pass and runs the survey job's work; returns the survey mails it sent to `email`. */
async function runSurveys(email: string, advance = 61 * 60_000) {
  t.clock.advance(advance);
  await sendDueCsatSurveys(t.deps);
  await t.deps.jobs.drain();
  return (await readOutbox(t.dataDir)).filter((m) => m.to === email && m.autoSubmitted === 'auto-generated');
}

const tokenIn = (text: string) => /\/survey\/([0-9a-z]+\.[A-Za-z0-9_-]{32})\?score=1/.exec(text)?.[1];

async function eventsOf(number: number) {
  agent = await signIn(t, agentEmail);
  const res = await as(agent, 'GET', `/api/v1/tickets/${number}/events?limit=100`);
  return res.body.items as Array<{ type: string; data: Record<string, unknown>; actor: unknown }>;
}

let agentEmail: string;
let managerEmail: string;
beforeAll(async () => {
  t = await createTestApp();
  agentEmail = (await createUser(t.deps, { role: 'agent', name: 'Kavya Iyer' })).email;
  managerEmail = (await signedInAs(t, 'manager')).user.email;
});
afterAll(() => t.close());
beforeEach(async () => {
  // Tests move the clock by days: sessions are started afresh for each.
  agent = await signIn(t, agentEmail);
  manager = await signIn(t, managerEmail);
  const res = await as(manager, 'PUT', '/api/v1/survey-settings', defaultSurveySettings);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});

describe('CSAT survey after a solve', () => {
  it('goes out once, after the delay, with five signed rating links and an opt-out', async () => {
    const tk = await solvedTicket();
    // Not before the delay (60 minutes by default).
    expect(await runSurveys(tk.email, 30 * 60_000)).toHaveLength(0);
    const mails = await runSurveys(tk.email, 31 * 60_000);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`How did we do? [#${tk.number}]`);
    expect(mail.text).toContain('Hello Kiran, your request');
    const token = tokenIn(mail.text);
    expect(token).toBeDefined();
    for (let s = 1; s <= 5; s++) expect(mail.text).toContain(`/survey/${token}?score=${s}`);
    expect(mail.text).toContain(`/survey/${token}/opt-out`);
    expect(mail.text).toContain('5 – Very satisfied');

    const events = await eventsOf(tk.number);
    const sent = events.filter((e) => e.type === 'survey_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ kind: 'csat', cycle: 0, to: tk.email });

    // Once per solve: later runs send nothing more.
    expect(await runSurveys(tk.email)).toHaveLength(1);
  });

  it('records a rating, replaces it within the window, and keeps each answer on the ticket', async () => {
    const tk = await solvedTicket();
    const token = tokenIn((await runSurveys(tk.email))[0]!.text)!;

    const page = await as(null, 'GET', `/api/v1/surveys/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.survey).toMatchObject({
      kind: 'csat',
      ticketNumber: tk.number,
      locale: 'en',
      question: 'How satisfied are you with the help you received?',
      score: null,
      open: true,
      optedOut: false,
    });

    const first = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 4 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.survey).toMatchObject({ score: 4, comment: null });
    const second = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, {
      score: 2,
      comment: 'डिलीवरी में बहुत देरी हुई',
    });
    expect(second.body.survey).toMatchObject({ score: 2, comment: 'डिलीवरी में बहुत देरी हुई' });
    // A rating without a comment keeps the comment given before.
    const third = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 3 });
    expect(third.body.survey).toMatchObject({ score: 3, comment: 'डिलीवरी में बहुत देरी हुई' });

    const answers = (await eventsOf(tk.number)).filter((e) => e.type === 'survey_answered').map((e) => e.data);
    expect(answers.map((a) => [a.score, a.previousScore])).toEqual([
      [4, null],
      [2, 4],
      [3, 2],
    ]);
    const row = await t.deps.db.kysely.selectFrom('surveys').selectAll().where('ticket_id', 'is not', null).execute();
    expect(row.filter((r) => r.email === tk.email).map((r) => r.score)).toEqual([3]);
  });

  it('shows the survey on the ticket: none before it goes out, then sent, then the rating and comment', async () => {
    const tk = await solvedTicket();
    const detail = async () => (await as(agent, 'GET', `/api/v1/tickets/${tk.number}`)).body.ticket;
    expect((await detail()).satisfaction).toBeNull();
    const token = tokenIn((await runSurveys(tk.email))[0]!.text)!;
    const sent = (await detail()).satisfaction;
    expect(sent).toMatchObject({ score: null, comment: null, answeredAt: null });
    expect(Date.parse(sent.expiresAt)).toBeGreaterThan(Date.parse(sent.sentAt));

    await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 2, comment: 'कूरियर दो बार नहीं आया' });
    const answered = (await detail()).satisfaction;
    expect(answered).toMatchObject({ score: 2, comment: 'कूरियर दो बार नहीं आया' });
    expect(answered.answeredAt).not.toBeNull();

    // Reopened and solved again: the ticket shows the new solve's survey once it goes out.
    const reopened = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: (await detail()).version,
      status: 'open',
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.ticket.satisfaction).toMatchObject({ score: 2 });
    await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: reopened.body.ticket.version,
      status: 'solved',
    });
    await runSurveys(tk.email);
    expect((await detail()).satisfaction).toMatchObject({ score: null, answeredAt: null });
  });

  it('refuses an altered link, a rating off the scale and an answer after the window, recording nothing', async () => {
    const tk = await solvedTicket();
    const token = tokenIn((await runSurveys(tk.email))[0]!.text)!;
    const [id, sig] = token.split('.') as [string, string];

    const altered = `${id}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const bad = await as(null, 'POST', `/api/v1/surveys/${altered}/answer`, { score: 5 });
    expect(bad.status).toBe(404);
    expect(bad.body.error.code).toBe('survey_link_invalid');
    // Another survey's id with this signature is just as invalid.
    const other = await as(null, 'GET', `/api/v1/surveys/${(Number.parseInt(id, 36) + 1).toString(36)}.${sig}`);
    expect(other.status).toBe(404);

    for (const score of [0, 6, 2.5]) {
      const res = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score });
      expect(res.status, `score ${score}`).toBe(400);
    }
    const long = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 5, comment: 'x'.repeat(2001) });
    expect(long.status).toBe(400);

    t.clock.advance(15 * DAY);
    const late = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 5 });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('survey_expired');
    expect((await as(null, 'GET', `/api/v1/surveys/${token}`)).status).toBe(410);
    expect((await eventsOf(tk.number)).filter((e) => e.type === 'survey_answered')).toHaveLength(0);
  });

  it('asks again after a reopen and a new solve, but not when reopened before the delay', async () => {
    const tk = await solvedTicket();
    expect(await runSurveys(tk.email)).toHaveLength(1);
    const reopened = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: tk.version, status: 'open' });
    expect(reopened.status).toBe(200);
    // Reopened: the next run finds it open and sends nothing.
    expect(await runSurveys(tk.email)).toHaveLength(1);
    const again = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: reopened.body.ticket.version,
      status: 'solved',
    });
    expect(again.status).toBe(200);
    const mails = await runSurveys(tk.email);
    expect(mails).toHaveLength(2);
    const cycles = (await eventsOf(tk.number)).filter((e) => e.type === 'survey_sent').map((e) => e.data.cycle);
    expect(cycles).toEqual([0, 1]);

    // Solved, then reopened within the delay: no survey for that solve.
    const quick = await solvedTicket();
    t.clock.advance(10 * 60_000);
    const open = await as(agent, 'PATCH', `/api/v1/tickets/${quick.number}`, {
      version: quick.version,
      status: 'open',
    });
    expect(open.status).toBe(200);
    expect(await runSurveys(quick.email)).toHaveLength(0);
  });

  it('speaks the customer’s language', async () => {
    const email = `hindi${unique()}@example.test`;
    const created = await as(agent, 'POST', '/api/v1/tickets', {
      subject: 'ऑर्डर नहीं पहुँचा',
      requester: { email, name: 'सुनीता शर्मा' },
      message: { html: '<p>कृपया मदद करें</p>' },
    });
    const customerId = created.body.ticket.requester.id as number;
    await t.deps.db.kysely.updateTable('customers').set({ locale: 'hi' }).where('id', '=', customerId).execute();
    const tk = created.body.ticket;
    await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: tk.version, status: 'solved' });
    const mail = (await runSurveys(email))[0]!;
    expect(mail.subject).toBe(`हमारी सेवा कैसी रही? [#${tk.number}]`);
    expect(mail.text).toContain('5 – बहुत संतुष्ट');
    const token = tokenIn(mail.text)!;
    const page = await as(null, 'GET', `/api/v1/surveys/${token}`);
    expect(page.body.survey.locale).toBe('hi');
    const bad = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 9 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('बहुत संतुष्ट');
  });
});

describe('who gets no survey', () => {
  it('a customer who opted out, by the link or the one-click header', async () => {
    const email = `optout${unique()}@example.test`;
    const tk = await solvedTicket({}, email);
    const token = tokenIn((await runSurveys(email))[0]!.text)!;
    const res = await as(null, 'POST', `/api/v1/surveys/${token}/opt-out`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ optedOut: true });
    expect((await as(null, 'GET', `/api/v1/surveys/${token}`)).body.survey.optedOut).toBe(true);
    await solvedTicket({}, email);
    expect(await runSurveys(email)).toHaveLength(1);
    expect(tk.number).toBeGreaterThan(0);
  });

  it('an address that bounced', async () => {
    const email = `bounced${unique()}@example.test`;
    await solvedTicket({}, email);
    await t.deps.db.kysely
      .updateTable('customers')
      .set({ email_bounced_at: t.clock.now() })
      .where('email', '=', email)
      .execute();
    expect(await runSurveys(email)).toHaveLength(0);
  });

  it('tickets of a team or channel the settings leave out, and none when switched off', async () => {
    const team = await as(manager, 'POST', '/api/v1/teams', { name: `Billing ${unique()}`, memberIds: [agent.userId] });
    const teamId = team.body.team.id as number;
    const scoped = structuredClone(defaultSurveySettings);
    scoped.csat.teamIds = [teamId];
    scoped.csat.channels = ['email', 'web'];
    expect((await as(manager, 'PUT', '/api/v1/survey-settings', scoped)).status).toBe(200);

    const inTeam = await solvedTicket({ teamId, channel: 'email' });
    const noTeam = await solvedTicket({ channel: 'email' });
    const phone = await solvedTicket({ teamId, channel: 'phone' });
    t.clock.advance(61 * 60_000);
    await sendDueCsatSurveys(t.deps);
    await t.deps.jobs.drain();
    const to = (await readOutbox(t.dataDir)).map((m) => m.to);
    expect(to).toContain(inTeam.email);
    expect(to).not.toContain(noTeam.email);
    expect(to).not.toContain(phone.email);

    const off = structuredClone(defaultSurveySettings);
    off.csat.enabled = false;
    expect((await as(manager, 'PUT', '/api/v1/survey-settings', off)).status).toBe(200);
    const quiet = await solvedTicket();
    expect(await runSurveys(quiet.email)).toHaveLength(0);
  });
});

describe('survey settings', () => {
  it('managers and admins change them; agents read them and are refused a change', async () => {
    expect((await as(agent, 'GET', '/api/v1/survey-settings')).status).toBe(200);
    const refused = await as(agent, 'PUT', '/api/v1/survey-settings', defaultSurveySettings);
    expect(refused.status).toBe(403);
    const changed = structuredClone(defaultSurveySettings);
    changed.csat.delayMinutes = 5;
    changed.csat.texts.hi.question = 'आप कितने संतुष्ट हैं?';
    const res = await as(manager, 'PUT', '/api/v1/survey-settings', changed);
    expect(res.status).toBe(200);
    expect((await as(agent, 'GET', '/api/v1/survey-settings')).body.settings.csat).toMatchObject({
      delayMinutes: 5,
      texts: { hi: { question: 'आप कितने संतुष्ट हैं?' } },
    });
  });

  it('names the problem in bad input', async () => {
    const unknown = structuredClone(defaultSurveySettings);
    unknown.csat.texts.en.intro = 'Hello {{customer.nickname}}';
    const res = await as(manager, 'PUT', '/api/v1/survey-settings', unknown);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('csat.texts.en.intro');

    const delay = structuredClone(defaultSurveySettings) as unknown as { csat: { delayMinutes: number } };
    delay.csat.delayMinutes = -1;
    expect((await as(manager, 'PUT', '/api/v1/survey-settings', delay)).status).toBe(400);

    const hook = structuredClone(defaultSurveySettings);
    hook.productFeedback.webhookUrl = 'http://127.0.0.1:9/hook';
    const private_ = await as(manager, 'PUT', '/api/v1/survey-settings', hook);
    expect(private_.status).toBe(400);
    expect(JSON.stringify(private_.body)).toContain('productFeedback.webhookUrl');
  });
});

describe('NPS', () => {
  const npsMails = async (email: string) =>
    (await readOutbox(t.dataDir)).filter((m) => m.to === email && m.subject === 'Would you recommend us?');

  it('asks customers with a ticket solved in the period, at most once per throttle, 0 to 10', async () => {
    const on = structuredClone(defaultSurveySettings);
    on.csat.enabled = false;
    on.nps = { ...on.nps, enabled: true, periodDays: 30, throttleDays: 90 };
    expect((await as(manager, 'PUT', '/api/v1/survey-settings', on)).status).toBe(200);

    // Two solves of one customer in the period: the round is attributed to the latter.
    const earlierOne = await solvedTicket();
    const solvedOne = await solvedTicket({}, earlierOne.email);
    const openEmail = `open${unique()}@example.test`;
    const open = await as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Still open',
      requester: { email: openEmail },
      message: { html: '<p>Hi</p>' },
    });
    expect(open.status).toBe(201);
    const optedOut = await solvedTicket();
    await t.deps.db.kysely
      .updateTable('customers')
      .set({ surveys_opted_out_at: t.clock.now() })
      .where('email', '=', optedOut.email)
      .execute();

    t.clock.advance(HOUR);
    expect(await sendDueNpsSurveys(t.deps)).toBeGreaterThanOrEqual(1);
    await t.deps.jobs.drain();
    const mails = await npsMails(solvedOne.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('0 = not at all likely, 10 = extremely likely');
    const token = /\/survey\/([0-9a-z]+\.[A-Za-z0-9_-]{32})\?score=0/.exec(mails[0]!.text)?.[1];
    expect(token).toBeDefined();
    expect(mails[0]!.text).toContain(`/survey/${token}?score=10`);
    expect(await npsMails(openEmail)).toHaveLength(0);
    expect(await npsMails(optedOut.email)).toHaveLength(0);

    // The survey_sent event is on the customer's latest solved ticket, not on the earlier one.
    const sentOn = (await eventsOf(solvedOne.number)).filter((e) => e.type === 'survey_sent');
    expect(sentOn).toHaveLength(1);
    expect(sentOn[0]!.data).toMatchObject({ kind: 'nps', cycle: 0, to: solvedOne.email });
    const surveyId = sentOn[0]!.data.surveyId;
    expect((await eventsOf(earlierOne.number)).filter((e) => e.type.startsWith('survey_'))).toEqual([]);

    // The page asks about the company: it shows no ticket, though the survey has one.
    const page = await as(null, 'GET', `/api/v1/surveys/${token}`);
    expect(page.body.survey).toMatchObject({
      kind: 'nps',
      ticketNumber: null,
      ticketSubject: null,
      question: on.nps.texts.en.question,
    });
    expect((await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 11 })).status).toBe(400);
    const answer = await as(null, 'POST', `/api/v1/surveys/${token}/answer`, { score: 9, comment: 'Fast refunds' });
    expect(answer.status).toBe(200);
    expect(answer.body.survey).toMatchObject({ score: 9, comment: 'Fast refunds', ticketNumber: null });
    const answered = (await eventsOf(solvedOne.number)).filter((e) => e.type === 'survey_answered');
    expect(answered.map((e) => e.data)).toEqual([
      { surveyId, kind: 'nps', score: 9, comment: 'Fast refunds', previousScore: null },
    ]);

    // Not due again within the period.
    expect(await sendDueNpsSurveys(t.deps)).toBeNull();

    // A period later: the same customer solved again but is throttled; a new customer is asked.
    t.clock.advance(31 * DAY);
    agent = await signIn(t, agentEmail);
    await solvedTicket({}, solvedOne.email);
    const newcomer = await solvedTicket();
    t.clock.advance(HOUR);
    await sendDueNpsSurveys(t.deps);
    await t.deps.jobs.drain();
    expect(await npsMails(solvedOne.email)).toHaveLength(1);
    expect(await npsMails(newcomer.email)).toHaveLength(1);

    // Past the throttle, with a solve in the period: asked again.
    t.clock.advance(62 * DAY);
    agent = await signIn(t, agentEmail);
    await solvedTicket({}, solvedOne.email);
    t.clock.advance(HOUR);
    await sendDueNpsSurveys(t.deps);
    await t.deps.jobs.drain();
    expect(await npsMails(solvedOne.email)).toHaveLength(2);
  });

  it('asks only about tickets of the teams and channels in its scope', async () => {
    const scoped = structuredClone(defaultSurveySettings);
    scoped.csat.enabled = false;
    scoped.nps = { ...scoped.nps, enabled: true, periodDays: 30, throttleDays: 90, channels: ['phone'] };
    expect((await as(manager, 'PUT', '/api/v1/survey-settings', scoped)).status).toBe(200);
    t.clock.advance(31 * DAY);
    agent = await signIn(t, agentEmail);
    const byPhone = await solvedTicket({ channel: 'phone' });
    const byMail = await solvedTicket({ channel: 'email' });
    t.clock.advance(HOUR);
    await sendDueNpsSurveys(t.deps);
    await t.deps.jobs.drain();
    expect(await npsMails(byPhone.email)).toHaveLength(1);
    expect(await npsMails(byMail.email)).toHaveLength(0);
  });
});
