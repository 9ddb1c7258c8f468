// HTTP routes of the customer portal and the contact form. To the staff hook they are all public
// (no staff session needed or used); the portal's own routes check the portal session themselves.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { clearPortalCookie, portalCtx, requirePortalSession, setPortalCookie } from './auth.js';
import {
  ContactBody,
  MAX_PORTAL_FILES,
  NewPortalTicketFields,
  PortalCompanyResponse,
  PortalIdParam,
  PortalMeResponse,
  PortalNumberParam,
  PortalReplyFields,
  PortalTicketEnvelope,
  PortalTicketList,
  PortalTicketListQuery,
  SignInBody,
  UpdatePortalMeBody,
  VerifyBody,
} from './schema.js';
import * as portal from './service.js';

const tags = ['portal'];

/**
 * The text fields and files of a message: multipart/form-data (fields plus any number of `files`
 * parts, up to MAX_PORTAL_FILES) or a JSON body without files. Each bad field is named in a 400.
 */
async function readMessageForm<T extends z.ZodType>(
  req: FastifyRequest,
  deps: Deps,
  schema: T,
): Promise<z.output<T> & { files: portal.UploadedFile[] }> {
  let fields: unknown = req.body ?? {};
  const files: portal.UploadedFile[] = [];
  if (req.isMultipart()) {
    const collected: Record<string, string> = {};
    const parts = req.parts({
      limits: {
        fileSize: deps.config.attachmentMaxBytes,
        files: MAX_PORTAL_FILES + 1,
        fields: 10,
        parts: MAX_PORTAL_FILES + 12,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // A file input left empty still sends a part, without a name.
        if (part.filename) files.push({ fileName: part.filename, contentType: part.mimetype, data });
      } else {
        collected[part.fieldname] = String(part.value);
      }
    }
    fields = collected;
  }
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const named: Record<string, string> = {};
    for (const issue of parsed.error.issues) named[issue.path.join('.') || 'body'] ??= issue.message;
    throw new AppError('validation_failed', { fields: named });
  }
  return { ...(parsed.data as object), files } as z.output<T> & { files: portal.UploadedFile[] };
}

export function registerPortalRoutes(app: App, deps: Deps): void {
  app.decorateRequest('portal', null);
  const signedIn = requirePortalSession(deps);
  const config = { public: true };

  app.get(
    '/api/v1/portal/company',
    {
      config,
      schema: { tags, summary: 'The company name the portal shows', response: { 200: PortalCompanyResponse } },
    },
    () => portal.company(deps),
  );

  app.post(
    '/api/v1/portal/sign-in',
    {
      config,
      schema: {
        tags,
        summary: 'Mail a sign-in link to a customer (always 202, whether or not the address is known)',
        body: SignInBody,
      },
    },
    async (req, reply) => {
      await portal.requestSignInLink(deps, req.ip, req.body);
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/v1/portal/verify',
    {
      config,
      schema: {
        tags,
        summary: 'Exchange a sign-in link for a portal session (sets the portal cookie)',
        body: VerifyBody,
        response: { 200: PortalMeResponse },
      },
    },
    async (req, reply) => {
      const { sessionSecret, csrfToken, customer } = await portal.verifySignInLink(deps, req.body.token);
      setPortalCookie(reply, deps.config, sessionSecret);
      return { customer, csrfToken };
    },
  );

  app.get(
    '/api/v1/portal/me',
    {
      config,
      onRequest: signedIn,
      schema: { tags, summary: 'The signed-in customer', response: { 200: PortalMeResponse } },
    },
    (req) => portal.me(portalCtx(req)),
  );

  app.patch(
    '/api/v1/portal/me',
    {
      config,
      onRequest: signedIn,
      schema: {
        tags,
        summary: "Change the customer's language (portal and mail)",
        body: UpdatePortalMeBody,
        response: { 200: PortalMeResponse },
      },
    },
    (req) => portal.updateMe(portalCtx(req), req.body),
  );

  app.post(
    '/api/v1/portal/sign-out',
    { config, onRequest: signedIn, schema: { tags, summary: 'End this portal session' } },
    async (req, reply) => {
      await portal.signOut(portalCtx(req));
      clearPortalCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/portal/tickets',
    {
      config,
      onRequest: signedIn,
      schema: {
        tags,
        summary: "The customer's tickets (asked, copied, or their organisation's when shared), latest first",
        querystring: PortalTicketListQuery,
        response: { 200: PortalTicketList },
      },
    },
    (req) => portal.listTickets(portalCtx(req), req.query),
  );

  app.post(
    '/api/v1/portal/tickets',
    {
      config,
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Open a request: subject, text and files (multipart/form-data field "files"; or JSON without files)',
        consumes: ['multipart/form-data', 'application/json'],
        response: { 201: PortalTicketEnvelope },
      },
    },
    async (req, reply) => {
      const input = await readMessageForm(req, deps, NewPortalTicketFields);
      return reply.code(201).send(await portal.createTicket(portalCtx(req), input));
    },
  );

  app.get(
    '/api/v1/portal/tickets/:number',
    {
      config,
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'One of the customer’s tickets with its public conversation, oldest first',
        params: PortalNumberParam,
        response: { 200: PortalTicketEnvelope },
      },
    },
    (req) => portal.getTicket(portalCtx(req), req.params.number),
  );

  app.post(
    '/api/v1/portal/tickets/:number/messages',
    {
      config,
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Answer on a ticket: text and files (reopens a pending or solved ticket; a closed one is 409)',
        consumes: ['multipart/form-data', 'application/json'],
        params: PortalNumberParam,
        response: { 201: PortalTicketEnvelope },
      },
    },
    async (req, reply) => {
      const input = await readMessageForm(req, deps, PortalReplyFields);
      return reply.code(201).send(await portal.reply(portalCtx(req), req.params.number, input));
    },
  );

  app.get(
    '/api/v1/portal/attachments/:id',
    {
      config,
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Download a file of a public message on one of the customer’s tickets',
        params: PortalIdParam,
      },
    },
    async (req, reply) => {
      const file = await portal.downloadAttachment(portalCtx(req), req.params.id);
      // Always a download, never rendered in our origin: an uploaded HTML or SVG cannot run script here.
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  );

  app.post(
    '/api/v1/portal/contact',
    {
      config,
      schema: {
        tags,
        summary: 'The public contact form: opens a ticket and mails its acknowledgement (always 202)',
        body: ContactBody,
      },
    },
    async (req, reply) => {
      await portal.submitContact(deps, req.ip, req.body);
      return reply.code(202).send();
    },
  );
}
