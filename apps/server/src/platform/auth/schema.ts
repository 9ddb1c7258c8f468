// Request and response schemas of sign-in, sessions, password resets and API tokens.
import { z } from 'zod';

export const Email = z
  .email()
  .max(320)
  .transform((v) => v.toLowerCase());
export const Password = z.string().min(10, 'password_length').max(200, 'password_length');
export const LocaleSchema = z.enum(['en', 'hi']);
export const ThemeSchema = z.enum(['light', 'dark', 'auto']);
export const RoleSchema = z.enum(['admin', 'manager', 'lead', 'agent']);
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'time_zone' },
  );
export const AvailabilitySchema = z.enum(['online', 'away', 'offline']);
export const IsoTime = z.iso.datetime();
export const IdParam = z.object({ id: z.coerce.number().int().positive() });

export const UserResponse = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
  timeZone: z.string(),
  theme: ThemeSchema,
  active: z.boolean(),
  capacity: z.number(),
  availability: AvailabilitySchema,
  teamIds: z.array(z.number()),
  lastLoginAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type UserDto = z.infer<typeof UserResponse>;

export const LoginBody = z.object({ email: Email, password: z.string().min(1, 'required').max(200) });
export const SessionResponse = z.object({ user: UserResponse, csrfToken: z.string().nullable() });

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export const PasswordResetBody = z.object({ email: Email });
export const PasswordResetConfirmBody = z.object({ token: z.string().min(10).max(200), password: Password });

export const SessionItem = z.object({
  id: z.number(),
  userAgent: z.string(),
  ip: z.string(),
  createdAt: IsoTime,
  lastSeenAt: IsoTime,
  expiresAt: IsoTime,
  current: z.boolean(),
});
export const SessionList = z.object({ items: z.array(SessionItem) });

export const TokenScope = z.enum(['read', 'write']);
export const ApiTokenResponse = z.object({
  id: z.number(),
  name: z.string(),
  scope: TokenScope,
  prefix: z.string(),
  userId: z.number(),
  userName: z.string(),
  createdAt: IsoTime,
  lastUsedAt: IsoTime.nullable(),
  expiresAt: IsoTime.nullable(),
  revokedAt: IsoTime.nullable(),
});
export const CreateTokenBody = z.object({
  name: z.string().trim().min(1, 'required').max(200),
  scope: TokenScope,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const CreatedTokenResponse = z.object({ token: ApiTokenResponse, secret: z.string() });
export const TokenListQuery = z.object({ owner: z.enum(['me', 'all']).default('me') });
export const TokenList = z.object({ items: z.array(ApiTokenResponse) });
