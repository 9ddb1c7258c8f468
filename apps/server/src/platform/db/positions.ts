// Ordered lists of rules (SLA policies, escalation rules, triggers, time rules): each row has a
// `position`, 1…n, first matched first. One way to place a new one, check a new order and store it.
import { type FieldMessageKey, fieldError } from '../errors.js';
import type { Executor } from './index.js';

export type OrderedTable = 'sla_policies' | 'escalation_rules' | 'triggers' | 'time_rules';

/** The position after the last row (1 when there is none). */
export async function nextPosition(db: Executor, table: OrderedTable): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return Number(r?.last ?? 0) + 1;
}

/**
 * A new order must name every existing row exactly once, so a screen that missed another person's new
 * rule cannot drop it to an arbitrary place: a 400 on `ids` with `message` otherwise.
 */
export function checkEveryIdOnce(ids: number[], existing: number[], message: FieldMessageKey): void {
  const known = new Set(existing);
  if (new Set(ids).size !== ids.length || ids.length !== existing.length || ids.some((id) => !known.has(id))) {
    throw fieldError('ids', message);
  }
}

/** Positions 1…n in the order of `ids` (rows already in place are left alone). */
export async function setPositions(db: Executor, table: OrderedTable, ids: number[], now: number): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await db
      .updateTable(table)
      .set({ position: i + 1, updated_at: now })
      .where('id', '=', id)
      .where('position', '!=', i + 1)
      .execute();
  }
}
