// Requests take turns on the event loop (platform/http/turns.ts): a busy server still accepts and
// answers new connections after a few requests, not after a round of every busy connection each.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { requestTurns } from '../src/platform/http/turns.js';
import { createTestEnv } from './helpers.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/** Counts turns of the event loop: a callback that queues itself again runs once a turn. */
function turnCounter() {
  let turn = 0;
  let on = true;
  const tick = () => {
    turn++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turn,
    stop: () => {
      on = false;
    },
  };
}

describe('requestTurns', () => {
  it('runs waiting requests in order, as many a turn as fit in the budget', async () => {
    const turns = requestTurns(4);
    const counter = turnCounter();
    const ran: Array<{ i: number; turn: number }> = [];
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        turns.take().then(() => {
          ran.push({ i, turn: counter.now() });
          busy(1.5);
        }),
      ),
    );
    counter.stop();
    expect(ran.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const perTurn = new Map<number, number>();
    for (const r of ran) perTurn.set(r.turn, (perTurn.get(r.turn) ?? 0) + 1);
    // 1.5 ms each against a budget of 4: those starting at 0, 1.5 and 3 ms share a turn, the one at
    // 4.5 ms waits for the next (fewer share one where the machine is slow, never more).
    const most = Math.max(...perTurn.values());
    expect(most).toBeGreaterThanOrEqual(2);
    expect(most).toBeLessThanOrEqual(3);
    expect(perTurn.size).toBeGreaterThanOrEqual(3);
  });

  it('runs a request whose part outlasts the budget alone in its turn', async () => {
    const turns = requestTurns(4);
    const counter = turnCounter();
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, () =>
        turns.take().then(() => {
          seen.push(counter.now());
          busy(6);
        }),
      ),
    );
    counter.stop();
    expect(new Set(seen).size).toBe(4);
  });
});

describe('a busy server', () => {
  const SLOW_MS = 10;
  const BUSY_CONNECTIONS = 12;
  const NEW_CONNECTIONS = 8;
  let env: Awaited<ReturnType<typeof createTestEnv>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;
  let slowAnswered = 0;

  beforeAll(async () => {
    env = await createTestEnv();
    app = await buildApp(env.deps);
    // A request whose synchronous part takes SLOW_MS, as a search over a large data set does.
    app.get('/slow', async () => {
      busy(SLOW_MS);
      slowAnswered++;
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  const get = (path: string, agent: http.Agent | false) =>
    new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });

  it('answers new connections after a few requests, not a round of every busy connection each', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: BUSY_CONNECTIONS });
    let running = true;
    const loops = Array.from({ length: BUSY_CONNECTIONS }, async () => {
      while (running) expect(await get('/slow', agent)).toBe(200);
    });
    // Every busy connection open and asking.
    while (slowAnswered < BUSY_CONNECTIONS * 3) await new Promise((r) => setTimeout(r, 5));

    const before = slowAnswered;
    const waited = await Promise.all(
      Array.from({ length: NEW_CONNECTIONS }, async () => {
        expect(await get('/healthz', false)).toBe(200);
        return slowAnswered - before;
      }),
    );
    running = false;
    await Promise.all(loops);
    agent.destroy();

    // Without turns the loop accepts one connection a turn and a turn serves every busy connection:
    // the last new one waited NEW_CONNECTIONS + 1 rounds (~108 slow answers here). With them, about
    // one round (its request lines up behind the busy ones that were asking already).
    expect(Math.max(...waited)).toBeLessThan(3 * BUSY_CONNECTIONS);
  });
});
