// Table types of the database, shared by every repo. Times are epoch milliseconds (UTC);
// flags are 0/1 integers so both dialects read the same values.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Flag = 0 | 1;

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  email: string;
  password_hash: string | null;
  role: 'admin' | 'manager' | 'lead' | 'agent';
  locale: 'en' | 'hi';
  time_zone: string;
  theme: 'light' | 'dark' | 'auto';
  active: Flag;
  capacity: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: string;
  lead_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  created_at: number;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  csrf_token: string;
  user_id: number;
  user_agent: string;
  ip: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  scope: 'read' | 'write';
  prefix: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  created_at: number;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  domain: string | null;
  created_at: number;
  updated_at: number;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  phone: string | null;
  organisation_id: number | null;
  locale: 'en' | 'hi';
  created_at: number;
  updated_at: number;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  organisations: OrganisationsTable;
  customers: CustomersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
