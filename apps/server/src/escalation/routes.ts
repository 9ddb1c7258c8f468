// HTTP routes of escalation: the escalate action on a ticket, the escalations view, escalation rules.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import { TicketNumberParam } from '../tickets/schema.js';
import * as rules from './rules.js';
import {
  CreateRuleBody,
  EscalateBody,
  EscalateResponse,
  EscalationList,
  EscalationListQuery,
  ReorderRulesBody,
  RuleEnvelope,
  RuleList,
  UpdateRuleBody,
} from './schema.js';
import { escalateTicket, listEscalations } from './service.js';

export function registerEscalationRoutes(app: App): void {
  app.post(
    '/api/v1/tickets/:number/escalate',
    {
      schema: {
        tags: ['escalation'],
        summary: "Escalate a ticket to a team of a higher support tier, saying why; that team's lead is notified",
        params: TicketNumberParam,
        body: EscalateBody,
        response: { 200: EscalateResponse },
      },
    },
    (req) => escalateTicket(req.ctx, req.params.number, req.body),
  );
  app.get(
    '/api/v1/escalations',
    {
      schema: {
        tags: ['escalation'],
        summary: 'Escalated tickets with their latest escalation, oldest first (leads: their teams)',
        querystring: EscalationListQuery,
        response: { 200: EscalationList },
      },
    },
    (req) => listEscalations(req.ctx, req.query),
  );

  const tags = ['escalation rules'];
  app.get(
    '/api/v1/escalation-rules',
    { schema: { tags, summary: 'Escalation rules, in the order they are evaluated', response: { 200: RuleList } } },
    (req) => rules.listRules(req.ctx),
  );
  app.post(
    '/api/v1/escalation-rules',
    {
      schema: {
        tags,
        summary: 'Create an escalation rule (it goes last): timed conditions and actions',
        body: CreateRuleBody,
        response: { 201: RuleEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await rules.createRule(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/escalation-rules/reorder',
    {
      schema: {
        tags,
        summary: 'Put the escalation rules in a new order (every id once)',
        body: ReorderRulesBody,
        response: { 200: RuleList },
      },
    },
    (req) => rules.reorderRules(req.ctx, req.body.ids),
  );
  app.get(
    '/api/v1/escalation-rules/:id',
    { schema: { tags, summary: 'One escalation rule', params: IdParam, response: { 200: RuleEnvelope } } },
    (req) => rules.getRule(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/escalation-rules/:id',
    {
      schema: {
        tags,
        summary: 'Change an escalation rule (or switch it on or off)',
        params: IdParam,
        body: UpdateRuleBody,
        response: { 200: RuleEnvelope },
      },
    },
    (req) => rules.updateRule(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/escalation-rules/:id',
    { schema: { tags, summary: 'Delete an escalation rule (those after it move up)', params: IdParam } },
    async (req, reply) => {
      await rules.deleteRule(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
