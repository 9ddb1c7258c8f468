// In-process EventBus for the embedded mode.
import type { Logger } from 'pino';
import type { EventBus, EventHandler, LiveEvent } from './bus.js';

export function memoryEventBus(log?: Logger): EventBus {
  const handlers = new Set<EventHandler>();
  return {
    async publish(event: LiveEvent) {
      // One subscriber's failure must not keep the event from the others, nor fail the publisher.
      for (const h of handlers) {
        try {
          h(event);
        } catch (err) {
          log?.error({ err, event: event.type }, 'event handler failed');
        }
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
    },
  };
}
