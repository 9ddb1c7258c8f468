// Handlers for test/threads.test.ts, run on a worker thread by platform/threads.ts.
import { threadId } from 'node:worker_threads';
import type { Host } from '../src/platform/threads.js';

export interface FixtureHost {
  double(n: number): Promise<number>;
  [name: string]: (arg: never) => Promise<unknown>;
}

export function createHandlers(data: { greeting: string }, host: Host<FixtureHost>) {
  return {
    async hello(name: string) {
      return { text: `${data.greeting}, ${name}`, threadId };
    },
    async fail(code: string) {
      throw Object.assign(new Error(`failed with ${code}`), { code, responseCode: 451 });
    },
    async askHost(n: number) {
      return (await host.call('double', n)) + 1;
    },
    async crash(_: null) {
      setImmediate(() => process.exit(3));
      return new Promise(() => undefined);
    },
  };
}
