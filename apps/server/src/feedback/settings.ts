// Survey settings: one JSON document in the settings table (key "surveys"), defaults for what was
// never saved, changed by admins and managers with an audit record.
import { unknownPlaceholders } from '../automation/placeholders.js';
import { webhookUrlProblem } from '../automation/webhook-target.js';
import { recordAudit } from '../platform/audit/service.js';
import type { Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import { fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import { readSettings, writeSetting } from '../platform/settings/repo.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { SurveySettings, type SurveySettingsDto } from './schema.js';

const KEY = 'surveys';

export const defaultSurveySettings: SurveySettingsDto = {
  csat: {
    enabled: true,
    delayMinutes: 60,
    expiryDays: 14,
    teamIds: null,
    channels: null,
    texts: {
      en: {
        subject: 'How did we do? [#{{ticket.number}}]',
        intro: 'Hello {{requester.first_name}}, your request "{{ticket.subject}}" has been solved.',
        question: 'How satisfied are you with the help you received?',
        thanks: 'Thank you for your feedback. It helps us get better.',
      },
      hi: {
        subject: 'हमारी सेवा कैसी रही? [#{{ticket.number}}]',
        intro: 'नमस्ते {{requester.first_name}}, आपका अनुरोध "{{ticket.subject}}" हल हो गया है।',
        question: 'आपको मिली सहायता से आप कितने संतुष्ट हैं?',
        thanks: 'आपकी प्रतिक्रिया के लिए धन्यवाद। इससे हमें बेहतर बनने में मदद मिलती है।',
      },
    },
  },
  nps: {
    enabled: false,
    periodDays: 30,
    throttleDays: 90,
    teamIds: null,
    channels: null,
    texts: {
      en: {
        subject: 'Would you recommend us?',
        intro: 'Hello {{requester.first_name}}, thank you for getting in touch with us recently.',
        question: 'How likely are you to recommend us to a friend or colleague?',
        thanks: 'Thank you. Your answer goes straight to the team.',
      },
      hi: {
        subject: 'क्या आप हमारी सिफ़ारिश करेंगे?',
        intro: 'नमस्ते {{requester.first_name}}, हाल ही में हमसे संपर्क करने के लिए धन्यवाद।',
        question: 'आप किसी मित्र या सहकर्मी को हमारी सिफ़ारिश करने की कितनी संभावना रखते हैं?',
        thanks: 'धन्यवाद। आपका जवाब सीधे टीम तक पहुँचता है।',
      },
    },
  },
  productFeedback: { email: null, webhookUrl: null },
};

/** The saved settings over the defaults (a document saved by an older version keeps working). */
export async function readSurveySettings(db: Executor): Promise<SurveySettingsDto> {
  const raw = (await readSettings(db))[KEY];
  if (raw === undefined) return defaultSurveySettings;
  const saved = JSON.parse(raw) as Partial<SurveySettingsDto>;
  const merged = {
    csat: { ...defaultSurveySettings.csat, ...saved.csat },
    nps: { ...defaultSurveySettings.nps, ...saved.nps },
    productFeedback: { ...defaultSurveySettings.productFeedback, ...saved.productFeedback },
  };
  const parsed = SurveySettings.safeParse(merged);
  return parsed.success ? parsed.data : defaultSurveySettings;
}

export async function getSurveySettings(ctx: Ctx) {
  requirePermission(ctx, 'feedback.read');
  return { settings: await readSurveySettings(ctx.deps.db.kysely) };
}

export async function updateSurveySettings(ctx: Ctx, input: SurveySettingsDto) {
  requirePermission(ctx, 'surveys.manage');
  for (const kind of ['csat', 'nps'] as const) {
    for (const locale of ['en', 'hi'] as const) {
      for (const [key, text] of Object.entries(input[kind].texts[locale])) {
        if (unknownPlaceholders(text).length) throw fieldError(`${kind}.texts.${locale}.${key}`, 'unknown_placeholder');
      }
    }
  }
  const url = input.productFeedback.webhookUrl;
  if (url) {
    const { webhookAllowPrivateTargets } = await readSettingsFor(ctx.deps.db.kysely);
    const problem = webhookUrlProblem(url, webhookAllowPrivateTargets);
    if (problem) throw fieldError('productFeedback.webhookUrl', problem);
  }
  const now = ctx.deps.clock.now();
  const settings = await transaction(ctx.deps.db, async (trx) => {
    const before = await readSurveySettings(trx);
    await writeSetting(trx, KEY, JSON.stringify(input), now);
    await recordAudit(trx, ctx, {
      action: 'surveys.settings_updated',
      entityType: 'settings',
      entityId: null,
      before,
      after: input,
    });
    return input;
  });
  return { settings };
}
