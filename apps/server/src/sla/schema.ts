// Request and response schemas of business calendars.
import { z } from 'zod';
import { TimeZone } from '../platform/auth/schema.js';

const Clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time as HH:MM (00:00–24:00)');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const WorkingHours = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  from: Clock,
  to: Clock,
});
export const Holiday = z.object({
  date: LocalDate,
  name: z.string().trim().max(100).default(''),
  /** On the same month and day every year (the year of `date` is then ignored). */
  yearly: z.boolean().default(false),
});

const calendarFields = {
  name: z.string().trim().min(1).max(100),
  /** Default: the organisation's. */
  timeZone: TimeZone,
  /** Several intervals a day are allowed; they may not overlap. At least one in the week. */
  hours: z.array(WorkingHours).max(70),
  holidays: z.array(Holiday).max(400),
  /** Used by teams without a calendar of their own. At most one calendar is the default. */
  isDefault: z.boolean(),
  /** The teams that count in this calendar (a team counts in one: it leaves any other). */
  teamIds: z.array(z.number().int().positive()).max(200),
};
export const CreateCalendarBody = z.object({
  ...calendarFields,
  timeZone: calendarFields.timeZone.optional(),
  holidays: calendarFields.holidays.default([]),
  isDefault: calendarFields.isDefault.default(false),
  teamIds: calendarFields.teamIds.default([]),
});
export const UpdateCalendarBody = z.object(calendarFields).partial();

export const Calendar = z.object({
  id: z.number(),
  name: z.string(),
  timeZone: z.string(),
  hours: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), yearly: z.boolean() })),
  isDefault: z.boolean(),
  /** Working hours in a week (holidays aside), for lists. */
  weeklyHours: z.number(),
  /** Teams that count in it. */
  teamIds: z.array(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CalendarEnvelope = z.object({ calendar: Calendar });
export const CalendarList = z.object({ items: z.array(Calendar) });
