// The writer thread (embedded mode). On SQLite one connection writes at a time, and the main thread
// used to do everything: serve every request (HTTP, the session, validation, cleaning HTML, building
// and sending the answers) and run every command. The machine has more than one core. So ticket
// commands run on a thread of their own, with a connection of their own to the same file: the main
// thread hands a command over by name with plain values, goes on serving requests, and builds the
// answer when the command has committed. Creating tickets at 32 connections, the main thread was
// the limit at ~0.6 ms a ticket; split, each thread does about half (bench/RESULTS.md, section 4).
//
// A command runs there as it would here: the same function, the same group commit (on the thread's
// own connection: commands that arrive together still share a transaction), the same caches (each
// checks its stamp in the database, as on the nodes of a cluster). What it does after its commit
// goes back to the main thread's ports: live events (bus), jobs (the in-process queue runs them
// here), mail. Its clock is the caller's: `now` travels with the command, so a test's manual clock
// holds there too. An AppError comes back as the same AppError; anything else as an Error with its
// message (a 500, as here).
//
// Both connections begin their transactions IMMEDIATE (group-commit.ts), so a transaction holds the
// write lock from its start and never finds its snapshot outdated when it first writes; the other
// waits on SQLite's busy timeout. A command is run here instead when there is no writer thread:
// PostgreSQL (cluster mode, whose server runs transactions side by side), an in-memory database, or
// WRITER_THREAD=false.
import pino from 'pino';
import { blobFolder, localBlobStore } from './blobs/local.js';
import type { Config } from './config.js';
import type { Ctx, Deps } from './context.js';
import { openSqlite, sqliteFileIn } from './db/index.js';
import { WRITER_PARTY, writeTurns } from './db/write-turns.js';
import { AppError, type ErrorCode } from './errors.js';
import type { LiveEvent } from './events/bus.js';
import type { EnqueueOptions } from './jobs/queue.js';
import type { OutboundMail } from './mail/transport.js';
import { type Host, workerThread } from './threads.js';

/** The caller's context as it crosses to the thread (the thread has its own ports). */
export interface CommandCtx extends Omit<Ctx, 'deps'> {
  now: number;
}

/** Each command takes an argument of its own; typed `never` here, which every argument type fits. */
export type WriterCommand = (ctx: Ctx, arg: never) => Promise<unknown>;
/** A domain's commands that may run on the writer thread, by a name unique across domains. */
export type WriterCommands = Record<string, WriterCommand>;

type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: ErrorCode; details?: Record<string, unknown>; headers?: Record<string, string> } };

export interface Writer {
  run(name: string, ctx: CommandCtx, arg: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Runs `commands[name]`: on the writer thread when there is one, else on this thread. */
export function onWriter<C extends WriterCommands, K extends keyof C & string>(
  ctx: Ctx,
  commands: C,
  name: K,
  arg: Parameters<C[K]>[1],
): Promise<Awaited<ReturnType<C[K]>>> {
  const writer = ctx.deps.writer;
  if (!writer) return commands[name]!(ctx, arg as never) as Promise<Awaited<ReturnType<C[K]>>>;
  const { deps, ...rest } = ctx;
  return writer.run(name, { ...rest, now: deps.clock.now() }, arg) as Promise<Awaited<ReturnType<C[K]>>>;
}

/**
 * What the writer thread asks of the main thread: the after-commit work of its commands. Events and
 * jobs are posted, not waited for (a reply would hold each command up by a turn of the main thread);
 * a failure to take one is logged here, as the in-process bus and queue log theirs.
 */
function mainHandlers(ports: Pick<Deps, 'bus' | 'jobs' | 'mail' | 'log'>) {
  return {
    publish: (event: LiveEvent) =>
      ports.bus.publish(event).catch((err) => ports.log.error({ err, event: event.type }, 'writer: publish failed')),
    enqueue: (job: { name: string; payload: Record<string, unknown>; options?: EnqueueOptions | undefined }) =>
      ports.jobs
        .enqueue(job.name, job.payload, job.options)
        .catch((err) => ports.log.error({ err, job: job.name }, 'writer: enqueue failed')),
    sendMail: (mail: OutboundMail) => ports.mail.send(mail),
  };
}
export type MainHost = Host<ReturnType<typeof mainHandlers>>;

/**
 * The writer thread of an embedded server, started on its first command; `ports`: the main thread's,
 * which the commands' after-commit work goes to. Undefined where commands run on the main thread.
 */
export function startWriter(
  config: Config,
  ports: Pick<Deps, 'bus' | 'jobs' | 'mail' | 'log' | 'db'>,
): Writer | undefined {
  if (!ports.db.turns || !config.writerThread) return undefined;
  const thread = workerThread<{ run: (a: { name: string; ctx: CommandCtx; arg: unknown }) => Promise<Outcome> }>(
    new URL('../writer-thread.js', import.meta.url),
    { config, turns: ports.db.turns.buffer } satisfies WriterData,
    'writer',
    mainHandlers(ports),
    // A thread that stopped during its turn at the write lock would hold up every write after it.
    () => ports.db.turns!.endTurnOf(WRITER_PARTY),
  );
  return {
    async run(name, ctx, arg) {
      const outcome = await thread.call('run', { name, ctx, arg });
      if (outcome.ok) return outcome.value;
      throw new AppError(outcome.error.code, outcome.error.details, outcome.error.headers);
    },
    close: () => thread.close(),
  };
}

/** What the writer thread starts with. */
export interface WriterData {
  config: Config;
  /** The main connection's turns at the write lock (db/write-turns.ts). */
  turns: SharedArrayBuffer;
}

/** On the writer thread: its ports and the handler that runs a command (writer-thread.ts). */
export function writerHandlers({ config, turns }: WriterData, host: MainHost, commands: WriterCommands) {
  const log = pino({ level: config.logLevel, name: 'writer' });
  const db = openSqlite(sqliteFileIn(config.dataDir), undefined, {
    background: false,
    turns: writeTurns(WRITER_PARTY, turns),
  });
  const deps: Deps = {
    config,
    db,
    clock: { now: () => Date.now() },
    log,
    bus: {
      publish: async (event) => host.post('publish', event),
      subscribe: () => {
        throw new Error('the writer thread publishes only');
      },
      close: async () => undefined,
    },
    jobs: {
      register: () => undefined,
      enqueue: async (name, payload, options) => host.post('enqueue', { name, payload, options }),
      drain: async () => undefined,
      close: async () => undefined,
    },
    mail: {
      send: (mail) => host.call('sendMail', mail),
      close: async () => undefined,
    },
    blobs: localBlobStore(blobFolder(config.dataDir)),
  };
  return {
    async run({ name, ctx, arg }: { name: string; ctx: CommandCtx; arg: unknown }): Promise<Outcome> {
      const command = commands[name];
      if (!command) throw new Error(`no writer command ${name}`);
      const { now, ...rest } = ctx;
      try {
        return {
          ok: true,
          value: await command({ ...rest, deps: { ...deps, clock: { now: () => now } } }, arg as never),
        };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return { ok: false, error: { code: err.code, details: err.details, headers: err.headers } };
      }
    },
    close: () => db.close(),
  };
}
