// Automatic assignment: a team hands a new ticket to an available agent under capacity, in turn
// (round robin) or to whoever has the fewest open tickets.
import { memberIdsOfTeam, recordRoundRobin, teamBriefs, userBriefs } from '../people/service.js';
import type { Executor } from '../platform/db/index.js';
import * as repo from './repo.js';

export interface Pick {
  userId: number;
  rule: 'round_robin' | 'fewest_open';
}

/** Who should get the team's next ticket, or null (manual team, or nobody available with room). */
export async function pickAssignee(db: Executor, teamId: number): Promise<Pick | null> {
  const team = (await teamBriefs(db, [teamId])).get(teamId);
  if (!team || team.assignment_mode === 'manual') return null;
  const members = [...(await userBriefs(db, await memberIdsOfTeam(db, teamId))).values()].filter(
    (u) => u.active === 1 && u.availability === 'online',
  );
  const open = await repo.openCountsByAssignee(
    db,
    members.map((u) => u.id),
  );
  const candidates = members.filter((u) => (open.get(u.id) ?? 0) < u.capacity).sort((a, b) => a.id - b.id);
  if (!candidates.length) return null;
  if (team.assignment_mode === 'fewest_open') {
    const best = candidates.reduce((a, b) => ((open.get(b.id) ?? 0) < (open.get(a.id) ?? 0) ? b : a));
    return { userId: best.id, rule: 'fewest_open' };
  }
  // Round robin: the first candidate after the one assigned last (by id, wrapping around).
  const last = team.last_assigned_user_id ?? 0;
  const next = candidates.find((u) => u.id > last) ?? candidates[0]!;
  await recordRoundRobin(db, teamId, next.id);
  return { userId: next.id, rule: 'round_robin' };
}
