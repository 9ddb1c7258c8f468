// HTTP routes of business calendars.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import * as calendars from './calendars.js';
import { CalendarEnvelope, CalendarList, CreateCalendarBody, UpdateCalendarBody } from './schema.js';

export function registerSlaRoutes(app: App): void {
  const tags = ['business calendars'];
  app.get(
    '/api/v1/calendars',
    { schema: { tags, summary: 'Business calendars, by name', response: { 200: CalendarList } } },
    (req) => calendars.listCalendars(req.ctx),
  );
  app.post(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Create a business calendar: time zone, working hours per weekday, holidays',
        body: CreateCalendarBody,
        response: { 201: CalendarEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await calendars.createCalendar(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/calendars/:id',
    { schema: { tags, summary: 'One business calendar', params: IdParam, response: { 200: CalendarEnvelope } } },
    (req) => calendars.getCalendar(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Change a business calendar',
        params: IdParam,
        body: UpdateCalendarBody,
        response: { 200: CalendarEnvelope },
      },
    },
    (req) => calendars.updateCalendar(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/calendars/:id',
    { schema: { tags, summary: 'Delete a business calendar no team uses', params: IdParam } },
    async (req, reply) => {
      await calendars.deleteCalendar(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
