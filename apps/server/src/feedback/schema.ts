// Wire shapes of the feedback domain: survey settings, the public survey page, the feedback inbox.
import { z } from 'zod';
import { TicketChannel } from '../tickets/schema.js';

const Text = z.string().trim().min(1, 'required').max(2000);
export const SurveyTexts = z.object({ subject: Text, intro: Text, question: Text, thanks: Text });
const Texts = z.object({ en: SurveyTexts, hi: SurveyTexts });

/** Teams and channels whose tickets get the survey; null: all of them. */
const Scope = {
  teamIds: z.array(z.number().int().positive()).max(200).nullable(),
  channels: z.array(TicketChannel).max(7).nullable(),
};

export const SurveySettings = z.object({
  csat: z.object({
    enabled: z.boolean(),
    /** Minutes after the solve before the survey goes out (a quick reopen cancels it). */
    delayMinutes: z.number().int().min(0).max(10_080),
    /** Days the link takes answers (and a changed answer replaces the earlier one). */
    expiryDays: z.number().int().min(1).max(90),
    ...Scope,
    texts: Texts,
  }),
  nps: z.object({
    enabled: z.boolean(),
    /** How often the NPS run looks for customers with a ticket solved in the period. */
    periodDays: z.number().int().min(7).max(365),
    /** At most one NPS survey per customer in this many days. */
    throttleDays: z.number().int().min(30).max(365),
    /** Judged on the customer's latest solved ticket of the period. */
    ...Scope,
    texts: Texts,
  }),
  /** Where "forward to product" sends a comment: an address, a webhook, or both. */
  productFeedback: z.object({
    email: z.string().trim().toLowerCase().email('email_format').max(320).nullable(),
    webhookUrl: z.string().trim().min(1, 'required').max(2000).nullable(),
  }),
});
export type SurveySettingsDto = z.infer<typeof SurveySettings>;
export const SurveySettingsEnvelope = z.object({ settings: SurveySettings });

export const SurveyToken = z.object({ token: z.string().min(10).max(400) });

export const PublicSurvey = z.object({
  kind: z.enum(['csat', 'nps']),
  ticketNumber: z.number().int().nullable(),
  ticketSubject: z.string().nullable(),
  companyName: z.string(),
  locale: z.enum(['en', 'hi']),
  question: z.string(),
  thanks: z.string(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  answeredAt: z.number().int().nullable(),
  expiresAt: z.number().int(),
  open: z.boolean(),
  optedOut: z.boolean(),
});
export const PublicSurveyEnvelope = z.object({ survey: PublicSurvey });

export const AnswerBody = z
  .object({
    // The scale is checked against the survey's kind (1–5 for CSAT, 0–10 for NPS) by the service.
    score: z.number().int(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
