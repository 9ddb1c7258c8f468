// Named counters (table `counters`): sequences (the ticket number), stamps that tell a process its
// copy of some rarely changed rows is stale, and marks of background work done. Every statement is
// prepared once (prepared.ts): some run in every command.
import { sql } from 'kysely';
import type { Executor } from './index.js';
import { prepared } from './prepared.js';

const read = prepared((db, p: { name: string }) =>
  db.selectFrom('counters').select('value').where('name', '=', p.name),
);
const set = prepared((db, p: { name: string; value: number }) =>
  db
    .insertInto('counters')
    .values({ name: p.name, value: p.value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`excluded.value` })),
);
const bump = prepared((db, p: { name: string; first: number }) =>
  db
    .insertInto('counters')
    .values({ name: p.name, value: p.first })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + 1` }))
    .returning('value'),
);

/** The counter's value; 0 when it was never set. */
export async function readCounter(db: Executor, name: string): Promise<number> {
  const r = await read.first(db, { name });
  return r ? Number(r.value) : 0;
}

export async function setCounter(db: Executor, name: string, value: number): Promise<void> {
  await set.run(db, { name, value });
}

/** Adds one (or starts at `first`) and returns the new value; the row stays locked until the transaction ends. */
export async function bumpCounter(db: Executor, name: string, first = 1): Promise<number> {
  return Number((await bump.first(db, { name, first }))!.value);
}

/**
 * A stamp no other change will have: a cache compares it by equality, and a change that was rolled
 * back must not leave its stamp for a later, different change to reuse (as +1 would).
 */
export async function stampChange(db: Executor, name: string): Promise<void> {
  await setCounter(db, name, Date.now() * 1000 + Math.floor(Math.random() * 1000));
}
