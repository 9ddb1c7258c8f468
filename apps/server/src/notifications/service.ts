// Notifications to agents (assignment, escalation to a lead, @mention, updates on followed tickets): recorded in the
// caller's transaction, delivered (live badge, email) after the commit, as each user prefers.
import { z } from 'zod';
import { iso, isoOrNull } from '../platform/auth/dto.js';
import type { Ctx, Deps } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { NotificationRow } from '../platform/db/types.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import { requirePermission } from '../platform/rbac.js';
import * as repo from './repo.js';
import type { MarkReadBody, NotificationKind, NotificationListQuery, NotificationPreferences } from './schema.js';

export type Kind = z.output<typeof NotificationKind>;
export const kinds: readonly Kind[] = ['assigned', 'escalated', 'mentioned', 'follower_update', 'automation'];

/** What a user gets when they have not chosen: in-app always; email for what is addressed to them. */
const defaults: Record<Kind, { inApp: boolean; email: boolean }> = {
  assigned: { inApp: true, email: true },
  escalated: { inApp: true, email: true },
  mentioned: { inApp: true, email: true },
  follower_update: { inApp: true, email: false },
  automation: { inApp: true, email: true },
};

export interface Notice {
  userId: number;
  kind: Kind;
  ticketId: number;
  ticketNumber: number;
  ticketSubject: string;
  actorId: number | null;
  actorName: string | null;
}

/** A recipient as the mail needs them (the caller knows its users). */
export interface Recipient {
  id: number;
  email: string;
  name: string;
  locale: 'en' | 'hi';
  active: 0 | 1;
}

export interface Delivery {
  userIds: number[];
  mails: { to: string; locale: 'en' | 'hi'; notice: Notice }[];
}

async function preferenceMap(db: Executor, userIds: number[]) {
  const map = new Map<string, { inApp: boolean; email: boolean }>();
  for (const p of await repo.preferencesOf(db, userIds)) {
    map.set(`${p.user_id}:${p.kind}`, { inApp: p.in_app === 1, email: p.email === 1 });
  }
  return (userId: number, kind: Kind) => map.get(`${userId}:${kind}`) ?? defaults[kind];
}

/** Records notices for active recipients (never the actor) inside the caller's transaction. */
export async function recordNotices(
  db: Executor,
  notices: Notice[],
  recipients: Map<number, Recipient>,
  now: number,
): Promise<Delivery> {
  const wanted = notices.filter((n) => n.userId !== n.actorId && recipients.get(n.userId)?.active === 1);
  // One notice per user and ticket per command: "assigned" beats "mentioned" beats "follower_update".
  const byUser = new Map<string, Notice>();
  for (const n of wanted) {
    const key = `${n.userId}:${n.ticketId}`;
    const prev = byUser.get(key);
    if (!prev || kinds.indexOf(n.kind) < kinds.indexOf(prev.kind)) byUser.set(key, n);
  }
  const list = [...byUser.values()];
  const pref = await preferenceMap(db, [...new Set(list.map((n) => n.userId))]);
  const inApp = list.filter((n) => pref(n.userId, n.kind).inApp);
  await repo.insertNotifications(
    db,
    inApp.map((n) => ({
      user_id: n.userId,
      kind: n.kind,
      ticket_id: n.ticketId,
      actor_id: n.actorId,
      data: JSON.stringify({ ticketNumber: n.ticketNumber, ticketSubject: n.ticketSubject, actorName: n.actorName }),
      created_at: now,
      read_at: null,
    })),
  );
  return {
    userIds: [...new Set(inApp.map((n) => n.userId))],
    mails: list
      .filter((n) => pref(n.userId, n.kind).email)
      .map((n) => {
        const r = recipients.get(n.userId)!;
        return { to: r.email, locale: r.locale, notice: n };
      }),
  };
}

const mailText = {
  assigned: {
    en: (n: Notice) => [`${n.actorName ?? 'Sahayak'} assigned ticket #${n.ticketNumber} to you`, 'Open it'],
    hi: (n: Notice) => [`${n.actorName ?? 'सहायक'} ने टिकट #${n.ticketNumber} आपको असाइन किया`, 'इसे खोलें'],
  },
  // By a person (who escalated it to the lead's team) or by an escalation rule (which may only notify).
  escalated: {
    en: (n: Notice) => [
      `Escalation: ticket #${n.ticketNumber} needs your attention (${n.actorName ?? 'escalation rule'})`,
      'Open it',
    ],
    hi: (n: Notice) => [
      `एस्केलेशन: टिकट #${n.ticketNumber} पर आपका ध्यान चाहिए (${n.actorName ?? 'एस्केलेशन नियम'})`,
      'इसे खोलें',
    ],
  },
  mentioned: {
    en: (n: Notice) => [`${n.actorName ?? 'Someone'} mentioned you on ticket #${n.ticketNumber}`, 'Read the note'],
    hi: (n: Notice) => [`${n.actorName ?? 'किसी'} ने टिकट #${n.ticketNumber} पर आपका उल्लेख किया`, 'नोट पढ़ें'],
  },
  follower_update: {
    en: (n: Notice) => [`Ticket #${n.ticketNumber} you follow was updated`, 'See what changed'],
    hi: (n: Notice) => [`आपके द्वारा फ़ॉलो किया गया टिकट #${n.ticketNumber} अपडेट हुआ`, 'देखें क्या बदला'],
  },
  automation: {
    en: (n: Notice) => [`The rule "${n.actorName ?? ''}" flagged ticket #${n.ticketNumber} for you`, 'Open it'],
    hi: (n: Notice) => [`नियम "${n.actorName ?? ''}" ने टिकट #${n.ticketNumber} की ओर आपका ध्यान दिलाया`, 'इसे खोलें'],
  },
} as const;

/** After the commit: tell browsers their badge changed and queue the emails. */
export async function deliver(deps: Deps, delivery: Delivery): Promise<void> {
  for (const userId of delivery.userIds) {
    await deps.bus.publish({ type: 'notifications.changed', data: {}, userIds: [userId] });
  }
  for (const m of delivery.mails) {
    const [headline, action] = mailText[m.notice.kind][m.locale](m.notice);
    const url = `${deps.config.publicUrl}/tickets/${m.notice.ticketNumber}`;
    await enqueueMail(deps, {
      to: m.to,
      subject: `${headline}: ${m.notice.ticketSubject}`,
      text: `${headline}\n\n${m.notice.ticketSubject}\n\n${action}: ${url}\n`,
    });
  }
}

// ---------- the signed-in user's own notifications ----------

function toDto(r: NotificationRow) {
  const data = JSON.parse(r.data) as { ticketNumber?: number; ticketSubject?: string; actorName?: string | null };
  return {
    id: r.id,
    kind: r.kind as Kind,
    ticketNumber: data.ticketNumber ?? null,
    ticketSubject: data.ticketSubject ?? null,
    actor: r.actor_id !== null ? { id: r.actor_id, name: data.actorName ?? '' } : null,
    createdAt: iso(r.created_at),
    readAt: isoOrNull(r.read_at),
  };
}

export async function listNotifications(ctx: Ctx, query: z.output<typeof NotificationListQuery>) {
  const actor = requirePermission(ctx, 'notifications.own');
  const db = ctx.deps.db.kysely;
  const before = query.cursor ? decodeCursor(query.cursor, z.object({ id: z.number().int() })).id : 2_147_483_647;
  const rows = await repo.listNotifications(db, actor.userId, before, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toDto),
    unread: await repo.unreadCount(db, actor.userId),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null,
  };
}

export async function markNotificationsRead(ctx: Ctx, body: z.output<typeof MarkReadBody>) {
  const actor = requirePermission(ctx, 'notifications.own');
  const unread = await transaction(ctx.deps.db, async (trx) => {
    await repo.markRead(trx, actor.userId, 'all' in body ? 'all' : body.ids, ctx.deps.clock.now());
    return repo.unreadCount(trx, actor.userId);
  });
  await ctx.deps.bus.publish({ type: 'notifications.changed', data: {}, userIds: [actor.userId] });
  return { unread };
}

export async function getPreferences(ctx: Ctx) {
  const actor = requirePermission(ctx, 'notifications.own');
  const pref = await preferenceMap(ctx.deps.db.kysely, [actor.userId]);
  return { items: kinds.map((kind) => ({ kind, ...pref(actor.userId, kind) })) };
}

export async function putPreferences(ctx: Ctx, body: z.output<typeof NotificationPreferences>) {
  const actor = requirePermission(ctx, 'notifications.own');
  await transaction(ctx.deps.db, async (trx) => {
    for (const p of body.items) {
      await repo.putPreference(trx, {
        user_id: actor.userId,
        kind: p.kind,
        in_app: p.inApp ? 1 : 0,
        email: p.email ? 1 : 0,
      });
    }
  });
  return getPreferences(ctx);
}
