// HTTP routes of tickets, their conversation, event log, attachments, views and custom fields.
import { z } from 'zod';
import { IdParam } from '../platform/auth/schema.js';
import { AppError, fieldError } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { downloadAttachment, uploadAttachment } from './attachments.js';
import * as fields from './fields.js';
import {
  AttachmentEnvelope,
  BulkUpdateBody,
  BulkUpdateResult,
  CreateCustomFieldBody,
  CreateMessageBody,
  CreateTicketBody,
  CreateViewBody,
  CustomFieldEnvelope,
  CustomFieldList,
  EventList,
  FollowBody,
  MergeBody,
  MessageCreated,
  MessageList,
  MessageResponse,
  TicketEnvelope,
  TicketList,
  TicketListQuery,
  TicketNumberParam,
  UpdateCustomFieldBody,
  UpdateTicketBody,
  UpdateViewBody,
  ViewCounts,
  ViewEnvelope,
  ViewList,
  ViewTicketsQuery,
} from './schema.js';
import * as tickets from './service.js';
import * as views from './views.js';

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
const FollowerParams = TicketNumberParam.extend({ userId: z.coerce.number().int().positive() });

/** `field.<key>=value` query parameters (custom field filters), read from the raw query string. */
function fieldFilters(url: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, value] of new URL(url, 'http://x').searchParams) {
    if (!name.startsWith('field.')) continue;
    const key = name.slice(6);
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(key)) throw fieldError(name, 'unknown_field');
    if (value.length > 500) throw fieldError(name, 'invalid_value');
    out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

export function registerTicketRoutes(app: App): void {
  const tags = ['tickets'];
  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'List or full-text search tickets (view filters; custom fields as field.<key>=value)',
        querystring: TicketListQuery,
        response: { 200: TicketList },
      },
    },
    (req) => {
      const f = fieldFilters(req.url);
      return tickets.listTickets(req.ctx, { ...req.query, ...(f ? { fields: f } : {}) });
    },
  );
  app.post(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Create a ticket with its first message',
        body: CreateTicketBody,
        response: { 201: TicketEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await tickets.createTicket(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/tickets/bulk',
    {
      schema: {
        tags,
        summary: 'Change many tickets at once (each on its own; failures are listed)',
        body: BulkUpdateBody,
        response: { 200: BulkUpdateResult },
      },
    },
    (req) => tickets.bulkUpdate(req.ctx, req.body),
  );
  app.get(
    '/api/v1/tickets/:number',
    {
      schema: {
        tags,
        summary: 'One ticket by its number',
        params: TicketNumberParam,
        response: { 200: TicketEnvelope },
      },
    },
    (req) => tickets.getTicket(req.ctx, req.params.number),
  );
  app.patch(
    '/api/v1/tickets/:number',
    {
      schema: {
        tags,
        summary: 'Change a ticket (send the version you read: a stale one gets 409)',
        params: TicketNumberParam,
        body: UpdateTicketBody,
        response: { 200: TicketEnvelope },
      },
    },
    (req) => tickets.updateTicket(req.ctx, req.params.number, req.body),
  );
  app.get(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        tags,
        summary: 'The conversation, oldest first',
        params: TicketNumberParam,
        querystring: PageQuery,
        response: { 200: MessageList },
      },
    },
    (req) => tickets.listMessages(req.ctx, req.params.number, req.query),
  );
  app.post(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        tags,
        summary: 'Reply, add an internal note, or record a customer message',
        params: TicketNumberParam,
        body: CreateMessageBody,
        response: { 201: MessageCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await tickets.createMessage(req.ctx, req.params.number, req.body)),
  );
  app.post(
    '/api/v1/tickets/:number/messages/:messageId/retry',
    {
      schema: {
        tags,
        summary: 'Send the mail of a reply whose delivery failed again',
        params: TicketNumberParam.extend({ messageId: z.coerce.number().int().positive() }),
        response: { 200: z.object({ message: MessageResponse }) },
      },
    },
    (req) => tickets.retryReplyMail(req.ctx, req.params.number, req.params.messageId),
  );
  app.get(
    '/api/v1/tickets/:number/messages/:messageId/original',
    {
      schema: {
        tags,
        summary: "Download a customer mail's original .eml",
        params: TicketNumberParam.extend({ messageId: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      const file = await tickets.originalMail(req.ctx, req.params.number, req.params.messageId);
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  );
  app.get(
    '/api/v1/tickets/:number/events',
    {
      schema: {
        tags,
        summary: 'The event log, oldest first',
        params: TicketNumberParam,
        querystring: PageQuery,
        response: { 200: EventList },
      },
    },
    (req) => tickets.listEvents(req.ctx, req.params.number, req.query),
  );
  app.post(
    '/api/v1/tickets/:number/merge',
    {
      schema: {
        tags,
        summary: 'Merge this ticket into another (this one is closed with a link)',
        params: TicketNumberParam,
        body: MergeBody,
        response: { 200: TicketEnvelope },
      },
    },
    (req) => tickets.mergeTicket(req.ctx, req.params.number, req.body),
  );
  app.post(
    '/api/v1/tickets/:number/followers',
    {
      schema: {
        tags,
        summary: 'Follow a ticket (yourself, or the given user)',
        params: TicketNumberParam,
        body: FollowBody,
        response: { 200: TicketEnvelope },
      },
    },
    (req) => tickets.follow(req.ctx, req.params.number, req.body.userId, true),
  );
  app.delete(
    '/api/v1/tickets/:number/followers/:userId',
    {
      schema: { tags, summary: 'Stop following a ticket', params: FollowerParams, response: { 200: TicketEnvelope } },
    },
    (req) => tickets.follow(req.ctx, req.params.number, req.params.userId, false),
  );

  app.post(
    '/api/v1/attachments',
    {
      schema: {
        tags,
        summary: 'Upload a file (multipart/form-data, field "file") to attach to a message',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentEnvelope },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await req.file();
      if (!file) throw fieldError('file', 'required');
      const data = await file.toBuffer();
      const result = await uploadAttachment(req.ctx, { fileName: file.filename, contentType: file.mimetype, data });
      return reply.code(201).send(result);
    },
  );
  app.get(
    '/api/v1/attachments/:id',
    { schema: { tags, summary: 'Download an attachment', params: IdParam } },
    async (req, reply) => {
      const file = await downloadAttachment(req.ctx, req.params.id);
      // Always a download, never rendered in our origin: an uploaded HTML or SVG cannot run script here.
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  );

  const viewTags = ['views'];
  app.get(
    '/api/v1/views',
    { schema: { tags: viewTags, summary: 'Shared views and mine, with counts', response: { 200: ViewList } } },
    (req) => views.listViews(req.ctx),
  );
  app.get(
    '/api/v1/views/counts',
    { schema: { tags: viewTags, summary: 'Ticket count of each of my views', response: { 200: ViewCounts } } },
    (req) => views.viewCounts(req.ctx),
  );
  app.post(
    '/api/v1/views',
    { schema: { tags: viewTags, summary: 'Save a view', body: CreateViewBody, response: { 201: ViewEnvelope } } },
    async (req, reply) => reply.code(201).send(await views.createView(req.ctx, req.body)),
  );
  app.patch(
    '/api/v1/views/:id',
    {
      schema: {
        tags: viewTags,
        summary: 'Change a view',
        params: IdParam,
        body: UpdateViewBody,
        response: { 200: ViewEnvelope },
      },
    },
    (req) => views.updateView(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/views/:id',
    { schema: { tags: viewTags, summary: 'Delete a view', params: IdParam } },
    async (req, reply) => {
      await views.deleteView(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/views/:id/tickets',
    {
      schema: {
        tags: viewTags,
        summary: "A page of a view's tickets",
        params: IdParam,
        querystring: ViewTicketsQuery,
        response: { 200: TicketList },
      },
    },
    (req) => views.viewTickets(req.ctx, req.params.id, req.query),
  );

  const fieldTags = ['custom fields'];
  app.get(
    '/api/v1/custom-fields',
    { schema: { tags: fieldTags, summary: 'Custom ticket fields', response: { 200: CustomFieldList } } },
    (req) => fields.listFields(req.ctx),
  );
  app.post(
    '/api/v1/custom-fields',
    {
      schema: {
        tags: fieldTags,
        summary: 'Define a custom ticket field',
        body: CreateCustomFieldBody,
        response: { 201: CustomFieldEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await fields.createField(req.ctx, req.body)),
  );
  app.patch(
    '/api/v1/custom-fields/:id',
    {
      schema: {
        tags: fieldTags,
        summary: 'Change or switch off a custom field (its key and kind stay)',
        params: IdParam,
        body: UpdateCustomFieldBody,
        response: { 200: CustomFieldEnvelope },
      },
    },
    (req) => fields.updateField(req.ctx, req.params.id, req.body),
  );
}
