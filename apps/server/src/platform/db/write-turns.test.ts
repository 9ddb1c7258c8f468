// Turns at the write lock are served in the order they were taken, by every party holding the same
// buffer, and waiting for one does not block the thread.
import { describe, expect, it } from 'vitest';
import { MAIN_PARTY, WRITER_PARTY, writeTurns } from './write-turns.js';

describe('write turns', () => {
  it('serves turns in the order they were taken, across parties sharing the buffer', async () => {
    const main = writeTurns(MAIN_PARTY);
    const writer = writeTurns(WRITER_PARTY, main.buffer);
    const order: string[] = [];
    await main.take();
    order.push('main 1');
    const second = writer.take().then(() => order.push('writer 1'));
    const third = main.take().then(() => order.push('main 2'));
    // Both wait while the first turn lasts, and the thread goes on meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['main 1']);
    main.release();
    await second;
    expect(order).toEqual(['main 1', 'writer 1']);
    writer.release();
    await third;
    main.release();
    expect(order).toEqual(['main 1', 'writer 1', 'main 2']);
    // Free again: the next take resolves at once.
    await main.take();
    main.release();
  });

  it("ends the turn of a party whose thread stopped during it, and no other party's", async () => {
    const main = writeTurns(MAIN_PARTY);
    const writer = writeTurns(WRITER_PARTY, main.buffer);
    await writer.take();
    let served = false;
    const waiting = main.take().then(() => {
      served = true;
    });
    main.endTurnOf(MAIN_PARTY);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(served).toBe(false);
    main.endTurnOf(WRITER_PARTY);
    await waiting;
    expect(served).toBe(true);
    main.release();
  });
});
