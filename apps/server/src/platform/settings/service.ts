// Organisation-wide settings: company name, default language and time zone.
import { recordAudit } from '../audit/service.js';
import type { Ctx } from '../context.js';
import { type Executor, transaction } from '../db/index.js';
import { requirePermission } from '../rbac.js';
import { readSettings, writeSetting } from './repo.js';
import type { SettingsDto } from './schema.js';

export const defaultSettings: SettingsDto = {
  companyName: 'Sahayak',
  defaultLocale: 'en',
  defaultTimeZone: 'Asia/Kolkata',
  ticketAutoCloseDays: 4,
  analyticsAlertThresholdPct: 20,
  analyticsAlertMinVolume: 20,
  webhookAllowPrivateTargets: false,
};

async function load(db: Executor): Promise<SettingsDto> {
  const raw = await readSettings(db);
  const out: SettingsDto = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as (keyof SettingsDto)[]) {
    const v = raw[key];
    if (v !== undefined) (out as Record<string, unknown>)[key] = JSON.parse(v) as unknown;
  }
  return out;
}

export async function getSettings(ctx: Ctx) {
  requirePermission(ctx, 'settings.read');
  return { settings: await load(ctx.deps.db.kysely) };
}

export async function updateSettings(ctx: Ctx, patch: Partial<SettingsDto>) {
  requirePermission(ctx, 'settings.manage');
  const now = ctx.deps.clock.now();
  const settings = await transaction(ctx.deps.db, async (trx) => {
    const before = await load(trx);
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) await writeSetting(trx, key, JSON.stringify(value), now);
    }
    const after = await load(trx);
    await recordAudit(trx, ctx, { action: 'settings.updated', entityType: 'settings', entityId: null, before, after });
    return after;
  });
  await ctx.deps.bus.publish({ type: 'settings.changed', data: {} });
  return { settings };
}

/** Settings as other services read them (no permission: they are not secret). */
export function readSettingsFor(db: Executor): Promise<SettingsDto> {
  return load(db);
}

/** Writes settings without an actor: the demo seed and scripted set-ups. */
export async function seedSettings(db: Executor, values: Partial<SettingsDto>, now: number): Promise<void> {
  for (const [key, value] of Object.entries(values)) await writeSetting(db, key, JSON.stringify(value), now);
}
