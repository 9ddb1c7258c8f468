// HTTP routes of triggers and time rules.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import {
  CreateTimeRuleBody,
  CreateTriggerBody,
  PreviewBody,
  PreviewResponse,
  ReorderRulesBody,
  TimeRuleEnvelope,
  TimeRuleList,
  TriggerEnvelope,
  TriggerList,
  UpdateTimeRuleBody,
  UpdateTriggerBody,
} from './rules-schema.js';
import * as timeRules from './time-rules.js';
import * as triggers from './triggers.js';

export function registerRuleRoutes(app: App): void {
  let tags = ['triggers'];
  app.get(
    '/api/v1/triggers',
    { schema: { tags, summary: 'Triggers, in the order they run', response: { 200: TriggerList } } },
    (req) => triggers.listTriggers(req.ctx),
  );
  app.post(
    '/api/v1/triggers',
    {
      schema: {
        tags,
        summary: 'Create a trigger (it runs last): conditions on a created or updated ticket, then actions',
        body: CreateTriggerBody,
        response: { 201: TriggerEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await triggers.createTrigger(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/triggers/reorder',
    {
      schema: {
        tags,
        summary: 'Put the triggers in a new order (every id once, first run first)',
        body: ReorderRulesBody,
        response: { 200: TriggerList },
      },
    },
    (req) => triggers.reorderTriggers(req.ctx, req.body.ids),
  );
  app.post(
    '/api/v1/triggers/preview',
    {
      schema: {
        tags,
        summary: 'The unsolved tickets that match these conditions now: how many, and the first 50',
        body: PreviewBody,
        response: { 200: PreviewResponse },
      },
    },
    (req) => triggers.previewConditions(req.ctx, req.body.conditions),
  );
  app.get(
    '/api/v1/triggers/:id',
    { schema: { tags, summary: 'One trigger', params: IdParam, response: { 200: TriggerEnvelope } } },
    (req) => triggers.getTrigger(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/triggers/:id',
    {
      schema: {
        tags,
        summary: 'Change a trigger (refused when it would loop with itself or another trigger)',
        params: IdParam,
        body: UpdateTriggerBody,
        response: { 200: TriggerEnvelope },
      },
    },
    (req) => triggers.updateTrigger(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/triggers/:id',
    { schema: { tags, summary: 'Delete a trigger (those after it move up)', params: IdParam } },
    async (req, reply) => {
      await triggers.deleteTrigger(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );

  tags = ['time rules'];
  app.get(
    '/api/v1/time-rules',
    {
      schema: {
        tags,
        summary: 'Time rules, in the order each hourly run goes through them',
        response: { 200: TimeRuleList },
      },
    },
    (req) => timeRules.listTimeRules(req.ctx),
  );
  app.post(
    '/api/v1/time-rules',
    {
      schema: {
        tags,
        summary: 'Create a time rule: hours since created, updated, pending or solved, conditions, actions',
        body: CreateTimeRuleBody,
        response: { 201: TimeRuleEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await timeRules.createTimeRule(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/time-rules/reorder',
    {
      schema: {
        tags,
        summary: 'Put the time rules in a new order (every id once)',
        body: ReorderRulesBody,
        response: { 200: TimeRuleList },
      },
    },
    (req) => timeRules.reorderTimeRules(req.ctx, req.body.ids),
  );
  app.get(
    '/api/v1/time-rules/:id',
    { schema: { tags, summary: 'One time rule', params: IdParam, response: { 200: TimeRuleEnvelope } } },
    (req) => timeRules.getTimeRule(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/time-rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a time rule',
        params: IdParam,
        body: UpdateTimeRuleBody,
        response: { 200: TimeRuleEnvelope },
      },
    },
    (req) => timeRules.updateTimeRule(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/time-rules/:id',
    { schema: { tags, summary: 'Delete a time rule', params: IdParam } },
    async (req, reply) => {
      await timeRules.deleteTimeRule(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
