// Macros: who may see, apply and change which (shared ones for all, personal ones for their owner),
// what a valid one is (known placeholders, actions naming what exists), and applying one to a
// ticket — previewed first, then in one command with its usage counted.
import type { z } from 'zod';
import { findCustomerBrief, organisationNames } from '../customers/service.js';
import { teamBriefs, userBriefs } from '../people/service.js';
import { recordAudit } from '../platform/audit/service.js';
import { iso, isoOrNull } from '../platform/auth/dto.js';
import type { Actor, Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { MacroRow, TicketRow } from '../platform/db/types.js';
import { AppError, fieldError, type Locale } from '../platform/errors.js';
import { can, requirePermission } from '../platform/rbac.js';
import { previewChanges, type TicketChanges } from '../tickets/commands.js';
import type { DerivedTicket } from '../tickets/events.js';
import { applyBundle } from '../tickets/service.js';
import { type Action, changesOf, checkActions } from './actions.js';
import { PLACEHOLDERS, type PlaceholderValues, renderText, unknownPlaceholders } from './placeholders.js';
import * as repo from './repo.js';
import type { ApplyMacroBody, CreateMacroBody, FieldChange, MacroListQuery, UpdateMacroBody } from './schema.js';

type In<T extends z.ZodType> = z.output<T>;

// ---------- who sees and changes which ----------

const visibleTo = (row: MacroRow, actor: Actor) => row.owner_user_id === null || row.owner_user_id === actor.userId;

/** Shared macros: admins and managers; personal ones: their owner only. */
const editableBy = (row: Pick<MacroRow, 'owner_user_id'>, actor: Actor) =>
  row.owner_user_id === null ? can(actor, 'macros.manage_shared') : row.owner_user_id === actor.userId;

/** The macro if the actor may see it; 404 otherwise (another agent's personal macro is not theirs to know of). */
async function visibleMacro(db: Executor, actor: Actor, id: number): Promise<MacroRow> {
  const row = await repo.findMacro(db, id);
  if (!row || !visibleTo(row, actor)) throw new AppError('macro_not_found');
  return row;
}

async function editableMacro(db: Executor, actor: Actor, id: number): Promise<MacroRow> {
  const row = await visibleMacro(db, actor, id);
  if (!editableBy(row, actor)) throw new AppError('forbidden', { permission: 'macros.manage_shared' });
  return row;
}

// ---------- what a valid macro is ----------

/** Every reply text's unknown placeholders, named per field: 400 when there are any. */
function checkPlaceholders(texts: Record<string, string | undefined>) {
  const found: Record<string, string[]> = {};
  for (const [field, text] of Object.entries(texts)) {
    const unknown = text === undefined ? [] : unknownPlaceholders(text);
    if (unknown.length) found[field] = unknown;
  }
  if (Object.keys(found).length) {
    throw new AppError('validation_failed', {
      fields: Object.fromEntries(Object.keys(found).map((f) => [f, 'unknown_placeholder'])),
      placeholders: found,
      allowed: [...PLACEHOLDERS],
    });
  }
}

async function nameFree(db: Executor, name: string, ownerId: number | null, exceptId?: number) {
  if (await repo.findMacroByName(db, name, ownerId, exceptId)) throw fieldError('name', 'taken', 'macro_name_taken');
}

const parseActions = (row: MacroRow) => JSON.parse(row.actions) as Action[];

const toDto = (row: MacroRow, actor: Actor, names: Map<number, string>) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  shared: row.owner_user_id === null,
  ownerId: row.owner_user_id,
  actions: parseActions(row),
  replyEn: row.reply_en,
  replyHi: row.reply_hi,
  replyKind: row.reply_kind,
  active: row.active === 1,
  usageCount: row.usage_count,
  lastUsedAt: isoOrNull(row.last_used_at),
  editable: editableBy(row, actor),
  createdBy: row.created_by === null ? null : { id: row.created_by, name: names.get(row.created_by) ?? '' },
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});
type MacroDto = ReturnType<typeof toDto>;

async function toDtos(db: Executor, rows: MacroRow[], actor: Actor): Promise<MacroDto[]> {
  const users = await userBriefs(
    db,
    rows.flatMap((r) => (r.created_by === null ? [] : [r.created_by])),
  );
  const names = new Map([...users.values()].map((u) => [u.id, u.name]));
  return rows.map((r) => toDto(r, actor, names));
}

const audited = (dto: MacroDto) => ({
  name: dto.name,
  description: dto.description,
  shared: dto.shared,
  actions: dto.actions,
  replyEn: dto.replyEn,
  replyHi: dto.replyHi,
  replyKind: dto.replyKind,
  active: dto.active,
});

// ---------- reads ----------

export async function listMacros(ctx: Ctx, query: In<typeof MacroListQuery>) {
  const actor = requirePermission(ctx, 'macros.use');
  const db = ctx.deps.db.kysely;
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const rows = (await repo.listVisibleMacros(db, actor.userId)).filter(
    (r) =>
      (query.scope === 'all' || (query.scope === 'shared') === (r.owner_user_id === null)) &&
      (query.active === undefined || query.active === (r.active === 1)) &&
      words.every((w) => `${r.name} ${r.description}`.toLowerCase().includes(w)),
  );
  return { items: await toDtos(db, rows, actor), placeholders: [...PLACEHOLDERS] };
}

export async function getMacro(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'macros.use');
  const db = ctx.deps.db.kysely;
  return { macro: (await toDtos(db, [await visibleMacro(db, actor, id)], actor))[0]! };
}

// ---------- changes ----------

export async function createMacro(ctx: Ctx, input: In<typeof CreateMacroBody>) {
  const actor = requirePermission(ctx, input.shared ? 'macros.manage_shared' : 'macros.use');
  checkPlaceholders({ replyEn: input.replyEn, replyHi: input.replyHi });
  if (!input.actions.length && !input.replyEn.trim() && !input.replyHi.trim()) {
    throw fieldError('actions', 'macro_empty');
  }
  const now = ctx.deps.clock.now();
  const ownerId = input.shared ? null : actor.userId;
  const macro = await transaction(ctx.deps.db, async (trx) => {
    await nameFree(trx, input.name, ownerId);
    const id = await repo.insertMacro(trx, {
      name: input.name,
      description: input.description,
      owner_user_id: ownerId,
      actions: JSON.stringify(await checkActions(trx, input.actions)),
      reply_en: input.replyEn,
      reply_hi: input.replyHi,
      reply_kind: input.replyKind,
      active: input.active ? 1 : 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const dto = (await toDtos(trx, [(await repo.findMacro(trx, id))!], actor))[0]!;
    if (dto.shared) {
      await recordAudit(trx, ctx, { action: 'macro.created', entityType: 'macro', entityId: id, after: audited(dto) });
    }
    return dto;
  });
  return { macro };
}

/**
 * Sharing a personal macro needs macros.manage_shared; un-sharing a shared one makes it the personal
 * macro of whoever un-shares it.
 */
export async function updateMacro(ctx: Ctx, id: number, input: In<typeof UpdateMacroBody>) {
  const actor = requirePermission(ctx, 'macros.use');
  checkPlaceholders({ replyEn: input.replyEn, replyHi: input.replyHi });
  const macro = await transaction(ctx.deps.db, async (trx) => {
    const row = await editableMacro(trx, actor, id);
    const ownerId =
      input.shared === undefined ? row.owner_user_id : input.shared ? null : (row.owner_user_id ?? actor.userId);
    if (ownerId === null && row.owner_user_id !== null) requirePermission(ctx, 'macros.manage_shared');
    const before = (await toDtos(trx, [row], actor))[0]!;
    const actions = input.actions ?? parseActions(row);
    const replyEn = input.replyEn ?? row.reply_en;
    const replyHi = input.replyHi ?? row.reply_hi;
    if (!actions.length && !replyEn.trim() && !replyHi.trim()) throw fieldError('actions', 'macro_empty');
    const name = input.name ?? row.name;
    if (name !== row.name || ownerId !== row.owner_user_id) await nameFree(trx, name, ownerId, id);
    await repo.updateMacro(trx, id, {
      name,
      description: input.description ?? row.description,
      owner_user_id: ownerId,
      ...(input.actions !== undefined ? { actions: JSON.stringify(await checkActions(trx, input.actions)) } : {}),
      reply_en: replyEn,
      reply_hi: replyHi,
      reply_kind: input.replyKind ?? row.reply_kind,
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: ctx.deps.clock.now(),
    });
    const dto = (await toDtos(trx, [(await repo.findMacro(trx, id))!], actor))[0]!;
    if (before.shared || dto.shared) {
      await recordAudit(trx, ctx, {
        action: 'macro.updated',
        entityType: 'macro',
        entityId: id,
        before: audited(before),
        after: audited(dto),
      });
    }
    return dto;
  });
  return { macro };
}

export async function deleteMacro(ctx: Ctx, id: number): Promise<void> {
  const actor = requirePermission(ctx, 'macros.use');
  await transaction(ctx.deps.db, async (trx) => {
    const row = await editableMacro(trx, actor, id);
    await repo.deleteMacro(trx, id);
    if (row.owner_user_id === null) {
      const dto = (await toDtos(trx, [row], actor))[0]!;
      await recordAudit(trx, ctx, { action: 'macro.deleted', entityType: 'macro', entityId: id, before: audited(dto) });
    }
  });
}

// ---------- applying one ----------

/** The ticket as the placeholders read it. */
type TicketFacts = Pick<
  DerivedTicket,
  'number' | 'subject' | 'status' | 'priority' | 'type' | 'requesterId' | 'organisationId' | 'teamId'
>;

async function valuesFor(db: Executor, ticket: TicketFacts, actor: Actor): Promise<PlaceholderValues> {
  const requester = await findCustomerBrief(db, ticket.requesterId);
  const agent = (await userBriefs(db, [actor.userId])).get(actor.userId);
  const orgName =
    ticket.organisationId === null
      ? undefined
      : (await organisationNames(db, [ticket.organisationId])).get(ticket.organisationId);
  const team = ticket.teamId === null ? undefined : (await teamBriefs(db, [ticket.teamId])).get(ticket.teamId);
  return {
    ticket: {
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      type: ticket.type,
    },
    requester: { name: requester?.name ?? '', email: requester?.email ?? null },
    organisation: orgName === undefined ? null : { name: orgName },
    agent: { name: agent?.name ?? '', email: agent?.email ?? '' },
    team: team ? { name: team.name } : null,
  };
}

/** The ticket's row with the macro's own changes to the fields placeholders read. */
const factsAfter = (row: TicketRow, changes: TicketChanges): TicketFacts => ({
  number: row.number,
  subject: row.subject,
  status: changes.status ?? row.status,
  priority: changes.priority ?? row.priority,
  type: changes.type ?? row.type,
  requesterId: row.requester_id,
  organisationId: row.organisation_id,
  teamId: changes.teamId !== undefined ? changes.teamId : row.team_id,
});

/** The reply in this language, else in the other one; null when the macro has none. */
function replySource(row: MacroRow, locale: Locale): string | null {
  const [first, second] = locale === 'hi' ? [row.reply_hi, row.reply_en] : [row.reply_en, row.reply_hi];
  return first.trim() ? first : second.trim() ? second : null;
}

async function requesterLocale(db: Executor, requesterId: number): Promise<Locale> {
  return (await findCustomerBrief(db, requesterId))?.locale ?? 'en';
}

/** A macro the actor may apply: visible to them and switched on. */
async function applicableMacro(db: Executor, actor: Actor, id: number): Promise<MacroRow> {
  const row = await visibleMacro(db, actor, id);
  if (row.active !== 1) throw new AppError('macro_inactive');
  return row;
}

/** The field changes between two states of a ticket, as a preview lists them. */
async function changeList(
  db: Executor,
  before: DerivedTicket,
  after: DerivedTicket,
): Promise<In<typeof FieldChange>[]> {
  const out: In<typeof FieldChange>[] = [];
  for (const field of ['status', 'priority', 'type'] as const) {
    if (before[field] !== after[field]) out.push({ field, from: before[field], to: after[field] });
  }
  if (before.assigneeId !== after.assigneeId) {
    const users = await userBriefs(
      db,
      [before.assigneeId, after.assigneeId].filter((x): x is number => x !== null),
    );
    const name = (id: number | null) => (id === null ? null : (users.get(id)?.name ?? null));
    out.push({
      field: 'assignee',
      from: before.assigneeId,
      to: after.assigneeId,
      fromName: name(before.assigneeId),
      toName: name(after.assigneeId),
    });
  }
  if (before.teamId !== after.teamId) {
    const teams = await teamBriefs(
      db,
      [before.teamId, after.teamId].filter((x): x is number => x !== null),
    );
    const name = (id: number | null) => (id === null ? null : (teams.get(id)?.name ?? null));
    out.push({
      field: 'team',
      from: before.teamId,
      to: after.teamId,
      fromName: name(before.teamId),
      toName: name(after.teamId),
    });
  }
  if (before.tags.join('\u0000') !== after.tags.join('\u0000')) {
    out.push({ field: 'tags', from: before.tags, to: after.tags });
  }
  for (const key of [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])].sort()) {
    const from = before.fields[key] ?? null;
    const to = after.fields[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ field: 'custom_field', key, from, to });
  }
  return out;
}

/** What applying the macro would do to the ticket: the filled-in reply and the field changes. Writes nothing. */
export async function previewMacro(ctx: Ctx, number: number, id: number, locale: Locale | undefined) {
  const actor = requirePermission(ctx, 'macros.use');
  const db = ctx.deps.db.kysely;
  const macro = await applicableMacro(db, actor, id);
  const changes = changesOf(parseActions(macro), actor.userId);
  let { before, after } = await previewChanges(ctx, number, changes);
  const lang = locale ?? (await requesterLocale(db, before.requesterId));
  const source = replySource(macro, lang);
  // As the apply will: a public reply opens a new ticket the macro leaves new.
  if (source !== null && macro.reply_kind === 'public' && after.status === 'new') {
    ({ before, after } = await previewChanges(ctx, number, { ...changes, status: 'open' }));
  }
  return {
    macro: { id: macro.id, name: macro.name },
    locale: lang,
    reply:
      source === null
        ? null
        : { kind: macro.reply_kind, text: renderText(source, await valuesFor(db, after, actor), lang) },
    changes: await changeList(db, before, after),
    ticketVersion: before.version,
  };
}

/**
 * Applies the macro in one command: the macro_applied event, the reply or note (the agent's edited
 * text if given), the changes, and one more use counted. Any failing action leaves none of it.
 */
export async function applyMacro(ctx: Ctx, number: number, id: number, input: In<typeof ApplyMacroBody>) {
  const actor = requirePermission(ctx, 'macros.use');
  const macro = await applicableMacro(ctx.deps.db.kysely, actor, id);
  if (input.reply !== undefined) checkPlaceholders({ reply: input.reply });
  const changes = changesOf(parseActions(macro), actor.userId);
  return applyBundle(ctx, number, {
    version: input.version,
    event: { type: 'macro_applied', data: { macroId: macro.id, name: macro.name } },
    changes,
    message: async (trx, row) => {
      const locale = input.locale ?? (await requesterLocale(trx, row.requester_id));
      const source = input.reply ?? replySource(macro, locale);
      if (!source?.trim()) return null;
      const text = renderText(source, await valuesFor(trx, factsAfter(row, changes), actor), locale);
      return { kind: macro.reply_kind === 'internal' ? 'note' : 'reply', text };
    },
    alsoWrite: (trx, now) => repo.countUse(trx, macro.id, now),
  });
}

// ---------- demo ----------

export interface MacroSpec {
  name: string;
  description?: string;
  actions: Action[];
  replyEn: string;
  replyHi: string;
  replyKind?: 'public' | 'internal';
}

/** Writes shared macros without an actor (the demo seed); the same checks as the API. Returns their ids. */
export async function seedSharedMacros(db: Executor, specs: MacroSpec[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of specs) {
    checkPlaceholders({ replyEn: spec.replyEn, replyHi: spec.replyHi });
    await nameFree(db, spec.name, null);
    ids.push(
      await repo.insertMacro(db, {
        name: spec.name,
        description: spec.description ?? '',
        owner_user_id: null,
        actions: JSON.stringify(await checkActions(db, spec.actions)),
        reply_en: spec.replyEn,
        reply_hi: spec.replyHi,
        reply_kind: spec.replyKind ?? 'public',
        active: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      }),
    );
  }
  return ids;
}
