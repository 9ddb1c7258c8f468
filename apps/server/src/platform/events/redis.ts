// EventBus over Redis pub/sub: an event published on any node reaches subscribers on every node.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventBus, EventHandler, LiveEvent } from './bus.js';

const CHANNEL = 'sahayak:events';

export async function redisEventBus(url: string, log: Logger): Promise<EventBus> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Set<EventHandler>();
  sub.on('message', (_channel: string, message: string) => {
    let event: LiveEvent;
    try {
      event = JSON.parse(message) as LiveEvent;
    } catch (err) {
      log.warn({ err }, 'ignoring a malformed event from redis');
      return;
    }
    for (const h of handlers) h(event);
  });
  await sub.subscribe(CHANNEL);
  return {
    async publish(event) {
      await pub.publish(CHANNEL, JSON.stringify(event));
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
