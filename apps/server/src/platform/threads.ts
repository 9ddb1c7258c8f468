// Work that can leave the one thread that serves every request runs on a worker thread: composing
// and sending mail, reading inbound mail (CPU-bound libraries, nodemailer and mailparser, whose work
// was a fifth of an inbound mail's time on the main thread), and the ticket commands with a database
// connection of their own (writer.ts). The machine has more than one core.
//
// A thread runs one module that exports `createHandlers(data, host)`: an object of async functions,
// each taking one structured-clonable argument. `call(name, arg)` runs one there and resolves with
// its result, or rejects with its error (message, name, code and responseCode survive the crossing).
// The other way round, the module calls `host.call(name, arg)` to run one of the host handlers given
// to workerThread on the main thread: what needs the database stays there. The thread starts on the
// first call; it keeps the process alive only while calls are pending, and a thread that dies is
// replaced on the next call, its pending calls rejected.
//
// Callers name the module by its `.js` file, as every import in the code base is named. `npm start`
// runs the server as JavaScript built from the sources (scripts/server-build.mjs), and that file
// exists; in tests and scripts, which run the TypeScript sources through tsx, only the `.ts` file
// does, and the thread then registers tsx for itself before loading it.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const errorShape = (err) => {
  const e = err ?? {};
  return { message: String(e.message ?? e), name: e.name, code: e.code, responseCode: e.responseCode };
};
const revive = (e) => Object.assign(new Error(e.message), e.code !== undefined ? { code: e.code } : {},
  e.responseCode !== undefined ? { responseCode: e.responseCode } : {});
let outbox = [];
const send = (m) => {
  if (outbox.push(m) === 1) setImmediate(() => parentPort.postMessage(outbox.splice(0)));
};
const hostPending = new Map();
let hostId = 1;
const host = {
  call: (name, arg) => new Promise((resolve, reject) => {
    const id = hostId++;
    hostPending.set(id, { resolve, reject });
    send({ hostCall: id, name, arg });
  }),
  post: (name, arg) => send({ hostPost: true, name, arg }),
};
(async () => {
  if (workerData.tsx) {
    const { register } = await import(workerData.tsx);
    register();
  }
  const mod = await import(workerData.module);
  const handlers = await mod.createHandlers(workerData.data, host);
  const receive = async (m) => {
    if (m.hostReply !== undefined) {
      const p = hostPending.get(m.hostReply);
      hostPending.delete(m.hostReply);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(revive(m.error));
      return;
    }
    if (m.close) {
      await handlers.close?.();
      send({ closed: true });
      return;
    }
    try {
      const fn = handlers[m.name];
      if (typeof fn !== 'function') throw new Error('no handler ' + m.name);
      send({ id: m.id, ok: true, value: await fn(m.arg) });
    } catch (err) {
      send({ id: m.id, ok: false, error: errorShape(err) });
    }
  };
  parentPort.on('message', (batch) => {
    for (const m of batch) void receive(m);
  });
})().catch((err) => parentPort.postMessage({ bootError: String((err && err.stack) || err) }));
`;

type Handlers = Record<string, (arg: never) => Promise<unknown>>;

/**
 * By thread: queues a message for it. What one side has to say in one turn of its event loop goes as
 * one message (an array), sent at the end of that turn: a message costs both threads a wake-up and a
 * copy, and under load a thread has many to send at once (the writer thread answers a whole commit
 * group together).
 */
const sendTo = new WeakMap<Worker, (m: unknown) => void>();

/** What a thread's module may ask of the main thread. */
export interface Host<H extends Handlers = Handlers> {
  call<K extends keyof H & string>(name: K, arg: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>>;
  /**
   * Runs a host handler without waiting for it or hearing of its outcome (the handler deals with its
   * own failures). Messages keep their order: what the thread posts before answering a call, the
   * main thread runs before it hears the answer.
   */
  post<K extends keyof H & string>(name: K, arg: Parameters<H[K]>[0]): void;
}

export interface Thread<H extends Handlers> {
  call<K extends keyof H & string>(name: K, arg: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>>;
  close(): Promise<void>;
}

interface ThreadMessage {
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: ErrorShape;
  bootError?: string;
  hostCall?: number;
  hostPost?: boolean;
  name?: string;
  arg?: unknown;
}

interface ErrorShape {
  message: string;
  name?: string;
  code?: string;
  responseCode?: number;
}

const revive = (e: ErrorShape) =>
  Object.assign(new Error(e.message), {
    ...(e.name && e.name !== 'Error' ? { name: e.name } : {}),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.responseCode !== undefined ? { responseCode: e.responseCode } : {}),
  });

const errorShape = (err: unknown): ErrorShape => {
  const e = (err ?? {}) as Partial<ErrorShape>;
  return { message: String(e.message ?? err), name: e.name, code: e.code, responseCode: e.responseCode } as ErrorShape;
};

/** The file a thread loads for `module`, and whether it needs tsx (TypeScript sources, not a build). */
function moduleToLoad(module: URL): { href: string; tsx: string | null } {
  let file = module;
  if (file.pathname.endsWith('.js') && !existsSync(file)) {
    const ts = new URL(file.href.replace(/\.js$/, '.ts'));
    if (existsSync(ts)) file = ts;
  }
  return { href: file.href, tsx: file.pathname.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null };
}

/**
 * `module`: the file of the handlers module (named `.js`, see above); `data`: what its createHandlers receives; `hostHandlers`:
 * what it may call on this thread; `onExit`: called when a started thread has stopped, however.
 */
export function workerThread<H extends Handlers>(
  module: URL,
  data: unknown,
  name: string,
  hostHandlers: Handlers = {},
  onExit?: () => void,
): Thread<H> {
  const load = moduleToLoad(module);
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(BOOT, { eval: true, name, workerData: { tsx: load.tsx, module: load.href, data } });
    w.unref();
    const outbox: unknown[] = [];
    sendTo.set(w, (m) => {
      if (outbox.push(m) === 1) setImmediate(() => w.postMessage(outbox.splice(0)));
    });
    const send = sendTo.get(w)!;
    const receive = (m: ThreadMessage) => {
      if (m.hostPost) {
        const fn = hostHandlers[m.name!] as ((arg: unknown) => Promise<unknown>) | undefined;
        void fn?.(m.arg);
        return;
      }
      if (m.hostCall !== undefined) {
        const id = m.hostCall;
        const fn = hostHandlers[m.name!] as ((arg: unknown) => Promise<unknown>) | undefined;
        (fn ? fn(m.arg) : Promise.reject(new Error(`no host handler ${m.name}`))).then(
          (value) => send({ hostReply: id, ok: true, value }),
          (err: unknown) => send({ hostReply: id, ok: false, error: errorShape(err) }),
        );
        return;
      }
      if (m.bootError) {
        failAll(new Error(`${name} thread could not start: ${m.bootError}`));
        void w.terminate();
        return;
      }
      if (m.id === undefined) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (!pending.size) w.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(revive(m.error!));
    };
    // The thread sends what it has to say in one turn as one batch; a boot error comes alone.
    w.on('message', (m: ThreadMessage | ThreadMessage[]) => {
      for (const one of Array.isArray(m) ? m : [m]) receive(one);
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size) failAll(new Error(`${name} thread stopped (exit code ${code})`));
      onExit?.();
    });
    worker = w;
    return w;
  };

  return {
    call(callName, arg) {
      const w = start();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        w.ref();
        sendTo.get(w)!({ id, name: callName, arg });
      });
    },
    async close() {
      const w = worker;
      if (!w) return;
      worker = null;
      w.ref();
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        w.once('exit', done);
        w.on('message', (m: { closed?: boolean } | { closed?: boolean }[]) => {
          if ((Array.isArray(m) ? m : [m]).some((one) => one.closed)) void w.terminate();
        });
        sendTo.get(w)!({ close: true });
      });
    },
  };
}
