// HTTP routes of macros: the list and editor's CRUD, and previewing and applying one on a ticket;
// triggers and time rules are in rules-routes.ts.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import * as macros from './macros.js';
import { registerRuleRoutes } from './rules-routes.js';
import {
  ApplyMacroBody,
  CreateMacroBody,
  MacroApplied,
  MacroEnvelope,
  MacroList,
  MacroListQuery,
  MacroPreview,
  MacroTicketParams,
  PreviewMacroQuery,
  UpdateMacroBody,
} from './schema.js';

export function registerAutomationRoutes(app: App): void {
  registerRuleRoutes(app);
  const tags = ['macros'];
  app.get(
    '/api/v1/macros',
    {
      schema: {
        tags,
        summary: 'The shared macros and your own, by name, with how often each was applied',
        querystring: MacroListQuery,
        response: { 200: MacroList },
      },
    },
    (req) => macros.listMacros(req.ctx, req.query),
  );
  app.post(
    '/api/v1/macros',
    {
      schema: {
        tags,
        summary: 'Create a macro: actions and a reply in English and Hindi (shared: admins and managers)',
        body: CreateMacroBody,
        response: { 201: MacroEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await macros.createMacro(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/macros/:id',
    { schema: { tags, summary: 'One macro', params: IdParam, response: { 200: MacroEnvelope } } },
    (req) => macros.getMacro(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/macros/:id',
    {
      schema: {
        tags,
        summary: 'Change a macro (your own, or a shared one as admin or manager)',
        params: IdParam,
        body: UpdateMacroBody,
        response: { 200: MacroEnvelope },
      },
    },
    (req) => macros.updateMacro(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/macros/:id',
    { schema: { tags, summary: 'Delete a macro (your own, or a shared one as admin or manager)', params: IdParam } },
    async (req, reply) => {
      await macros.deleteMacro(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/tickets/:number/macros/:id/preview',
    {
      schema: {
        tags,
        summary: "What a macro would do to a ticket: the filled-in reply (requester's language) and the changes",
        params: MacroTicketParams,
        querystring: PreviewMacroQuery,
        response: { 200: MacroPreview },
      },
    },
    (req) => macros.previewMacro(req.ctx, req.params.number, req.params.id, req.query.locale),
  );
  app.post(
    '/api/v1/tickets/:number/macros/:id/apply',
    {
      schema: {
        tags,
        summary: 'Apply a macro to a ticket in one change (send the version you previewed: a stale one gets 409)',
        params: MacroTicketParams,
        body: ApplyMacroBody,
        response: { 200: MacroApplied },
      },
    },
    (req) => macros.applyMacro(req.ctx, req.params.number, req.params.id, req.body),
  );
}
