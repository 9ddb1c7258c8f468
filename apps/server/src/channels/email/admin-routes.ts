// HTTP routes of the email channel's admin: support addresses and IMAP mailboxes.
import { IdParam } from '../../platform/auth/schema.js';
import type { App } from '../../platform/http/types.js';
import * as accounts from './accounts.js';
import * as addresses from './addresses.js';
import {
  CreateMailAccountBody,
  CreateSupportAddressBody,
  MailAccountEnvelope,
  MailAccountList,
  MailAccountTestResult,
  Outgoing,
  OutgoingBody,
  SupportAddressEnvelope,
  SupportAddressList,
  TestMailAccountBody,
  TestOutgoingBody,
  TestOutgoingResult,
  TestSavedMailAccountBody,
  UpdateMailAccountBody,
  UpdateSupportAddressBody,
} from './admin-schema.js';
import * as outgoing from './outgoing.js';

export function registerEmailAdminRoutes(app: App): void {
  const tags = ['email channel'];
  app.get(
    '/api/v1/support-addresses',
    {
      schema: {
        tags,
        summary: 'Support addresses, the default first, and the placeholders acknowledgements may use',
        response: { 200: SupportAddressList },
      },
    },
    (req) => addresses.listSupportAddresses(req.ctx),
  );
  app.post(
    '/api/v1/support-addresses',
    {
      schema: {
        tags,
        summary: 'Add a support address: its team, display name and acknowledgement in English and Hindi',
        body: CreateSupportAddressBody,
        response: { 201: SupportAddressEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await addresses.createSupportAddress(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/support-addresses/:id',
    { schema: { tags, summary: 'One support address', params: IdParam, response: { 200: SupportAddressEnvelope } } },
    (req) => addresses.getSupportAddress(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/support-addresses/:id',
    {
      schema: {
        tags,
        summary: 'Change a support address (isDefault: true makes it the one default)',
        params: IdParam,
        body: UpdateSupportAddressBody,
        response: { 200: SupportAddressEnvelope },
      },
    },
    (req) => addresses.updateSupportAddress(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/support-addresses/:id',
    {
      schema: { tags, summary: 'Delete a support address (the default only when it is the last)', params: IdParam },
    },
    async (req, reply) => {
      await addresses.deleteSupportAddress(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/mail-accounts',
    {
      schema: {
        tags,
        summary: 'IMAP mailboxes, by name, with their last poll and last problem',
        response: { 200: MailAccountList },
      },
    },
    (req) => accounts.listMailAccounts(req.ctx),
  );
  app.post(
    '/api/v1/mail-accounts',
    {
      schema: {
        tags,
        summary: 'Add an IMAP mailbox to poll (the password is stored sealed and never sent back)',
        body: CreateMailAccountBody,
        response: { 201: MailAccountEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await accounts.createMailAccount(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/mail-accounts/test',
    {
      schema: {
        tags,
        summary: 'Sign in with settings not saved yet and list the folders, or say what failed',
        body: TestMailAccountBody,
        response: { 200: MailAccountTestResult },
      },
    },
    (req) => accounts.testMailSettings(req.ctx, req.body),
  );
  app.get(
    '/api/v1/mail-accounts/:id',
    { schema: { tags, summary: 'One IMAP mailbox', params: IdParam, response: { 200: MailAccountEnvelope } } },
    (req) => accounts.getMailAccount(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/mail-accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change an IMAP mailbox (without a password the stored one is kept)',
        params: IdParam,
        body: UpdateMailAccountBody,
        response: { 200: MailAccountEnvelope },
      },
    },
    (req) => accounts.updateMailAccount(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/mail-accounts/:id',
    { schema: { tags, summary: 'Delete an IMAP mailbox (its polling stops)', params: IdParam } },
    async (req, reply) => {
      await accounts.deleteMailAccount(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/mail-accounts/:id/test',
    {
      schema: {
        tags,
        summary: 'Sign in to a saved mailbox (with any unsaved changes given) and list the folders',
        params: IdParam,
        body: TestSavedMailAccountBody,
        response: { 200: MailAccountTestResult },
      },
    },
    (req) => accounts.testMailAccount(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/v1/mail-settings',
    {
      schema: {
        tags,
        summary: 'The outgoing SMTP server: set here, from SMTP_URL, or none (mail written to the outbox)',
        response: { 200: Outgoing },
      },
    },
    (req) => outgoing.getOutgoing(req.ctx),
  );
  app.put(
    '/api/v1/mail-settings',
    {
      schema: {
        tags,
        summary: 'Send all mail through this SMTP server (the password is stored sealed and never sent back)',
        body: OutgoingBody,
        response: { 200: Outgoing },
      },
    },
    (req) => outgoing.setOutgoing(req.ctx, req.body),
  );
  app.delete(
    '/api/v1/mail-settings',
    { schema: { tags, summary: 'Back to SMTP_URL (or the outbox)', response: { 200: Outgoing } } },
    (req) => outgoing.clearOutgoing(req.ctx),
  );
  app.post(
    '/api/v1/mail-settings/test',
    {
      schema: {
        tags,
        summary: 'Send a test mail now, with the settings given or the ones in use',
        body: TestOutgoingBody,
        response: { 200: TestOutgoingResult },
      },
    },
    (req) => outgoing.testOutgoing(req.ctx, req.body),
  );
}
