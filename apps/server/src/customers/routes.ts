// HTTP routes of customers.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import {
  CreateOrganisationBody,
  CustomerEnvelope,
  CustomerList,
  CustomerListQuery,
  OrganisationEnvelope,
  OrganisationList,
  OrganisationListQuery,
  TierList,
  UpdateOrganisationBody,
} from './schema.js';
import * as customers from './service.js';

export function registerCustomerRoutes(app: App): void {
  const tags = ['customers'];
  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags,
        summary: 'Search customers by name, email or phone',
        querystring: CustomerListQuery,
        response: { 200: CustomerList },
      },
    },
    (req) => customers.listCustomers(req.ctx, req.query),
  );
  app.get(
    '/api/v1/customers/:id',
    { schema: { tags, summary: 'One customer', params: IdParam, response: { 200: CustomerEnvelope } } },
    (req) => customers.getCustomer(req.ctx, req.params.id),
  );
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'Customer organisations by name or domain, by tier, or some by id; by name',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationList },
      },
    },
    (req) => customers.listOrganisations(req.ctx, req.query),
  );
  app.get(
    '/api/v1/organisations/tiers',
    { schema: { tags, summary: 'The tiers organisations carry, with how many each', response: { 200: TierList } } },
    (req) => customers.listTiers(req.ctx),
  );
  app.post(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'Create an organisation: name, domain (files new customers under it), tier, notes',
        body: CreateOrganisationBody,
        response: { 201: OrganisationEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await customers.createOrganisation(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags, summary: 'One organisation', params: IdParam, response: { 200: OrganisationEnvelope } } },
    (req) => customers.getOrganisation(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags,
        summary: "Change an organisation (a new tier recomputes its open tickets' SLA timers)",
        params: IdParam,
        body: UpdateOrganisationBody,
        response: { 200: OrganisationEnvelope },
      },
    },
    (req) => customers.updateOrganisation(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/organisations/:id',
    { schema: { tags, summary: 'Delete an organisation no customer or ticket belongs to', params: IdParam } },
    async (req, reply) => {
      await customers.deleteOrganisation(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
