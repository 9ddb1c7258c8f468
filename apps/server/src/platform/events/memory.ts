// In-process EventBus for the embedded mode.
import type { EventBus, EventHandler, LiveEvent } from './bus.js';

export function memoryEventBus(): EventBus {
  const handlers = new Set<EventHandler>();
  return {
    async publish(event: LiveEvent) {
      for (const h of handlers) h(event);
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
