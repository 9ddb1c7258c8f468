// platform/threads.ts: a TypeScript module on a worker thread, called from the main thread and
// calling back, with errors that keep their codes and a thread that is replaced when it dies.
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { type Thread, workerThread } from '../src/platform/threads.js';
import type { createHandlers } from './thread-fixture.js';

type Fixture = ReturnType<typeof createHandlers>;
const fixture = new URL('./thread-fixture.js', import.meta.url);
let thread: Thread<Fixture> | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

describe('worker threads', () => {
  it('runs a handler on another thread with the data it was given', async () => {
    thread = workerThread<Fixture>(fixture, { greeting: 'namaste' }, 'fixture');
    const answer = await thread.call('hello', 'Asha');
    expect(answer.text).toBe('namaste, Asha');
    expect(answer.threadId).not.toBe(threadId);
  });

  it('rejects with the handler’s error, its code and SMTP response code kept', async () => {
    thread = workerThread<Fixture>(fixture, { greeting: 'hi' }, 'fixture');
    const err = await thread.call('fail', 'EBROKEN').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ message: 'failed with EBROKEN', code: 'EBROKEN', responseCode: 451 });
  });

  it('lets the thread call a host handler on the main thread', async () => {
    const seen: number[] = [];
    thread = workerThread<Fixture>(fixture, { greeting: 'hi' }, 'fixture', {
      double: async (n: number) => {
        seen.push(n);
        return n * 2;
      },
    });
    expect(await thread.call('askHost', 20)).toBe(41);
    expect(seen).toEqual([20]);
  });

  it('rejects the pending call of a thread that dies, and starts a new thread for the next call', async () => {
    thread = workerThread<Fixture>(fixture, { greeting: 'hi' }, 'fixture');
    const first = await thread.call('hello', 'a');
    await expect(thread.call('crash', null)).rejects.toThrow(/fixture thread stopped/);
    const second = await thread.call('hello', 'b');
    expect(second.text).toBe('hi, b');
    expect(second.threadId).not.toBe(first.threadId);
  });
});
