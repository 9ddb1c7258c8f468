// EventBus over Redis pub/sub: an event published on any node reaches subscribers on every node.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventBus, EventHandler, LiveEvent } from './bus.js';

/** `prefix` (REDIS_PREFIX) names the channel, `<prefix>:events`, so installations sharing a Redis stay apart. */
export async function redisEventBus(url: string, log: Logger, prefix: string): Promise<EventBus> {
  const channel = `${prefix}:events`;
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Set<EventHandler>();
  sub.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let event: LiveEvent;
    try {
      event = JSON.parse(message) as LiveEvent;
    } catch (err) {
      log.warn({ err }, 'ignoring a malformed event from redis');
      return;
    }
    // A throwing handler must not starve the others, nor throw into ioredis' reply parser.
    for (const h of handlers) {
      try {
        h(event);
      } catch (err) {
        log.error({ err, event: event.type }, 'event handler failed');
      }
    }
  });
  await sub.subscribe(channel);
  return {
    async publish(event) {
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
