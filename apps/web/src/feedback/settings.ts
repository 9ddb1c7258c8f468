// The survey settings form's state and the body it saves: empty pickers mean "every team / channel"
// (null on the wire), empty product-feedback fields mean "not set".
import type { TicketChannel } from '../tickets/api';
import type { LocalizedSurveyTexts, SurveySettings, SurveyTexts } from './api';

export const SURVEY_TEXT_FIELDS = [
  'subject',
  'intro',
  'question',
  'thanks',
] as const satisfies readonly (keyof SurveyTexts)[];
export const SURVEY_PLACEHOLDERS = [
  '{{ticket.number}}',
  '{{ticket.subject}}',
  '{{requester.name}}',
  '{{requester.first_name}}',
] as const;

export interface SurveySettingsForm {
  csat: Omit<SurveySettings['csat'], 'teamIds' | 'channels'> & { teamIds: number[]; channels: TicketChannel[] };
  nps: Omit<SurveySettings['nps'], 'teamIds' | 'channels'> & { teamIds: number[]; channels: TicketChannel[] };
  productFeedback: { email: string; webhookUrl: string };
}

export function formFromSettings(settings: SurveySettings): SurveySettingsForm {
  return {
    csat: { ...settings.csat, teamIds: settings.csat.teamIds ?? [], channels: settings.csat.channels ?? [] },
    nps: { ...settings.nps, teamIds: settings.nps.teamIds ?? [], channels: settings.nps.channels ?? [] },
    productFeedback: {
      email: settings.productFeedback.email ?? '',
      webhookUrl: settings.productFeedback.webhookUrl ?? '',
    },
  };
}

function trimTexts(texts: LocalizedSurveyTexts): LocalizedSurveyTexts {
  const trim = (t: SurveyTexts): SurveyTexts => ({
    subject: t.subject.trim(),
    intro: t.intro.trim(),
    question: t.question.trim(),
    thanks: t.thanks.trim(),
  });
  return { en: trim(texts.en), hi: trim(texts.hi) };
}

export function settingsBody(form: SurveySettingsForm): SurveySettings {
  return {
    csat: {
      ...form.csat,
      teamIds: form.csat.teamIds.length ? form.csat.teamIds : null,
      channels: form.csat.channels.length ? form.csat.channels : null,
      texts: trimTexts(form.csat.texts),
    },
    nps: {
      ...form.nps,
      teamIds: form.nps.teamIds.length ? form.nps.teamIds : null,
      channels: form.nps.channels.length ? form.nps.channels : null,
      texts: trimTexts(form.nps.texts),
    },
    productFeedback: {
      email: form.productFeedback.email.trim() || null,
      webhookUrl: form.productFeedback.webhookUrl.trim() || null,
    },
  };
}
