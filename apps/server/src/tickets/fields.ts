// Custom ticket fields: admins define them; every value a ticket gets is checked against its definition.
import type { z } from 'zod';
import { recordAudit } from '../platform/audit/service.js';
import type { Ctx } from '../platform/context.js';
import { type Executor, groupMemo, transaction } from '../platform/db/index.js';
import type { CustomFieldRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import type { FieldValue } from './events.js';
import * as repo from './repo.js';
import type { CreateCustomFieldBody, CustomFieldDto, UpdateCustomFieldBody } from './schema.js';

type Option = { value: string; labelEn: string; labelHi: string };

export function toFieldDto(r: CustomFieldRow): CustomFieldDto {
  return {
    id: r.id,
    key: r.key,
    labelEn: r.label_en,
    labelHi: r.label_hi,
    kind: r.kind,
    options: JSON.parse(r.options) as Option[],
    requiredOnSolve: r.required_on_solve === 1,
    active: r.active === 1,
    position: r.position,
  };
}

/** The definitions by key, read again only when a change has stamped them (by database). */
const defsCache = new WeakMap<object, { stamp: number; defs: ReadonlyMap<string, CustomFieldDto> }>();

/**
 * The custom field definitions by key, as every ticket command checks its values against them. Kept
 * per database until their stamp changes (any node's change, in cluster mode too); shared, so read only.
 */
export async function loadFieldDefs(db: Executor): Promise<ReadonlyMap<string, CustomFieldDto>> {
  const stamp = await groupMemo(db, 'custom-fields-stamp', () => repo.customFieldsStamp(db));
  const key = db.getExecutor().adapter;
  const cached = defsCache.get(key);
  if (cached?.stamp === stamp) return cached.defs;
  const defs = new Map((await repo.listCustomFields(db)).map((r) => [r.key, toFieldDto(r)]));
  defsCache.set(key, { stamp, defs });
  return defs;
}

export const fieldIdsOf = (defs: ReadonlyMap<string, CustomFieldDto>) =>
  new Map([...defs.values()].map((d) => [d.key, d.id]));

/** One value checked against its field; returns the value to store (null clears). */
function checkValue(def: CustomFieldDto, value: FieldValue, path: string): FieldValue {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  const options = new Set(def.options.map((o) => o.value));
  switch (def.kind) {
    case 'text':
      if (typeof value !== 'string') throw fieldError(path, 'invalid_value');
      return value.trim() || null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fieldError(path, 'invalid_value');
      return value;
    case 'checkbox':
      if (typeof value !== 'boolean') throw fieldError(path, 'invalid_value');
      return value;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        throw fieldError(path, 'invalid_value');
      }
      return value;
    case 'dropdown':
      if (typeof value !== 'string') throw fieldError(path, 'invalid_value');
      if (!options.has(value)) throw fieldError(path, 'not_an_option');
      return value;
    case 'multiselect': {
      if (!Array.isArray(value)) throw fieldError(path, 'invalid_value');
      if (value.some((v) => !options.has(v))) throw fieldError(path, 'not_an_option');
      return [...new Set(value)].sort();
    }
  }
}

/** Checks a patch of field values by key; unknown or switched-off fields are refused by name. */
export function checkFieldValues(
  defs: ReadonlyMap<string, CustomFieldDto>,
  input: Record<string, FieldValue>,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(input)) {
    const path = `fields.${key}`;
    const def = defs.get(key);
    if (!def) throw fieldError(path, 'unknown_field');
    if (!def.active) throw fieldError(path, 'field_inactive');
    out[key] = checkValue(def, value, path);
  }
  return out;
}

/** Before a ticket is solved: every active required-on-solve field must have a value. */
export function assertSolvable(
  defs: ReadonlyMap<string, CustomFieldDto>,
  fields: Record<string, FieldValue>,
  prefix = '',
): void {
  for (const def of defs.values()) {
    if (def.active && def.requiredOnSolve && (fields[def.key] === undefined || fields[def.key] === null)) {
      throw fieldError(`${prefix}fields.${def.key}`, 'required_to_solve');
    }
  }
}

// ---------- admin ----------

export async function listFields(ctx: Ctx) {
  requirePermission(ctx, 'tickets.work');
  return { items: (await repo.listCustomFields(ctx.deps.db.kysely)).map(toFieldDto) };
}

function checkOptions(kind: string, options: Option[]): void {
  if ((kind === 'dropdown' || kind === 'multiselect') && options.length === 0)
    throw fieldError('options', 'options_required');
  const seen = new Set<string>();
  for (const [i, o] of options.entries()) {
    if (seen.has(o.value)) throw fieldError(`options.${i}.value`, 'taken');
    seen.add(o.value);
  }
}

export async function createField(ctx: Ctx, input: z.output<typeof CreateCustomFieldBody>) {
  requirePermission(ctx, 'fields.manage');
  checkOptions(input.kind, input.options);
  const now = ctx.deps.clock.now();
  const field = await transaction(ctx.deps.db, async (trx) => {
    if ((await repo.listCustomFields(trx)).some((f) => f.key === input.key)) {
      throw fieldError('key', 'taken', 'field_key_taken');
    }
    const id = await repo.insertCustomField(trx, {
      key: input.key,
      label_en: input.labelEn,
      label_hi: input.labelHi,
      kind: input.kind,
      options: JSON.stringify(input.kind === 'dropdown' || input.kind === 'multiselect' ? input.options : []),
      required_on_solve: input.requiredOnSolve ? 1 : 0,
      active: 1,
      position: input.position,
      created_at: now,
      updated_at: now,
    });
    const dto = toFieldDto((await repo.findCustomField(trx, id))!);
    await recordAudit(trx, ctx, {
      action: 'custom_field.created',
      entityType: 'custom_field',
      entityId: id,
      after: dto,
    });
    return dto;
  });
  await ctx.deps.bus.publish({ type: 'fields.changed', data: {} });
  return { field };
}

export async function updateField(ctx: Ctx, id: number, input: z.output<typeof UpdateCustomFieldBody>) {
  requirePermission(ctx, 'fields.manage');
  const now = ctx.deps.clock.now();
  const field = await transaction(ctx.deps.db, async (trx) => {
    const row = await repo.findCustomField(trx, id);
    if (!row) throw new AppError('field_not_found');
    const before = toFieldDto(row);
    if (input.options) checkOptions(row.kind, input.options);
    await repo.updateCustomField(trx, id, {
      ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
      ...(input.labelHi !== undefined ? { label_hi: input.labelHi } : {}),
      ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
      ...(input.requiredOnSolve !== undefined ? { required_on_solve: input.requiredOnSolve ? 1 : 0 } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      updated_at: now,
    });
    const after = toFieldDto((await repo.findCustomField(trx, id))!);
    await recordAudit(trx, ctx, {
      action: 'custom_field.updated',
      entityType: 'custom_field',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  await ctx.deps.bus.publish({ type: 'fields.changed', data: {} });
  return { field };
}

/** Defines fields without an actor (the demo seed, scripted set-ups); returns key -> id. */
export async function seedFields(
  db: Executor,
  defs: z.output<typeof CreateCustomFieldBody>[],
  now: number,
): Promise<Map<string, number>> {
  for (const d of defs) {
    await repo.insertCustomField(db, {
      key: d.key,
      label_en: d.labelEn,
      label_hi: d.labelHi,
      kind: d.kind,
      options: JSON.stringify(d.options),
      required_on_solve: d.requiredOnSolve ? 1 : 0,
      active: 1,
      position: d.position,
      created_at: now,
      updated_at: now,
    });
  }
  return fieldIdsOf(await loadFieldDefs(db));
}
