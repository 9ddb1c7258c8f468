// Who may do what: the one place that maps permissions to roles. Services call require*().
import type { Actor, Ctx, Role } from './context.js';
import { AppError } from './errors.js';

const staff: Role[] = ['admin', 'manager', 'lead', 'agent'];

export const permissions = {
  'users.read': staff,
  'users.manage': ['admin'],
  'teams.read': staff,
  'teams.manage': ['admin', 'manager'],
  'tokens.own': staff,
  'tokens.manage_all': ['admin'],
  'audit.read': ['admin'],
  'settings.read': staff,
  'settings.manage': ['admin'],
  'live.subscribe': staff,
  'tickets.work': staff,
  /** Without it, a user sees their teams' tickets, tickets without a team, and their own. */
  'tickets.see_all': ['admin', 'manager'],
  'views.manage_shared': ['admin', 'manager'],
  'fields.manage': ['admin'],
  'customers.read': staff,
  /** Organisations (name, domain, tier): their tier decides SLA policies, so admins and managers. */
  'organisations.manage': ['admin', 'manager'],
  'notifications.own': staff,
  /** Performance figures: an agent their own and their teams' as a whole, a lead their teams'. */
  /** Business calendars: everyone reads (due times are shown to all), admins and managers change them. */
  'calendars.read': staff,
  'calendars.manage': ['admin', 'manager'],
  /** SLA policies: everyone reads (the targets a ticket is held to), admins and managers change them. */
  'sla.read': staff,
  'sla.manage': ['admin', 'manager'],
  /** Escalations view: leads see their teams' escalated tickets, admins and managers all. */
  'escalations.read': ['admin', 'manager', 'lead'],
  /** Escalation rules: everyone reads (what will happen to a waiting ticket), admins and managers change them. */
  'escalation_rules.read': staff,
  'escalation_rules.manage': ['admin', 'manager'],
  /** Macros: every agent applies shared ones and keeps personal ones; admins and managers change shared ones. */
  'macros.use': staff,
  'macros.manage_shared': ['admin', 'manager'],
  /** Triggers and time rules: leads read them (to know why a ticket changed), admins and managers change them. */
  'automation.read': ['admin', 'manager', 'lead'],
  'automation.manage': ['admin', 'manager'],
  'analytics.read': staff,
  'analytics.see_agents': ['admin', 'manager', 'lead'],
  'analytics.see_all': ['admin', 'manager'],
  /** Mail reports on a schedule (each runs as its owner: a lead's shows their teams only). */
  'analytics.schedule': ['admin', 'manager', 'lead'],
  /** Email channel: support addresses (with their acknowledgements) and IMAP mailboxes with their passwords. */
  'channels.manage': ['admin'],
  /** Survey answers: an agent those on their own tickets, a lead their teams', admins and managers all. */
  'feedback.read': staff,
  'feedback.see_teams': ['admin', 'manager', 'lead'],
  'feedback.see_all': ['admin', 'manager'],
  /** Themes on comments, follow-ups, forwards to the product team. */
  'feedback.manage': ['admin', 'manager', 'lead'],
  /** Survey settings: on or off per team and channel, texts, delays. */
  'surveys.manage': ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && (permissions[permission] as readonly Role[]).includes(actor.role);
}

/** The signed-in actor, or 401. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError(ctx.authProblem ?? 'unauthenticated');
  return ctx.actor;
}

/** The signed-in actor holding `permission`, or 401/403. */
export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (!can(actor, permission)) throw new AppError('forbidden', { permission });
  return actor;
}
