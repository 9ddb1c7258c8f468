// In-process JobQueue for the embedded mode: runs jobs after the current tick, retries with backoff.
import type { Logger } from 'pino';
import type { EnqueueOptions, JobHandler, JobQueue } from './queue.js';

const SEEN_IDS_KEPT = 10_000;

export interface MemoryJobQueueOptions {
  /** Delay before the first retry; each further retry waits twice as long. */
  retryBaseMs?: number;
}

export function memoryJobQueue(log: Logger, options: MemoryJobQueueOptions = {}): JobQueue {
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const handlers = new Map<string, JobHandler>();
  const seenIds = new Set<string>();
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const run = async (name: string, payload: Record<string, unknown>, attempt: number, attempts: number) => {
    const handler = handlers.get(name);
    if (!handler) {
      log.error({ job: name }, 'no handler registered for job');
      return;
    }
    try {
      await handler(payload);
    } catch (err) {
      if (attempt < attempts && !closed) {
        const delay = retryBaseMs * 2 ** (attempt - 1);
        log.warn({ err, job: name, attempt }, `job failed; retrying in ${delay} ms`);
        schedule(name, payload, attempt + 1, attempts, delay);
      } else {
        log.error({ err, job: name, attempt }, 'job failed for the last time');
      }
    }
  };

  const schedule = (name: string, payload: Record<string, unknown>, attempt: number, attempts: number, delay = 0) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const p = run(name, payload, attempt, attempts).finally(() => running.delete(p));
      running.add(p);
    }, delay);
    timers.add(timer);
  };

  return {
    register(name, handler) {
      handlers.set(name, handler);
    },
    async enqueue(name, payload, options: EnqueueOptions = {}) {
      if (closed) throw new Error('job queue is closed');
      if (options.jobId !== undefined) {
        const key = `${name}:${options.jobId}`;
        if (seenIds.has(key)) return;
        seenIds.add(key);
        if (seenIds.size > SEEN_IDS_KEPT) seenIds.delete(seenIds.values().next().value as string);
      }
      schedule(name, payload, 1, options.attempts ?? 3, options.delayMs ?? 0);
    },
    async drain() {
      while (timers.size > 0 || running.size > 0) {
        await new Promise((r) => setTimeout(r, 5));
        if (running.size > 0) await Promise.allSettled([...running]);
      }
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
