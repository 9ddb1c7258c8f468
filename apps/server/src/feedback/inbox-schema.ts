// Wire shapes of the feedback inbox: the answered surveys with their filters and summary, tags,
// follow-up tickets, forwards to the product team, and the themes of the comments.
import { z } from 'zod';
import { IsoTime } from '../platform/auth/schema.js';
import { csv } from '../platform/http/csv.js';
import { TicketChannel, TicketPriority } from '../tickets/schema.js';

export const SurveyKindSchema = z.enum(['csat', 'nps']);

/** A day in the organisation's time zone; checked to be a real date by the service. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not_a_date');
const Id = z.coerce.number().int().positive();

/** The filters the list and the themes share. */
const commonFilters = {
  kind: SurveyKindSchema.optional(),
  agentId: Id.optional(),
  teamId: Id.optional(),
  channel: TicketChannel.optional(),
  /** Days in the organisation's time zone, both inclusive. */
  from: Day.optional(),
  to: Day.optional(),
};

export const FeedbackListQuery = z.object({
  ...commonFilters,
  /** Score chips, comma-separated (0–10; 1–5 with kind=csat). */
  scores: csv(z.coerce.number().int().min(0).max(10)).optional(),
  tag: z.string().trim().toLowerCase().min(1).max(80).optional(),
  /** Only the caller's own answers (the agent of the survey). */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type FeedbackListQueryDto = z.output<typeof FeedbackListQuery>;

export const FeedbackThemesQuery = z.object(commonFilters);
export type FeedbackThemesQueryDto = z.output<typeof FeedbackThemesQuery>;

const Ref = z.object({ id: z.number(), name: z.string() });

export const FeedbackItem = z.object({
  id: z.number(),
  kind: SurveyKindSchema,
  score: z.number(),
  comment: z.string().nullable(),
  tags: z.array(z.string()),
  answeredAt: IsoTime,
  /** The ticket the survey was about (CSAT); channel and priority as they were when it was sent. */
  ticket: z
    .object({ number: z.number(), subject: z.string(), channel: TicketChannel, priority: TicketPriority })
    .nullable(),
  customer: z.object({ id: z.number(), name: z.string(), email: z.string().nullable() }),
  agent: Ref.nullable(),
  team: Ref.nullable(),
  followUpTicketNumber: z.number().nullable(),
  forwarded: z.object({ at: IsoTime, by: Ref.nullable(), to: z.string() }).nullable(),
});
export type FeedbackItemDto = z.infer<typeof FeedbackItem>;

export const FeedbackSummary = z.object({
  /** Surveys sent in the period (by sent time), matching the filters other than scores and tag. */
  sent: z.number(),
  /** Of those, the ones answered (and matching the score chips and tag). */
  answered: z.number(),
  /** answered / sent × 100, to 0.1; null when nothing was sent. */
  responseRate: z.number().nullable(),
  /** CSAT: % satisfied (4–5) of the CSAT answers; with kind=nps: % promoters − % detractors. To 0.1. */
  score: z.number().nullable(),
});

export const FeedbackList = z.object({
  items: z.array(FeedbackItem),
  nextCursor: z.string().nullable(),
  summary: FeedbackSummary,
});
export const FeedbackEnvelope = z.object({ item: FeedbackItem });

export const FeedbackTagsBody = z
  .object({
    tags: z
      .array(z.string().trim().toLowerCase().min(1, 'required').max(80))
      .max(20, 'too_many')
      .transform((tags) => [...new Set(tags)]),
  })
  .strict();

export const FollowUpBody = z
  .object({
    subject: z.string().trim().min(1, 'required').max(250),
    html: z.string().min(1, 'required').max(500_000),
  })
  .strict();
export const FollowUpResponse = z.object({ item: FeedbackItem, ticketNumber: z.number() });

export const ForwardBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();

const ThemeExample = z.object({ id: z.number(), text: z.string(), score: z.number(), scale: SurveyKindSchema });
export const ThemeResponse = z.object({
  term: z.string(),
  count: z.number(),
  previousCount: z.number(),
  /** Change in the share of comments mentioning it, in percentage points; null without a previous period. */
  trend: z.number().nullable(),
  averageScore: z.number(),
  lowScoreShare: z.number(),
  examples: z.array(ThemeExample),
});
export const FeedbackThemes = z.object({
  themes: z.array(ThemeResponse),
  /** Comments in the period and in the same-length period just before it. */
  comments: z.number(),
  previousComments: z.number(),
});
