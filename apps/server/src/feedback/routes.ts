// HTTP routes of the feedback domain: survey settings, the public survey page's API, the inbox.

import { z } from 'zod';
import type { App } from '../platform/http/types.js';
import { registerFeedbackInboxRoutes } from './inbox-routes.js';
import { AnswerBody, PublicSurveyEnvelope, SurveySettings, SurveySettingsEnvelope, SurveyToken } from './schema.js';
import { getSurveySettings, updateSurveySettings } from './settings.js';
import { answerSurvey, getPublicSurvey, optOutOfSurveys } from './surveys.js';

export function registerFeedbackRoutes(app: App): void {
  const tags = ['feedback'];
  app.get(
    '/api/v1/survey-settings',
    { schema: { tags, summary: 'CSAT and NPS survey settings', response: { 200: SurveySettingsEnvelope } } },
    (req) => getSurveySettings(req.ctx),
  );
  app.put(
    '/api/v1/survey-settings',
    {
      schema: {
        tags,
        summary: 'Change the survey settings (admins and managers)',
        body: SurveySettings,
        response: { 200: SurveySettingsEnvelope },
      },
    },
    (req) => updateSurveySettings(req.ctx, req.body),
  );

  // The survey page's API: no session, the signed token in the path is the only key.
  const config = { public: true };
  app.get(
    '/api/v1/surveys/:token',
    {
      config,
      schema: {
        tags,
        summary: 'A survey as its link shows it (404 for an altered link, 410 once closed)',
        params: SurveyToken,
        response: { 200: PublicSurveyEnvelope },
      },
    },
    (req) => getPublicSurvey(req.ctx, req.params.token),
  );
  app.post(
    '/api/v1/surveys/:token/answer',
    {
      config,
      schema: {
        tags,
        summary: 'Answer a survey (again, within its window: the new answer replaces the earlier one)',
        params: SurveyToken,
        body: AnswerBody,
        response: { 200: PublicSurveyEnvelope },
      },
    },
    (req) => answerSurvey(req.ctx, req.params.token, req.body),
  );
  app.post(
    '/api/v1/surveys/:token/opt-out',
    {
      config,
      schema: {
        tags,
        summary: "No more surveys to this customer (the mail's link and its List-Unsubscribe header)",
        params: SurveyToken,
        response: { 200: z.object({ optedOut: z.literal(true) }) },
      },
    },
    (req) => optOutOfSurveys(req.ctx, req.params.token),
  );
  registerFeedbackInboxRoutes(app);
}
