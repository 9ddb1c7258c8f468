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
  availability: Generated<'online' | 'away' | 'offline'>;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: string;
  lead_id: number | null;
  assignment_mode: Generated<'manual' | 'round_robin' | 'fewest_open'>;
  last_assigned_user_id: number | null;
  /** Support tier: 1 = first line (L1), 2 = L2 …; escalation moves tickets to a higher one. */
  tier: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  created_at: number;
}

/** people/presence.ts: one interval of a user's availability; offline is the absence of one. */
export interface AgentPresenceTable {
  id: Generated<number>;
  user_id: number;
  status: 'online' | 'away';
  started_at: number;
  /** Null: still going (the user's current availability). */
  ended_at: number | null;
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
  /** Lower case; new customers with an address at this domain are filed under the organisation. */
  domain: string | null;
  /** Free label (e.g. "enterprise") SLA policies can match on; null: none. */
  tier: string | null;
  notes: Generated<string>;
  /** 1: the organisation's customers see each other's tickets in the portal. */
  portal_shares_tickets: Generated<0 | 1>;
  created_at: number;
  updated_at: number;
}

/** A single-use portal sign-in link mailed to a customer; only the hash of its secret is kept. */
export interface CustomerMagicLinksTable {
  id: Generated<number>;
  token_hash: string;
  customer_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A customer's portal session (its own cookie and CSRF token, apart from staff sessions). */
export interface CustomerSessionsTable {
  id: Generated<number>;
  token_hash: string;
  customer_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
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
  /** Set when the customer asked for no more surveys. */
  surveys_opted_out_at: Generated<number | null>;
  /** Set when mail to their address bounced: no survey goes there. */
  email_bounced_at: Generated<number | null>;
}

export type CustomerRow = Selectable<CustomersTable>;

export interface CountersTable {
  name: string;
  value: number;
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'question' | 'incident' | 'problem' | 'task' | 'return';
export type TicketChannel = 'email' | 'chat' | 'phone' | 'social' | 'portal' | 'web' | 'api';
export type MessageKind = 'reply' | 'note' | 'customer' | 'system';

export interface TicketsTable {
  id: Generated<number>;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  requester_id: number;
  organisation_id: number | null;
  assignee_id: number | null;
  team_id: number | null;
  /** JSON array of tag strings (ticket_tags is the index). */
  tags: string;
  /** JSON object: custom field key -> value (ticket_field_values is the index). */
  fields: string;
  /** JSON of the return/refund request, or null. */
  return_details: string | null;
  problem_id: number | null;
  merged_into_id: number | null;
  version: number;
  message_count: number;
  reply_count: number;
  reopen_count: number;
  first_reply_at: number | null;
  last_reply_at: number | null;
  last_customer_message_at: number | null;
  solved_at: number | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface TicketMessagesTable {
  id: Generated<number>;
  ticket_id: number;
  kind: MessageKind;
  author_user_id: number | null;
  author_customer_id: number | null;
  channel: TicketChannel;
  body_html: string;
  body_text: string;
  created_at: number;
  /** The mail's Message-ID (without <>): an inbound mail's own, or the one our outbound mail carried. */
  mail_message_id: string | null;
  /** The original .eml of an inbound mail. */
  eml_blob_key: string | null;
  /** The quoted history and signature of an inbound mail, shown folded under the new text. */
  quoted_html: string | null;
  delivery_status: DeliveryStatus | null;
  delivery_error: string | null;
  delivery_attempts: Generated<number>;
  delivered_at: number | null;
  /** A system message's words as a key and values (tickets/system-notes.ts), JSON; null otherwise. */
  system_note: string | null;
}

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export interface SupportAddressesTable {
  id: Generated<number>;
  address: string;
  name: Generated<string>;
  team_id: number | null;
  is_default: Generated<0 | 1>;
  ack_enabled: Generated<0 | 1>;
  ack_subject_en: Generated<string>;
  ack_body_en: Generated<string>;
  ack_subject_hi: Generated<string>;
  ack_body_hi: Generated<string>;
  created_at: number;
  updated_at: number;
}
export type SupportAddressRow = Selectable<SupportAddressesTable>;

export interface MailAccountsTable {
  id: Generated<number>;
  name: string;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  password_sealed: string;
  mailbox: Generated<string>;
  move_to: string | null;
  active: Generated<0 | 1>;
  /** 1: the server's certificate is not checked against the trusted authorities (self-signed). */
  allow_self_signed: Generated<0 | 1>;
  last_poll_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}
export type MailAccountRow = Selectable<MailAccountsTable>;

export type InboundOutcome = 'new_ticket' | 'message' | 'auto_reply' | 'bounce' | 'ignored';

export interface InboundMailsTable {
  id: Generated<number>;
  message_id: string;
  via: 'smtp' | 'imap' | 'api';
  blob_key: string;
  size: number;
  from_address: string | null;
  subject: Generated<string>;
  outcome: InboundOutcome;
  reason: string | null;
  ticket_id: number | null;
  ticket_message_id: number | null;
  bounced_message_id: number | null;
  warnings: Generated<string>;
  received_at: number;
}

export interface TicketCcTable {
  ticket_id: number;
  customer_id: number;
  created_at: number;
}

export interface AutoMailLogTable {
  id: Generated<number>;
  address: string;
  sent_at: number;
}

export interface TicketAttachmentsTable {
  id: Generated<number>;
  ticket_id: number | null;
  message_id: number | null;
  blob_key: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by_id: number | null;
  created_at: number;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  /** The ticket's version after the command that wrote this event. */
  version: number;
  type: string;
  actor_user_id: number | null;
  actor_customer_id: number | null;
  /** JSON payload, shape by type (tickets/events.ts). */
  data: string;
  created_at: number;
}

export interface TicketTagsTable {
  ticket_id: number;
  tag: string;
}

export type CustomFieldKind = 'text' | 'number' | 'dropdown' | 'multiselect' | 'date' | 'checkbox';

export interface CustomFieldsTable {
  id: Generated<number>;
  key: string;
  label_en: string;
  label_hi: string;
  kind: CustomFieldKind;
  /** JSON array of { value, labelEn, labelHi } for dropdown and multiselect. */
  options: string;
  required_on_solve: Flag;
  active: Flag;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface TicketFieldValuesTable {
  ticket_id: number;
  field_id: number;
  value: string;
}

export interface ViewsTable {
  id: Generated<number>;
  /** null: shared with everyone. */
  owner_id: number | null;
  /** Built-in views (my_open, unassigned, …) are named in the UI's language by this key. */
  system_key: string | null;
  name: string;
  /** JSON of the view's filters (tickets/schema.ts TicketFilters). */
  filters: string;
  sort: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface TicketFollowersTable {
  ticket_id: number;
  user_id: number;
  created_at: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  ticket_id: number | null;
  actor_id: number | null;
  data: string;
  created_at: number;
  read_at: number | null;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  in_app: Flag;
  email: Flag;
}

/** analytics/facts.ts, one row per ticket. */
export interface TicketFactsTable {
  ticket_id: number;
  version: number;
  created_at: number;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  assignee_id: number | null;
  team_id: number | null;
  organisation_id: number | null;
  /** JSON array, sorted. */
  tags: string;
  status_since: number;
  first_reply_at: number | null;
  first_reply_by: number | null;
  replies: number;
  solved_at: number | null;
  solved_by: number | null;
  reopens: number;
  wait_ms: number;
  /** JSON: facts.ts waitSpans. */
  wait_spans: Generated<string>;
  merged_away: Flag;
  /** 0 no outcome, 1 met, 2 breached (breached wins over an earlier met). */
  sla_first_reply: Generated<number>;
  sla_next_reply_met: Generated<number>;
  sla_next_reply_breached: Generated<number>;
  sla_resolution: Generated<number>;
  /** 1 once the CSAT survey of the latest solve went out (0 again after a reopen). */
  survey_sent: Generated<Flag>;
  /** 1–5: the latest answer to that survey; null while unanswered. */
  csat_score: number | null;
  /** 1 once an NPS survey attributed to this ticket went out (a reopen keeps it). */
  nps_sent: Generated<Flag>;
  /** 0–10: the latest answer to it; null while unanswered. */
  nps_score: number | null;
}

/** sla/timers-store.ts: an SLA target a ticket still owes. */
export interface TicketSlaTable {
  ticket_id: number;
  metric: 'first_reply' | 'next_reply' | 'resolution';
  cycle: number;
  policy_id: number;
  target_minutes: number;
  started_at: number;
  paused: Flag;
  due_at: number | null;
  remaining_ms: number | null;
  warn_at: number | null;
  breach_logged: Generated<Flag>;
}

/** analytics/activity.ts: one agent's work on one ticket in one quarter hour. */
export interface AgentActivityTable {
  ticket_id: number;
  user_id: number;
  /** UTC ms, a multiple of 15 minutes. */
  slot_start: number;
  team_id: number | null;
  replies: number;
  notes: number;
  actions: number;
}

/** analytics/reports.ts: a saved report. */
export interface AnalyticsReportsTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  /** JSON: analytics/schema.ts ReportDefinition. */
  definition: string;
  /** JSON array of roles that see it besides its owner. */
  shared_roles: string;
  pinned: Flag;
  created_at: number;
  updated_at: number;
}

/** analytics/schedules.ts: a report mailed weekly or monthly. */
export interface AnalyticsSchedulesTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  /** Null: the overview dashboard. */
  report_id: number | null;
  frequency: 'weekly' | 'monthly';
  /** ISO weekday, 1 = Monday (weekly). */
  weekday: number;
  /** 1–28 (monthly). */
  day_of_month: number;
  /** Local hour it goes out, 0–23. */
  hour: number;
  time_zone: string;
  locale: 'en' | 'hi';
  /** analytics/schema.ts SchedulePeriod. */
  period: string;
  /** JSON array of email addresses. */
  recipients: string;
  enabled: Flag;
  next_run_at: number | null;
  last_sent_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** sla/calendars.ts: working hours and holidays in a time zone. */
export interface BusinessCalendarsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  /** JSON: sla/schema.ts WorkingHours[]. */
  hours: string;
  /** JSON: sla/schema.ts Holiday[]. */
  holidays: string;
  is_default: Flag;
  created_at: number;
  updated_at: number;
}

/** sla/calendars.ts: the calendar a team counts in (teams without a row use the default one). */
export interface TeamCalendarsTable {
  team_id: number;
  calendar_id: number;
}

/** sla/policies.ts: ordered rules giving tickets their reply and resolution targets. */
export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** Order of matching, lower first. */
  position: number;
  active: Flag;
  /** JSON: sla/schema.ts PolicyConditions. */
  conditions: string;
  /** JSON: sla/schema.ts PolicyTargets (minutes per priority and metric). */
  targets: string;
  /** 1: targets count in the team's business calendar; 0: calendar hours. */
  business_hours: Flag;
  /** JSON: the statuses that pause the clock (sla/schema.ts PausingStatus[]). */
  pause_on: string;
  created_at: number;
  updated_at: number;
}

/** automation/macros.ts: a named bundle of ticket actions with a reply in English and Hindi. */
/** escalation/: ordered rules that notify, escalate and raise priority when a ticket waits too long. */
export interface EscalationRulesTable {
  id: Generated<number>;
  name: string;
  description: string;
  position: number;
  active: Flag;
  /** JSON: escalation/schema.ts RuleConditions. */
  conditions: string;
  /** JSON: escalation/schema.ts RuleActions. */
  actions: string;
  created_at: number;
  updated_at: number;
}

/** The latest escalation of each escalated ticket (every one is also a ticket event). */
export interface TicketEscalationsTable {
  id: Generated<number>;
  ticket_id: number;
  escalated_at: number;
  from_tier: number | null;
  to_tier: number;
  from_team_id: number | null;
  to_team_id: number | null;
  reason: string;
  rule_id: number | null;
  actor_user_id: number | null;
  escalation_count: Generated<number>;
}

/** Which rule acted on which ticket: run_key '' (once per ticket) or 'metric:cycle' (once per breach). */
export interface EscalationRuleRunsTable {
  id: Generated<number>;
  rule_id: number;
  ticket_id: number;
  run_key: string;
  ran_at: number;
}

export interface MacrosTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** Null: shared; otherwise the agent whose personal macro it is. */
  owner_user_id: number | null;
  /** JSON: automation/actions.ts Action[]. */
  actions: string;
  reply_en: string;
  reply_hi: string;
  reply_kind: 'public' | 'internal';
  active: Flag;
  usage_count: Generated<number>;
  last_used_at: number | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** automation/triggers.ts: ordered rules that act on a ticket when a command creates or updates it. */
export interface TriggersTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** Order of running, lower first. */
  position: number;
  active: Flag;
  /** JSON: automation/rules-schema.ts Conditions. */
  conditions: string;
  /** JSON: automation/actions.ts RuleAction[]. */
  actions: string;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** automation/time-rules.ts: hourly rules on the hours since a ticket was created, updated, pending or solved. */
export interface TimeRulesTable extends TriggersTable {
  since: 'created' | 'updated' | 'pending' | 'solved';
  hours: number;
}

/** Which time rule acted on which ticket for which period (the moment its hours counted from). */
export interface TimeRuleRunsTable {
  id: Generated<number>;
  rule_id: number;
  ticket_id: number;
  since_at: number;
  ran_at: number;
}

export type SurveyKind = 'csat' | 'nps';

export interface SurveysTable {
  id: Generated<number>;
  kind: SurveyKind;
  ticket_id: number | null;
  cycle: number;
  customer_id: number;
  email: string;
  locale: 'en' | 'hi';
  agent_id: number | null;
  team_id: number | null;
  channel: TicketChannel | null;
  priority: TicketPriority | null;
  sent_at: number;
  expires_at: number;
  score: number | null;
  comment: string | null;
  answered_at: number | null;
  follow_up_ticket_id: number | null;
  forwarded_at: number | null;
  forwarded_by_id: number | null;
  forwarded_to: string | null;
}
export type SurveyRow = Selectable<SurveysTable>;

export interface SurveyTagsTable {
  survey_id: number;
  tag: string;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  teams: TeamsTable;
  business_calendars: BusinessCalendarsTable;
  team_calendars: TeamCalendarsTable;
  sla_policies: SlaPoliciesTable;
  macros: MacrosTable;
  triggers: TriggersTable;
  time_rules: TimeRulesTable;
  time_rule_runs: TimeRuleRunsTable;
  ticket_sla: TicketSlaTable;
  escalation_rules: EscalationRulesTable;
  ticket_escalations: TicketEscalationsTable;
  escalation_rule_runs: EscalationRuleRunsTable;
  team_members: TeamMembersTable;
  agent_presence: AgentPresenceTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  organisations: OrganisationsTable;
  customers: CustomersTable;
  surveys: SurveysTable;
  survey_tags: SurveyTagsTable;
  customer_magic_links: CustomerMagicLinksTable;
  customer_sessions: CustomerSessionsTable;
  counters: CountersTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_events: TicketEventsTable;
  ticket_tags: TicketTagsTable;
  custom_fields: CustomFieldsTable;
  ticket_field_values: TicketFieldValuesTable;
  views: ViewsTable;
  ticket_followers: TicketFollowersTable;
  support_addresses: SupportAddressesTable;
  mail_accounts: MailAccountsTable;
  inbound_mails: InboundMailsTable;
  ticket_cc: TicketCcTable;
  auto_mail_log: AutoMailLogTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  ticket_facts: TicketFactsTable;
  agent_activity: AgentActivityTable;
  analytics_reports: AnalyticsReportsTable;
  analytics_schedules: AnalyticsSchedulesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type BusinessCalendarRow = Selectable<BusinessCalendarsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type MacroRow = Selectable<MacrosTable>;
export type TriggerRow = Selectable<TriggersTable>;
export type TimeRuleRow = Selectable<TimeRulesTable>;
export type EscalationRuleRow = Selectable<EscalationRulesTable>;
export type TicketEscalationRow = Selectable<TicketEscalationsTable>;
export type TicketSlaRow = Selectable<TicketSlaTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type CustomFieldRow = Selectable<CustomFieldsTable>;
export type ViewRow = Selectable<ViewsTable>;
export type AttachmentRow = Selectable<TicketAttachmentsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type TicketFactsRow = Selectable<TicketFactsTable>;
export type AgentActivityRow = Selectable<AgentActivityTable>;
export type AnalyticsReportRow = Selectable<AnalyticsReportsTable>;
export type AnalyticsScheduleRow = Selectable<AnalyticsSchedulesTable>;
