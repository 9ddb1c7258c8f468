// Keeping each ticket's KPI facts (facts.ts) and its agents' activity (activity.ts) as its events
// arrive, and rebuilding both from the event logs. Separate from the query service so the ticket
// write path can call it without importing the ticket service back.
import type { Executor } from '../platform/db/index.js';
import type { TicketEvent } from '../tickets/events.js';
import { activityOf } from './activity.js';
import { applyFactEvent, FACTS_VERSION, foldFacts } from './facts.js';
import * as repo from './repo.js';

/**
 * Called by the ticket write path in the command's transaction with the events it stores. A ticket
 * with current facts folds just the new events and adds their activity; one without (a ticket older
 * than analytics, or facts of an older version) is folded from its whole log, which `loadLog`
 * reads, and its activity rows are replaced. A ticket's activity rows are current exactly when its
 * facts are: FACTS_VERSION versions both.
 */
export async function recordTicketFacts(
  db: Executor,
  ticketId: number,
  isNew: boolean,
  events: readonly TicketEvent[],
  loadLog: () => Promise<TicketEvent[]>,
): Promise<void> {
  if (isNew) {
    await repo.insertFacts(db, [repo.factsToRow(ticketId, foldFacts(events))], true);
    await repo.addActivity(db, ticketId, activityOf(events));
    return;
  }
  await recordFactsOfTickets(db, new Map([[ticketId, events]]), async () => new Map([[ticketId, await loadLog()]]));
}

/**
 * The same for new events of existing tickets, many at once (the SLA sweep's breaches): one read
 * and one write of the facts of the tickets whose facts are current; the others are folded from
 * their whole logs, which `loadLogs` reads (they already hold the new events).
 */
export async function recordFactsOfTickets(
  db: Executor,
  events: ReadonlyMap<number, readonly TicketEvent[]>,
  loadLogs: (ids: number[]) => Promise<Map<number, TicketEvent[]>>,
): Promise<void> {
  const rows = await repo.findFactsOf(db, [...events.keys()]);
  const current = rows.filter((r) => r.version === FACTS_VERSION);
  const updated = current.map((row) => {
    let f = repo.rowToFacts(row);
    const team = f.teamId;
    const mine = events.get(row.ticket_id)!;
    for (const e of mine) f = applyFactEvent(f, e);
    return { row: repo.factsToRow(row.ticket_id, f), activity: activityOf(mine, team) };
  });
  await repo.insertFacts(
    db,
    updated.map((u) => u.row),
    true,
  );
  for (const u of updated) await repo.addActivity(db, u.row.ticket_id, u.activity);
  const known = new Set(current.map((r) => r.ticket_id));
  const stale = [...events.keys()].filter((id) => !known.has(id));
  if (!stale.length) return;
  const logs = await loadLogs(stale);
  await repo.insertFacts(
    db,
    stale.map((id) => repo.factsToRow(id, foldFacts(logs.get(id)!))),
    true,
  );
  await repo.replaceActivity(db, new Map(stale.map((id) => [id, activityOf(logs.get(id)!)])));
}

/**
 * One step of the background rebuild: folds the logs of up to `batch` tickets after `afterId` whose
 * facts are missing or stale. Returns the last ticket id looked at, or null when none was left.
 */
export async function rebuildFactsStep(
  db: Executor,
  afterId: number,
  batch: number,
  logsOf: (db: Executor, ids: number[]) => Promise<Map<number, TicketEvent[]>>,
): Promise<number | null> {
  // Every ticket written since has current facts from the write path, so one finished run is enough.
  if (afterId === 0 && (await repo.factsVersionDone(db)) === FACTS_VERSION) return null;
  const ids = await repo.staleTicketIds(db, afterId, batch);
  if (!ids.length) {
    await repo.markFactsVersionDone(db, FACTS_VERSION);
    return null;
  }
  const logs = await logsOf(db, ids);
  const rows = ids.flatMap((id) => {
    const log = logs.get(id);
    return log?.length ? [repo.factsToRow(id, foldFacts(log))] : [];
  });
  // One transaction: the activity of exactly the tickets whose facts this step wrote (not those a
  // concurrent command brought up to date meanwhile, whose rows hold events this log lacks).
  await db.transaction().execute(async (trx) => {
    const written = await repo.insertFacts(trx, rows, false);
    await repo.replaceActivity(trx, new Map(written.map((id) => [id, activityOf(logs.get(id)!)])));
  });
  return ids.at(-1)!;
}
