import { z } from 'zod';
import { LocaleSchema, TimeZone } from '../auth/schema.js';

export const Settings = z.object({
  companyName: z.string().trim().min(1, 'required').max(200),
  defaultLocale: LocaleSchema,
  defaultTimeZone: TimeZone,
});
export type SettingsDto = z.infer<typeof Settings>;
export const SettingsEnvelope = z.object({ settings: Settings });
export const UpdateSettingsBody = Settings.partial().strict();
