// Request and response schemas of customers (requester pickers and the requester sidebar).
import { z } from 'zod';
import { IsoTime } from '../platform/auth/schema.js';
import { csv } from '../platform/http/csv.js';

export const CustomerResponse = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  organisation: z.object({ id: z.number(), name: z.string() }).nullable(),
  locale: z.enum(['en', 'hi']),
  createdAt: IsoTime,
});
export type CustomerDto = z.infer<typeof CustomerResponse>;
export const CustomerList = z.object({ items: z.array(CustomerResponse), nextCursor: z.string().nullable() });
export const CustomerEnvelope = z.object({ customer: CustomerResponse });
export const CustomerListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const OrganisationListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  /** Exactly these (for showing the names of ids a form already holds). */
  ids: csv(z.coerce.number().int().positive()).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const OrganisationList = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), domain: z.string().nullable() })),
});
