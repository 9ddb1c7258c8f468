// Hand-written ticket histories for the KPI and activity unit tests: minutes after a fixed Monday
// morning, each event with its actor. Only tests import this.
import type { EventPayloads, EventType, TicketEvent } from '../tickets/events.js';

/** Monday 2 Nov 2026, 10:00 in Asia/Kolkata. */
export const T0 = Date.UTC(2026, 10, 2, 4, 30);
export const MIN = 60_000;

/** [minutes after T0, event type, its data, actor: a user id, null for the customer, or the default]. */
export type Step = { [K in EventType]: [at: number, type: K, data: EventPayloads[K], by?: number | null] }[EventType];

/** Events from steps; a step without an actor is by `defaultActor`. */
export function history(steps: Step[], defaultActor: number | null = null): TicketEvent[] {
  return steps.map(([at, type, data, by], i) => {
    const actor = by === undefined ? defaultActor : by;
    return {
      type,
      data,
      version: i + 1,
      at: T0 + at * MIN,
      actorUserId: actor,
      actorCustomerId: actor === null ? 7 : null,
    };
  }) as TicketEvent[];
}

/** The data of a "created" event: a new email question for team 1 from requester 7. */
export const created = (over: Partial<EventPayloads['created']> = {}): EventPayloads['created'] => ({
  number: 1001,
  subject: 'Order not delivered',
  status: 'new',
  priority: 'normal',
  type: 'question',
  channel: 'email',
  requesterId: 7,
  organisationId: null,
  assigneeId: null,
  teamId: 1,
  tags: [],
  fields: {},
  returnDetails: null,
  ...over,
});
