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
  /** Only organisations of this tier (case-insensitive). */
  tier: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export const OrganisationResponse = z.object({
  id: z.number(),
  name: z.string(),
  domain: z.string().nullable(),
  tier: z.string().nullable(),
  notes: z.string(),
  /** The organisation's customers see each other's tickets in the portal. */
  portalSharesTickets: z.boolean(),
  customerCount: z.number(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type OrganisationDto = z.infer<typeof OrganisationResponse>;
export const OrganisationList = z.object({ items: z.array(OrganisationResponse), nextCursor: z.string().nullable() });
export const OrganisationEnvelope = z.object({ organisation: OrganisationResponse });
export const TierList = z.object({ items: z.array(z.object({ tier: z.string(), organisations: z.number() })) });

/** A domain name as customers' addresses end (example.com, mail.example.co.in), stored lower case. */
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .regex(/^(?=.{1,255}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}[a-z0-9]$/, 'domain_format');
/** Blank clears it. */
const optionalText = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), inner.nullable());

const organisationFields = {
  name: z.string().trim().min(1, 'required').max(200),
  /** New customers with an address at this domain are filed under the organisation. */
  domain: optionalText(Domain),
  /** A free label such as "enterprise" that SLA policies can match on. */
  tier: optionalText(z.string().trim().max(40)),
  notes: z.string().trim().max(5000),
  /** The organisation's customers see each other's tickets in the portal. */
  portalSharesTickets: z.boolean(),
};
export const CreateOrganisationBody = z.object({
  ...organisationFields,
  domain: organisationFields.domain.default(null),
  tier: organisationFields.tier.default(null),
  notes: organisationFields.notes.default(''),
  portalSharesTickets: organisationFields.portalSharesTickets.default(false),
});
export const UpdateOrganisationBody = z.object(organisationFields).partial();
