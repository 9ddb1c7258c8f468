// How tickets, messages, attachments and events are shown through the API (names looked up in batches).
import { customerBriefs, organisationNames } from '../customers/service.js';
import { latestCsatOfTicket } from '../feedback/inbox-repo.js';
import { teamBriefs, userBriefs } from '../people/service.js';
import { iso, isoOrNull } from '../platform/auth/dto.js';
import type { Executor } from '../platform/db/index.js';
import type { AttachmentRow, TicketEventRow, TicketMessageRow, TicketRow } from '../platform/db/types.js';
import { timerViews } from '../sla/timers-store.js';
import * as repo from './repo.js';
import type { TicketDetailDto, TicketSummaryDto } from './schema.js';
import { systemNoteOf } from './system-notes.js';
import { rowToDerived } from './write.js';

export async function toSummaries(
  db: Executor,
  rows: TicketRow[],
  snippets?: Map<number, string>,
): Promise<TicketSummaryDto[]> {
  const [customers, users, teams, timers] = await Promise.all([
    customerBriefs(
      db,
      rows.map((r) => r.requester_id),
    ),
    userBriefs(
      db,
      rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])),
    ),
    teamBriefs(
      db,
      rows.flatMap((r) => (r.team_id ? [r.team_id] : [])),
    ),
    timerViews(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => {
    const c = customers.get(r.requester_id);
    const a = r.assignee_id ? users.get(r.assignee_id) : undefined;
    const t = r.team_id ? teams.get(r.team_id) : undefined;
    const snippet = snippets?.get(r.id);
    return {
      number: r.number,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      type: r.type,
      channel: r.channel,
      requester: {
        id: r.requester_id,
        name: c?.name ?? '',
        email: c?.email ?? null,
        organisationId: c?.organisation_id ?? null,
      },
      assignee: a ? { id: a.id, name: a.name } : null,
      team: t ? { id: t.id, name: t.name } : null,
      tags: JSON.parse(r.tags) as string[],
      messageCount: r.message_count,
      sla: timers.get(r.id) ?? [],
      version: r.version,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      ...(snippet !== undefined ? { snippet } : {}),
    };
  });
}

export async function toDetail(db: Executor, row: TicketRow, viewerId: number): Promise<TicketDetailDto> {
  return (await toDetails(db, [{ row, viewerId }]))[0]!;
}

/**
 * Several tickets' details at once, each for its own viewer: one query per kind of lookup for all of
 * them (the answers of a commit group's commands are built this way, see service.ts).
 */
export async function toDetails(
  db: Executor,
  items: { row: TicketRow; viewerId: number }[],
): Promise<TicketDetailDto[]> {
  const rows = items.map((i) => i.row);
  const ids = rows.map((r) => r.id);
  const orgIds = [...new Set(rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : [])))];
  const [summaries, followers, orgNames, cc, extras] = await Promise.all([
    toSummaries(db, rows),
    repo.followerIdsOfTickets(db, ids),
    organisationNames(db, orgIds),
    repo.ccIdsOfTickets(db, ids).then(async (byTicket) => {
      const briefs = await customerBriefs(db, [...byTicket.values()].flat());
      return new Map([...byTicket].map(([id, customerIds]) => [id, customerIds.flatMap((c) => briefs.get(c) ?? [])]));
    }),
    // What only some tickets have: looked up for those alone.
    Promise.all(
      rows.map((row) =>
        Promise.all([
          row.type === 'problem' ? repo.findIncidents(db, row.id) : Promise.resolve([]),
          row.problem_id ? repo.findTicketById(db, row.problem_id) : Promise.resolve(undefined),
          row.merged_into_id ? repo.findTicketById(db, row.merged_into_id) : Promise.resolve(undefined),
          row.solved_at !== null || row.reopen_count > 0 ? latestCsatOfTicket(db, row.id) : Promise.resolve(undefined),
        ]),
      ),
    ),
  ]);
  return items.map(({ row, viewerId }, i) => {
    const d = rowToDerived(row);
    const [incidents, problem, mergedInto, csat] = extras[i]!;
    const followerIds = followers.get(row.id) ?? [];
    return {
      ...summaries[i]!,
      fields: d.fields,
      returnDetails: d.returnDetails,
      organisation: row.organisation_id
        ? { id: row.organisation_id, name: orgNames.get(row.organisation_id) ?? '' }
        : null,
      problem: problem ? { number: problem.number, subject: problem.subject, status: problem.status } : null,
      incidents: incidents.map((x) => ({ number: x.number, subject: x.subject, status: x.status })),
      mergedInto: mergedInto?.number ?? null,
      followerIds,
      following: followerIds.includes(viewerId),
      cc: (cc.get(row.id) ?? []).map((c) => ({ id: c.id, name: c.name, email: c.email })),
      replyCount: row.reply_count,
      reopenCount: row.reopen_count,
      firstReplyAt: isoOrNull(row.first_reply_at),
      solvedAt: isoOrNull(row.solved_at),
      closedAt: isoOrNull(row.closed_at),
      satisfaction: csat
        ? {
            score: csat.score,
            comment: csat.comment,
            sentAt: iso(csat.sent_at),
            answeredAt: isoOrNull(csat.answered_at),
            expiresAt: iso(csat.expires_at),
          }
        : null,
    };
  });
}

export function toAttachmentDto(a: AttachmentRow) {
  return {
    id: a.id,
    fileName: a.file_name,
    contentType: a.content_type,
    size: a.size,
    sha256: a.sha256,
    url: `/api/v1/attachments/${a.id}`,
  };
}

type Who = { type: 'user' | 'customer' | 'system'; id: number | null; name: string };

async function authors(db: Executor, userIds: (number | null)[], customerIds: (number | null)[]) {
  const [users, customers] = await Promise.all([
    userBriefs(
      db,
      userIds.filter((x): x is number => x !== null),
    ),
    customerBriefs(
      db,
      customerIds.filter((x): x is number => x !== null),
    ),
  ]);
  return (userId: number | null, customerId: number | null): Who => {
    if (userId !== null) return { type: 'user', id: userId, name: users.get(userId)?.name ?? '' };
    if (customerId !== null) return { type: 'customer', id: customerId, name: customers.get(customerId)?.name ?? '' };
    return { type: 'system', id: null, name: 'Sahayak' };
  };
}

export async function toMessageDtos(db: Executor, rows: TicketMessageRow[]) {
  const [who, attachments] = await Promise.all([
    authors(
      db,
      rows.map((r) => r.author_user_id),
      rows.map((r) => r.author_customer_id),
    ),
    repo.attachmentsOfMessages(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    author:
      r.kind === 'system'
        ? { type: 'system' as const, id: null, name: 'Sahayak' }
        : who(r.author_user_id, r.author_customer_id),
    html: r.body_html,
    text: r.body_text,
    attachments: attachments.filter((a) => a.message_id === r.id).map(toAttachmentDto),
    mail: r.eml_blob_key || r.quoted_html ? { quotedHtml: r.quoted_html, hasOriginal: r.eml_blob_key !== null } : null,
    delivery: r.delivery_status
      ? {
          status: r.delivery_status,
          error: r.delivery_error,
          attempts: r.delivery_attempts,
          deliveredAt: r.delivered_at === null ? null : iso(r.delivered_at),
        }
      : null,
    system: systemNoteOf(r.system_note),
    createdAt: iso(r.created_at),
  }));
}

export async function toEventDtos(db: Executor, rows: TicketEventRow[]) {
  const who = await authors(
    db,
    rows.map((r) => r.actor_user_id),
    rows.map((r) => r.actor_customer_id),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    version: r.version,
    actor: who(r.actor_user_id, r.actor_customer_id),
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: iso(r.created_at),
  }));
}
