import { describe, expect, it } from 'vitest';
import type { LiveEvent } from './bus.js';
import { memoryEventBus } from './memory.js';

describe('memoryEventBus', () => {
  it('delivers a published event to every subscriber, as published', async () => {
    const bus = memoryEventBus();
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    bus.subscribe((e) => a.push(e));
    bus.subscribe((e) => b.push(e));
    const event = { type: 'users.changed', data: { id: 7 }, userIds: [7] };
    await bus.publish(event);
    expect(a).toEqual([event]);
    expect(b).toEqual([event]);
    await bus.close();
  });

  it('stops delivering to a subscriber once it unsubscribes, and only to that one', async () => {
    const bus = memoryEventBus();
    const a: string[] = [];
    const b: string[] = [];
    const unsubscribeA = bus.subscribe((e) => a.push(e.type));
    bus.subscribe((e) => b.push(e.type));
    await bus.publish({ type: 'first', data: {} });
    unsubscribeA();
    unsubscribeA();
    await bus.publish({ type: 'second', data: {} });
    expect(a).toEqual(['first']);
    expect(b).toEqual(['first', 'second']);
    await bus.close();
  });

  it('lets a handler unsubscribe itself while an event is being delivered', async () => {
    const bus = memoryEventBus();
    const seen: string[] = [];
    const unsubscribe = bus.subscribe((e) => {
      seen.push(e.type);
      unsubscribe();
    });
    await bus.publish({ type: 'once', data: {} });
    await bus.publish({ type: 'twice', data: {} });
    expect(seen).toEqual(['once']);
    await bus.close();
  });

  it('publishing with no subscriber is not an error', async () => {
    const bus = memoryEventBus();
    await expect(bus.publish({ type: 'nobody.listens', data: {} })).resolves.toBeUndefined();
    await bus.close();
  });

  it('delivers nothing after close', async () => {
    const bus = memoryEventBus();
    const seen: string[] = [];
    bus.subscribe((e) => seen.push(e.type));
    await bus.close();
    await bus.publish({ type: 'late', data: {} });
    expect(seen).toEqual([]);
  });
});
