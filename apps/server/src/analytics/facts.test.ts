// The fold and the write path agree: applying a ticket's events one command at a time, with the facts
// stored as a ticket_facts row between commands (what recordFactsOfTickets does), gives the facts of
// folding the whole log (what the background rebuild does), for random histories.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../platform/db/types.js';
import type { EventPayloads } from '../tickets/events.js';
import { applyFactEvent, foldFacts, type TicketFacts } from './facts.js';
import { factsToRow, rowToFacts } from './repo.js';
import { created, history, type Step } from './testing.js';

type Op =
  | { kind: 'status'; to: TicketStatus }
  | { kind: 'reply'; by: number | null }
  | { kind: 'assign'; to: number | null }
  | { kind: 'tags'; add: string[]; remove: string[] }
  | { kind: 'sla'; outcome: 'sla_met' | 'sla_breached'; metric: 'first_reply' | 'next_reply' | 'resolution' }
  | { kind: 'survey_sent' }
  | { kind: 'survey_answered'; score: number }
  | { kind: 'nps_sent' }
  | { kind: 'nps_answered'; score: number }
  | { kind: 'merged' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    to: fc.constantFrom<TicketStatus>('open', 'pending', 'on_hold', 'solved', 'closed'),
  }),
  fc.record({ kind: fc.constant('reply' as const), by: fc.constantFrom(11, 12, null) }),
  fc.record({ kind: fc.constant('assign' as const), to: fc.constantFrom(11, 12, null) }),
  fc.record({
    kind: fc.constant('tags' as const),
    add: fc.uniqueArray(fc.constantFrom('billing', 'वापसी'), { maxLength: 2 }),
    remove: fc.uniqueArray(fc.constantFrom('billing', 'वापसी'), { maxLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('sla' as const),
    outcome: fc.constantFrom('sla_met' as const, 'sla_breached' as const),
    metric: fc.constantFrom('first_reply' as const, 'next_reply' as const, 'resolution' as const),
  }),
  // Surveys weigh more: they are what the CSAT facts follow.
  fc.constant({ kind: 'survey_sent' as const }),
  fc.record({ kind: fc.constant('survey_answered' as const), score: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('survey_answered' as const), score: fc.integer({ min: 1, max: 5 }) }),
  // NPS rounds attributed to the ticket, answered 0–10 (again).
  fc.constant({ kind: 'nps_sent' as const }),
  fc.record({ kind: fc.constant('nps_answered' as const), score: fc.integer({ min: 0, max: 10 }) }),
  fc.constant({ kind: 'merged' as const }),
);

/** A plausible log: status changes from the status the ticket is in, surveys numbered as sent. */
function stepsOf(ops: { op: Op; wait: number }[]): Step[] {
  let status: TicketStatus = 'new';
  let assignee: number | null = null;
  let surveyId = 0;
  let cycle = 0;
  let lastScore: number | null = null;
  let npsSurveyId = 0;
  let lastNps: number | null = null;
  let at = 0;
  const steps: Step[] = [[0, 'created', created(), null]];
  for (const { op: o, wait } of ops) {
    at += wait;
    switch (o.kind) {
      case 'status':
        if (o.to === status) break;
        if (status === 'solved' && o.to !== 'closed') cycle += 1;
        steps.push([at, 'status_changed', { from: status, to: o.to }]);
        status = o.to;
        break;
      case 'reply':
        steps.push([at, 'public_reply', { messageId: steps.length }, o.by]);
        break;
      case 'assign':
        steps.push([at, 'assigned', { from: assignee, to: o.to }]);
        assignee = o.to;
        break;
      case 'tags':
        steps.push([at, 'tags_changed', { added: o.add, removed: o.remove }]);
        break;
      case 'sla': {
        const data: EventPayloads['sla_met'] = {
          metric: o.metric,
          cycle: 1,
          policyId: 1,
          targetMinutes: 60,
          dueAt: at,
        };
        steps.push([at, o.outcome, data, null]);
        break;
      }
      case 'survey_sent':
        surveyId += 1;
        lastScore = null;
        steps.push([at, 'survey_sent', { surveyId, kind: 'csat', cycle, to: 'c@example.test' }, null]);
        break;
      case 'survey_answered':
        // To the latest survey, if any went out (the customer may answer after a reopen too).
        if (!surveyId) break;
        steps.push([
          at,
          'survey_answered',
          { surveyId, kind: 'csat', score: o.score, comment: null, previousScore: lastScore },
          null,
        ]);
        lastScore = o.score;
        break;
      case 'nps_sent':
        // Numbered apart from the CSAT surveys, which the CSAT answers above address.
        npsSurveyId = 1000 + surveyId + steps.length;
        lastNps = null;
        steps.push([at, 'survey_sent', { surveyId: npsSurveyId, kind: 'nps', cycle, to: 'c@example.test' }, null]);
        break;
      case 'nps_answered':
        if (!npsSurveyId) break;
        steps.push([
          at,
          'survey_answered',
          { surveyId: npsSurveyId, kind: 'nps', score: o.score, comment: null, previousScore: lastNps },
          null,
        ]);
        lastNps = o.score;
        break;
      case 'merged':
        steps.push([at, 'merged', { into: 9, intoNumber: 1009, messages: 1 }]);
        break;
    }
  }
  return steps;
}

describe('facts: fold = incremental apply through the stored row', () => {
  it('agree on random histories, surveys included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op, wait: fc.integer({ min: 0, max: 600 }) }), { maxLength: 25 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 10 }),
        (ops, batches) => {
          const events = history(stepsOf(ops), 11);
          // Commands of 1–4 events each; the facts are a stored row between them.
          let f: TicketFacts | null = null;
          let i = 0;
          for (let b = 0; i < events.length; b++) {
            const size = batches[b % batches.length]!;
            for (const e of events.slice(i, i + size)) f = applyFactEvent(f, e);
            i += size;
            const { ticket_id: _id, version: _v, ...row } = factsToRow(1, f!);
            f = rowToFacts(row);
          }
          expect(f).toEqual(foldFacts(events));
        },
      ),
      { numRuns: 500 },
    );
  });
});
