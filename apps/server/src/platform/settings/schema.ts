import { z } from 'zod';
import { LocaleSchema, TimeZone } from '../auth/schema.js';

export const Settings = z.object({
  companyName: z.string().trim().min(1, 'required').max(200),
  defaultLocale: LocaleSchema,
  defaultTimeZone: TimeZone,
  /** Days after which a solved ticket is closed for good. */
  ticketAutoCloseDays: z.number().int().min(1).max(365),
  /** Trend flags: a KPI worse by more than this many percent than the period before… */
  analyticsAlertThresholdPct: z.number().int().min(1).max(500),
  /** …with at least this many tickets behind it in both periods. */
  analyticsAlertMinVolume: z.number().int().min(1).max(100_000),
  /** Lets trigger and time rule webhooks reach loopback and private network addresses (off: refused, no SSRF). */
  webhookAllowPrivateTargets: z.boolean(),
});
export type SettingsDto = z.infer<typeof Settings>;
export const SettingsEnvelope = z.object({ settings: Settings });
export const UpdateSettingsBody = Settings.partial().strict();
