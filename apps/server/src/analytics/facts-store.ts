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
  const row = await repo.findFacts(db, ticketId);
  if (row && row.version === FACTS_VERSION) {
    let f = repo.rowToFacts(row);
    const team = f.teamId;
    for (const e of events) f = applyFactEvent(f, e);
    await repo.updateFacts(db, repo.factsToRow(ticketId, f));
    await repo.addActivity(db, ticketId, activityOf(events, team));
    return;
  }
  // The log already holds this command's events: they were inserted before.
  const log = await loadLog();
  await repo.insertFacts(db, [repo.factsToRow(ticketId, foldFacts(log))], true);
  await repo.replaceActivity(db, new Map([[ticketId, activityOf(log)]]));
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
