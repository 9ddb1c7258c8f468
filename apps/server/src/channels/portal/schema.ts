// Request and response schemas of the customer portal and the public contact form.
import { z } from 'zod';
import { Email, IsoTime, LocaleSchema } from '../../platform/auth/schema.js';

export const SignInBody = z.object({
  email: Email,
  /** The language the page is read in: the link's mail is written in it (else the customer's own). */
  locale: LocaleSchema.optional(),
});
export const VerifyBody = z.object({ token: z.string().trim().min(10, 'required').max(200) });

export const PortalCustomer = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  locale: LocaleSchema,
  organisation: z.object({ id: z.number(), name: z.string(), sharesTickets: z.boolean() }).nullable(),
});
export type PortalCustomerDto = z.infer<typeof PortalCustomer>;
export const PortalMeResponse = z.object({ customer: PortalCustomer, csrfToken: z.string() });
export const UpdatePortalMeBody = z.object({ locale: LocaleSchema });
export const PortalCompanyResponse = z.object({ companyName: z.string() });

/**
 * What a customer is told about a ticket's state: new, open and on-hold are all "open" to them
 * (on-hold is the team's own business); pending means the team waits for the customer.
 */
export const PortalStatus = z.enum(['open', 'pending', 'solved', 'closed']);
export type PortalStatusDto = z.infer<typeof PortalStatus>;

export const PortalTicketSummary = z.object({
  number: z.number(),
  subject: z.string(),
  status: PortalStatus,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  requesterName: z.string(),
  /** Why the customer sees it: they asked, they are copied, or it is their organisation's (shared). */
  relation: z.enum(['requester', 'cc', 'organisation']),
});
export type PortalTicketSummaryDto = z.infer<typeof PortalTicketSummary>;
export const PortalTicketList = z.object({ items: z.array(PortalTicketSummary), nextCursor: z.string().nullable() });
export const PortalTicketListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});

export const PortalAttachment = z.object({
  id: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
});
export const PortalMessage = z.object({
  id: z.number(),
  author: z.object({ type: z.enum(['customer', 'agent']), name: z.string() }),
  /** Written by the signed-in customer. */
  mine: z.boolean(),
  html: z.string(),
  createdAt: IsoTime,
  attachments: z.array(PortalAttachment),
});
export const PortalTicketDetail = PortalTicketSummary.extend({
  messages: z.array(PortalMessage),
  /** The satisfaction survey of a solved ticket, answered through /api/v1/surveys/:token. */
  survey: z
    .object({
      token: z.string(),
      score: z.number().int().nullable(),
      comment: z.string().nullable(),
      open: z.boolean(),
    })
    .nullable(),
});
export type PortalTicketDetailDto = z.infer<typeof PortalTicketDetail>;
export const PortalTicketEnvelope = z.object({ ticket: PortalTicketDetail });
export const PortalNumberParam = z.object({ number: z.coerce.number().int().positive() });
export const PortalIdParam = z.object({ id: z.coerce.number().int().positive() });

const Subject = z.string().trim().min(1, 'required').max(250);
const Text = z.string().trim().min(1, 'required').max(20_000);

/** The text fields of a new request (JSON, or the fields of a multipart form with files). */
export const NewPortalTicketFields = z.object({ subject: Subject, text: Text });
export const PortalReplyFields = z.object({ text: Text });

export const ContactBody = z.object({
  name: z.string().trim().min(1, 'required').max(200),
  email: Email,
  subject: Subject,
  message: Text,
  locale: LocaleSchema.optional(),
  /** Honeypot: hidden from people, filled by bots. */
  website: z.string().max(2000).optional(),
});

/** Files a customer may attach to one message. */
export const MAX_PORTAL_FILES = 5;
