// HTTP routes of business calendars and SLA policies.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import { ticketsAtRisk } from './at-risk.js';
import * as calendars from './calendars.js';
import * as policies from './policies.js';
import {
  AtRiskList,
  AtRiskQuery,
  CalendarEnvelope,
  CalendarList,
  CreateCalendarBody,
  CreatePolicyBody,
  PolicyEnvelope,
  PolicyList,
  ReorderPoliciesBody,
  UpdateCalendarBody,
  UpdatePolicyBody,
} from './schema.js';

export function registerSlaRoutes(app: App): void {
  const tags = ['business calendars'];
  app.get(
    '/api/v1/calendars',
    { schema: { tags, summary: 'Business calendars, by name', response: { 200: CalendarList } } },
    (req) => calendars.listCalendars(req.ctx),
  );
  app.post(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Create a business calendar: time zone, working hours per weekday, holidays',
        body: CreateCalendarBody,
        response: { 201: CalendarEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await calendars.createCalendar(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/calendars/:id',
    { schema: { tags, summary: 'One business calendar', params: IdParam, response: { 200: CalendarEnvelope } } },
    (req) => calendars.getCalendar(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Change a business calendar',
        params: IdParam,
        body: UpdateCalendarBody,
        response: { 200: CalendarEnvelope },
      },
    },
    (req) => calendars.updateCalendar(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/calendars/:id',
    { schema: { tags, summary: 'Delete a business calendar no team uses', params: IdParam } },
    async (req, reply) => {
      await calendars.deleteCalendar(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );

  registerPolicyRoutes(app);
}

function registerPolicyRoutes(app: App): void {
  const tags = ['SLA policies'];
  app.get(
    '/api/v1/sla-policies',
    { schema: { tags, summary: 'SLA policies, in the order they are matched', response: { 200: PolicyList } } },
    (req) => policies.listPolicies(req.ctx),
  );
  app.post(
    '/api/v1/sla-policies',
    {
      schema: {
        tags,
        summary: 'Create an SLA policy (it goes last): conditions, targets per priority, clock rules',
        body: CreatePolicyBody,
        response: { 201: PolicyEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await policies.createPolicy(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/sla-policies/reorder',
    {
      schema: {
        tags,
        summary: 'Put the SLA policies in a new order (every id once, first matched first)',
        body: ReorderPoliciesBody,
        response: { 200: PolicyList },
      },
    },
    (req) => policies.reorderPolicies(req.ctx, req.body.ids),
  );
  app.get(
    '/api/v1/sla-policies/:id',
    { schema: { tags, summary: 'One SLA policy', params: IdParam, response: { 200: PolicyEnvelope } } },
    (req) => policies.getPolicy(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/sla-policies/:id',
    {
      schema: {
        tags,
        summary: 'Change an SLA policy',
        params: IdParam,
        body: UpdatePolicyBody,
        response: { 200: PolicyEnvelope },
      },
    },
    (req) => policies.updatePolicy(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/sla-policies/:id',
    { schema: { tags, summary: 'Delete an SLA policy (those after it move up)', params: IdParam } },
    async (req, reply) => {
      await policies.deletePolicy(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/sla/at-risk',
    {
      schema: {
        tags: ['SLA policies'],
        summary: 'Tickets whose SLA target ran out or is in its last quarter, most overdue first',
        querystring: AtRiskQuery,
        response: { 200: AtRiskList },
      },
    },
    (req) => ticketsAtRisk(req.ctx, req.query),
  );
}
