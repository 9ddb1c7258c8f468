// HTTP routes of the feedback inbox: answered surveys, their tags, follow-ups, forwards and themes.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import * as inbox from './inbox.js';
import {
  FeedbackEnvelope,
  FeedbackList,
  FeedbackListQuery,
  FeedbackTagsBody,
  FeedbackThemes,
  FeedbackThemesQuery,
  FollowUpBody,
  FollowUpResponse,
  ForwardBody,
} from './inbox-schema.js';

export function registerFeedbackInboxRoutes(app: App): void {
  const tags = ['feedback'];
  app.get(
    '/api/v1/feedback',
    {
      schema: {
        tags,
        summary: 'Answered surveys, newest first, by kind, score, agent, team, channel, tag and period; with a summary',
        querystring: FeedbackListQuery,
        response: { 200: FeedbackList },
      },
    },
    (req) => inbox.listFeedback(req.ctx, req.query),
  );
  app.get(
    '/api/v1/feedback/themes',
    {
      schema: {
        tags,
        summary: 'Top themes of the survey comments in a period (default the last 30 days) against the one before',
        querystring: FeedbackThemesQuery,
        response: { 200: FeedbackThemes },
      },
    },
    (req) => inbox.feedbackThemes(req.ctx, req.query),
  );
  app.patch(
    '/api/v1/feedback/:id',
    {
      schema: {
        tags,
        summary: "Replace an answer's tags (leads, managers, admins)",
        params: IdParam,
        body: FeedbackTagsBody,
        response: { 200: FeedbackEnvelope },
      },
    },
    (req) => inbox.updateFeedbackTags(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/feedback/:id/follow-up',
    {
      schema: {
        tags,
        summary:
          'Open a follow-up email ticket to the customer with a public reply (201); an answer that has one returns it (200)',
        params: IdParam,
        body: FollowUpBody,
        response: { 200: FollowUpResponse, 201: FollowUpResponse },
      },
    },
    async (req, reply) => {
      const { created, ...result } = await inbox.createFollowUp(req.ctx, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(result);
    },
  );
  app.post(
    '/api/v1/feedback/:id/forward',
    {
      schema: {
        tags,
        summary: "Forward an answer with a note to the product team's address and/or webhook",
        params: IdParam,
        body: ForwardBody,
        response: { 200: FeedbackEnvelope },
      },
    },
    (req) => inbox.forwardFeedback(req.ctx, req.params.id, req.body),
  );
}
