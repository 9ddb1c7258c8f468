// Request and response schemas of users, teams and first-run setup.
import { z } from 'zod';
import {
  AvailabilitySchema,
  Email,
  LocaleSchema,
  Password,
  RoleSchema,
  ThemeSchema,
  TimeZone,
  UserResponse,
} from '../platform/auth/schema.js';

const Name = z.string().trim().min(1, 'required').max(200);

export const SetupStatus = z.object({ needed: z.boolean() });
export const SetupBody = z.object({ name: Name, email: Email, password: Password, locale: LocaleSchema.optional() });

export const UpdateMeBody = z
  .object({
    name: Name,
    locale: LocaleSchema,
    timeZone: TimeZone,
    theme: ThemeSchema,
    availability: AvailabilitySchema,
  })
  .partial()
  .strict();
export const UserEnvelope = z.object({ user: UserResponse });

export const UserListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: RoleSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  teamId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const UserList = z.object({ items: z.array(UserResponse), nextCursor: z.string().nullable() });

export const Capacity = z.number().int().min(0).max(1000);

export const CreateUserBody = z.object({
  name: Name,
  email: Email,
  role: RoleSchema,
  locale: LocaleSchema.default('en'),
  timeZone: TimeZone.default('Asia/Kolkata'),
  capacity: Capacity.default(20),
  password: Password.optional(),
});
export const UpdateUserBody = z
  .object({
    name: Name,
    email: Email,
    role: RoleSchema,
    locale: LocaleSchema,
    timeZone: TimeZone,
    capacity: Capacity,
    active: z.boolean(),
  })
  .partial()
  .strict();

/** How new tickets of a team find an agent: by hand, in turn, or to whoever has the fewest open. */
export const AssignmentMode = z.enum(['manual', 'round_robin', 'fewest_open']);
export const TeamResponse = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  leadId: z.number().nullable(),
  memberIds: z.array(z.number()),
  assignmentMode: AssignmentMode,
  /** Support tier: 1 = first line (L1), 2 = L2 …; escalation moves a ticket to a higher tier. */
  tier: z.number(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TeamDto = z.infer<typeof TeamResponse>;
export const TeamEnvelope = z.object({ team: TeamResponse });
export const TeamList = z.object({ items: z.array(TeamResponse) });
/** A support tier: 1 (first line) to 9. */
export const Tier = z.number().int('tier_range').min(1, 'tier_range').max(9, 'tier_range');
const UserIds = z.array(z.number().int().positive()).max(1000);
export const CreateTeamBody = z.object({
  name: Name,
  description: z.string().max(2000).default(''),
  leadId: z.number().int().positive().nullable().default(null),
  memberIds: UserIds.default([]),
  assignmentMode: AssignmentMode.default('manual'),
  tier: Tier.default(1),
});
export const UpdateTeamBody = z
  .object({
    name: Name,
    description: z.string().max(2000),
    leadId: z.number().int().positive().nullable(),
    memberIds: UserIds,
    assignmentMode: AssignmentMode,
    tier: Tier,
  })
  .partial()
  .strict();
