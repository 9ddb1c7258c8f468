// HTTP routes of customers.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import {
  CustomerEnvelope,
  CustomerList,
  CustomerListQuery,
  OrganisationList,
  OrganisationListQuery,
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
        summary: 'Search customer organisations by name or domain (or list some by id)',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationList },
      },
    },
    (req) => customers.listOrganisations(req.ctx, req.query),
  );
}
