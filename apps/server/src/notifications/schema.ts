// Request and response schemas of in-app notifications and their preferences.
import { z } from 'zod';
import { IsoTime } from '../platform/auth/schema.js';

const Ref = z.object({ id: z.number(), name: z.string() });

/** automation: a trigger or time rule asked for the recipient's attention (the rule is the actor). */
export const NotificationKind = z.enum(['assigned', 'escalated', 'mentioned', 'follower_update', 'automation']);
export const NotificationResponse = z.object({
  id: z.number(),
  kind: NotificationKind,
  ticketNumber: z.number().nullable(),
  ticketSubject: z.string().nullable(),
  actor: Ref.nullable(),
  createdAt: IsoTime,
  readAt: IsoTime.nullable(),
});
export const NotificationList = z.object({
  items: z.array(NotificationResponse),
  unread: z.number(),
  nextCursor: z.string().nullable(),
});
export const MarkReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export const NotificationPreference = z.object({ kind: NotificationKind, inApp: z.boolean(), email: z.boolean() });
export const NotificationPreferences = z.object({ items: z.array(NotificationPreference) });
export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});
export const UnreadCount = z.object({ unread: z.number() });
