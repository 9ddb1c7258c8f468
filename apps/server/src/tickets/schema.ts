// Request and response schemas of tickets, their conversation, event log, views and custom fields.
import { z } from 'zod';
import { Email, IsoTime } from '../platform/auth/schema.js';
import { csv } from '../platform/http/csv.js';
import { SystemNote } from './system-notes.js';

export const TicketStatus = z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
export const TicketPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const TicketType = z.enum(['question', 'incident', 'problem', 'task', 'return']);
export const TicketChannel = z.enum(['email', 'chat', 'phone', 'social', 'portal', 'web', 'api']);
export const RefundState = z.enum(['requested', 'approved', 'refunded', 'rejected']);
export const MessageKind = z.enum(['reply', 'note', 'customer', 'system']);
export const CustomFieldKind = z.enum(['text', 'number', 'dropdown', 'multiselect', 'date', 'checkbox']);

export const TicketNumberParam = z.object({ number: z.coerce.number().int().positive() });

export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((t) => t.toLowerCase().replace(/\s+/g, '-'));
export const Tags = z.array(Tag).max(50);

/** A return/refund request: amount in the currency's minor unit (paise for INR). */
export const ReturnDetails = z.object({
  orderRef: z.string().trim().min(1, 'required').max(100),
  reason: z.string().trim().max(2000).default(''),
  amountMinor: z.number().int().min(0).max(1_000_000_000_00),
  currency: z
    .string()
    .length(3)
    .transform((c) => c.toUpperCase())
    .default('INR'),
  refundState: RefundState.default('requested'),
});
export type ReturnDto = z.output<typeof ReturnDetails>;
/** The stored return as the API shows it (no input defaults or transforms). */
export const ReturnResponse = z.object({
  orderRef: z.string(),
  reason: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  refundState: RefundState,
});

/** Custom field values by field key; validated against the field's definition in the service. */
export const FieldValues = z.record(
  z.string().max(60),
  z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(500)).max(50), z.null()]),
);
export type FieldValuesDto = z.infer<typeof FieldValues>;

const Html = z.string().max(500_000);
const AttachmentIds = z.array(z.number().int().positive()).max(20).default([]);

// ---------- filters shared by search, lists and views ----------

/** A user id, or "me" / "none" (unassigned). */
const AssigneeRef = z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()]);
const TeamRef = z.union([z.literal('none'), z.coerce.number().int().positive()]);

export const TicketSort = z.enum([
  'updated_desc',
  'updated_asc',
  'created_desc',
  'created_asc',
  'priority_desc',
  'number_desc',
  'relevance',
  /** The soonest SLA due time first (the most overdue on top); tickets without a running target last. */
  'sla_due',
]);

export const TicketFilters = z.object({
  status: z.array(TicketStatus).max(6).optional(),
  priority: z.array(TicketPriority).max(4).optional(),
  type: z.array(TicketType).max(5).optional(),
  channel: z.array(TicketChannel).max(7).optional(),
  assignee: z.array(AssigneeRef).max(50).optional(),
  team: z.array(TeamRef).max(50).optional(),
  tags: z.array(Tag).max(20).optional(),
  requesterId: z.number().int().positive().optional(),
  organisationId: z.number().int().positive().optional(),
  createdFrom: IsoTime.optional(),
  createdTo: IsoTime.optional(),
  updatedFrom: IsoTime.optional(),
  updatedTo: IsoTime.optional(),
  /** Custom field key -> value the ticket must have (a multi-select matches if it holds the value). */
  fields: z.record(z.string().max(60), z.string().max(500)).optional(),
});
export type TicketFiltersDto = z.infer<typeof TicketFilters>;

/** GET /tickets: the view filters as query parameters (lists comma-separated), plus `q` and paging. */
export const TicketListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: csv(TicketStatus).optional(),
  priority: csv(TicketPriority).optional(),
  type: csv(TicketType).optional(),
  channel: csv(TicketChannel).optional(),
  assignee: csv(AssigneeRef).optional(),
  team: csv(TeamRef).optional(),
  tags: csv(Tag).optional(),
  requesterId: z.coerce.number().int().positive().optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  createdFrom: IsoTime.optional(),
  createdTo: IsoTime.optional(),
  updatedFrom: IsoTime.optional(),
  updatedTo: IsoTime.optional(),
  /** `field.<key>=value` parameters are read by the route into `fields`. */
  sort: TicketSort.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

// ---------- responses ----------

const Ref = z.object({ id: z.number(), name: z.string() });
export const RequesterRef = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  organisationId: z.number().nullable(),
});

/** An SLA target the ticket still owes (met and breached ones are events in its history). */
export const SlaTimer = z.object({
  metric: z.enum(['first_reply', 'next_reply', 'resolution']),
  targetMinutes: z.number(),
  startedAt: IsoTime,
  /** Stopped by a pausing status (or, for a reply target, by solving). */
  paused: z.boolean(),
  /** When it runs or ran out; null while paused before that. */
  dueAt: IsoTime.nullable(),
  /** From when it shows as a warning (a quarter of the target left). */
  warnAt: IsoTime.nullable(),
  /** Paused before running out: the counting time left, in ms. */
  remainingMs: z.number().nullable(),
});

export const TicketSummary = z.object({
  number: z.number(),
  subject: z.string(),
  status: TicketStatus,
  priority: TicketPriority,
  type: TicketType,
  channel: TicketChannel,
  requester: RequesterRef,
  assignee: Ref.nullable(),
  team: Ref.nullable(),
  tags: z.array(z.string()),
  messageCount: z.number(),
  /** Owed SLA targets, first reply, next reply, resolution. */
  sla: z.array(SlaTimer),
  version: z.number(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Search only: the best-matching text with the terms marked by « ». */
  snippet: z.string().optional(),
});
export type TicketSummaryDto = z.infer<typeof TicketSummary>;

export const TicketList = z.object({ items: z.array(TicketSummary), nextCursor: z.string().nullable() });

export const TicketDetail = TicketSummary.extend({
  fields: FieldValues,
  returnDetails: ReturnResponse.nullable(),
  organisation: Ref.nullable(),
  problem: z.object({ number: z.number(), subject: z.string(), status: TicketStatus }).nullable(),
  incidents: z.array(z.object({ number: z.number(), subject: z.string(), status: TicketStatus })),
  mergedInto: z.number().nullable(),
  followerIds: z.array(z.number()),
  following: z.boolean(),
  /** Customers copied on the ticket's mail: replies go to them too. */
  cc: z.array(z.object({ id: z.number(), name: z.string(), email: z.string().nullable() })),
  replyCount: z.number(),
  reopenCount: z.number(),
  firstReplyAt: IsoTime.nullable(),
  solvedAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  /**
   * The CSAT survey about the ticket's latest solve that had one: its rating (1–5) and comment once
   * answered, null before; answers are taken until `expiresAt`.
   */
  satisfaction: z
    .object({
      score: z.number().nullable(),
      comment: z.string().nullable(),
      sentAt: IsoTime,
      answeredAt: IsoTime.nullable(),
      expiresAt: IsoTime,
    })
    .nullable(),
});
export type TicketDetailDto = z.infer<typeof TicketDetail>;
export const TicketEnvelope = z.object({ ticket: TicketDetail });

export const AttachmentResponse = z.object({
  id: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  url: z.string(),
});
export const AttachmentEnvelope = z.object({ attachment: AttachmentResponse });

export const MessageResponse = z.object({
  id: z.number(),
  kind: MessageKind,
  channel: TicketChannel,
  author: z.object({ type: z.enum(['user', 'customer', 'system']), id: z.number().nullable(), name: z.string() }),
  html: z.string(),
  text: z.string(),
  attachments: z.array(AttachmentResponse),
  /** A customer's mail: the quoted history folded away from the new text, and the original .eml to download. */
  mail: z.object({ quotedHtml: z.string().nullable(), hasOriginal: z.boolean() }).nullable(),
  /** A reply sent as mail: queued, sent, or failed with the server's answer (a bounce too). */
  delivery: z
    .object({
      status: z.enum(['queued', 'sent', 'failed']),
      error: z.string().nullable(),
      attempts: z.number(),
      deliveredAt: IsoTime.nullable(),
    })
    .nullable(),
  /**
   * What Sahayak said on a system message, as a key and values for the reader's language; its words in
   * English are the text. Null for every other message and for system messages written before.
   */
  system: SystemNote.nullable(),
  createdAt: IsoTime,
});
export const MessageList = z.object({ items: z.array(MessageResponse), nextCursor: z.string().nullable() });
export const MessageCreated = z.object({ message: MessageResponse, ticket: TicketDetail });

export const EventResponse = z.object({
  id: z.number(),
  type: z.string(),
  version: z.number(),
  actor: z.object({ type: z.enum(['user', 'customer', 'system']), id: z.number().nullable(), name: z.string() }),
  data: z.record(z.string(), z.unknown()),
  createdAt: IsoTime,
});
export const EventList = z.object({ items: z.array(EventResponse), nextCursor: z.string().nullable() });

// ---------- commands ----------

export const RequesterInput = z.union([
  z.object({ id: z.number().int().positive() }).strict(),
  z.object({ email: Email, name: z.string().trim().min(1).max(200).optional() }).strict(),
]);

export const CreateTicketBody = z.object({
  subject: z.string().trim().min(1, 'required').max(300),
  requester: RequesterInput,
  channel: TicketChannel.default('web'),
  priority: TicketPriority.default('normal'),
  type: TicketType.default('question'),
  status: TicketStatus.exclude(['closed']).optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  teamId: z.number().int().positive().nullable().optional(),
  tags: Tags.default([]),
  fields: FieldValues.default({}),
  returnDetails: ReturnDetails.nullable().default(null),
  /** The first message: from the customer (default) or an agent's outbound reply. */
  message: z.object({
    kind: z.enum(['customer', 'reply', 'note']).default('customer'),
    html: Html.min(1, 'required'),
    attachmentIds: AttachmentIds,
  }),
});

/** Every change carries the version it was based on: a stale one is refused with 409. */
export const UpdateTicketBody = z
  .object({
    version: z.number().int().positive(),
    subject: z.string().trim().min(1, 'required').max(300).optional(),
    status: TicketStatus.optional(),
    priority: TicketPriority.optional(),
    type: TicketType.optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    teamId: z.number().int().positive().nullable().optional(),
    requesterId: z.number().int().positive().optional(),
    tags: Tags.optional(),
    fields: FieldValues.optional(),
    returnDetails: ReturnDetails.nullable().optional(),
    /** Link this incident to a problem ticket (null unlinks). */
    problemNumber: z.number().int().positive().nullable().optional(),
    /** With status "solved" on a problem: solve its open incidents too. */
    solveIncidents: z.boolean().optional(),
  })
  .strict();

export const CreateMessageBody = z.object({
  version: z.number().int().positive(),
  kind: z.enum(['reply', 'note', 'customer']),
  html: Html.min(1, 'required'),
  attachmentIds: AttachmentIds,
  /** Status to set with the message ("status on send"). */
  status: TicketStatus.exclude(['new', 'closed']).optional(),
});

export const BulkUpdateBody = z.object({
  numbers: z.array(z.number().int().positive()).min(1).max(500),
  changes: z
    .object({
      status: TicketStatus.exclude(['new', 'closed']).optional(),
      priority: TicketPriority.optional(),
      assigneeId: z.number().int().positive().nullable().optional(),
      teamId: z.number().int().positive().nullable().optional(),
      addTags: Tags.optional(),
      removeTags: Tags.optional(),
    })
    .strict(),
});
export const BulkUpdateResult = z.object({
  updated: z.array(z.number()),
  failed: z.array(z.object({ number: z.number(), code: z.string(), message: z.string() })),
});

export const MergeBody = z.object({
  /** The ticket that lives on; this one is closed with a link to it. */
  intoNumber: z.number().int().positive(),
});

export const FollowBody = z.object({ userId: z.number().int().positive().optional() });

// ---------- views ----------

export const ViewResponse = z.object({
  id: z.number(),
  name: z.string(),
  systemKey: z.string().nullable(),
  shared: z.boolean(),
  ownerId: z.number().nullable(),
  filters: TicketFilters,
  sort: TicketSort,
  position: z.number(),
  count: z.number(),
});
export const ViewList = z.object({ items: z.array(ViewResponse) });
export const ViewEnvelope = z.object({ view: ViewResponse });
export const ViewCounts = z.object({ counts: z.record(z.string(), z.number()) });
const ViewName = z.string().trim().min(1, 'required').max(200);
const Position = z.number().int().min(0).max(10_000);
export const CreateViewBody = z.object({
  name: ViewName,
  shared: z.boolean().default(false),
  filters: TicketFilters,
  sort: TicketSort.default('updated_desc'),
  position: Position.default(100),
});
// Spelled out rather than CreateViewBody.partial(): partial() would still apply the defaults.
export const UpdateViewBody = z
  .object({ name: ViewName, shared: z.boolean(), filters: TicketFilters, sort: TicketSort, position: Position })
  .partial()
  .strict();
export const ViewTicketsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

// ---------- custom fields ----------

export const FieldOption = z.object({
  value: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(200),
  labelHi: z.string().trim().min(1).max(200),
});
export const CustomFieldResponse = z.object({
  id: z.number(),
  key: z.string(),
  labelEn: z.string(),
  labelHi: z.string(),
  kind: CustomFieldKind,
  options: z.array(FieldOption),
  requiredOnSolve: z.boolean(),
  active: z.boolean(),
  position: z.number(),
});
export type CustomFieldDto = z.infer<typeof CustomFieldResponse>;
export const CustomFieldList = z.object({ items: z.array(CustomFieldResponse) });
export const CustomFieldEnvelope = z.object({ field: CustomFieldResponse });
const Label = z.string().trim().min(1, 'required').max(200);
const Options = z.array(FieldOption).max(200);
export const CreateCustomFieldBody = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, 'field_key'),
  labelEn: Label,
  labelHi: Label,
  kind: CustomFieldKind,
  options: Options.default([]),
  requiredOnSolve: z.boolean().default(false),
  position: Position.default(100),
});
/** Key and kind stay: stored values depend on them. (Spelled out: partial() would apply defaults.) */
export const UpdateCustomFieldBody = z
  .object({
    labelEn: Label,
    labelHi: Label,
    options: Options,
    requiredOnSolve: z.boolean(),
    position: Position,
    active: z.boolean(),
  })
  .partial()
  .strict();
