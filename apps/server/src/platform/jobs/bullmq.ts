// JobQueue on BullMQ: jobs survive restarts and each runs once across all nodes.
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EnqueueOptions, JobHandler, JobQueue } from './queue.js';

const QUEUE = 'sahayak-jobs';

/**
 * BullMQ refuses custom ids with a ':' (unless split in exactly three parts) and ids that are whole
 * numbers; encoding both parts and joining them with '/' avoids both and keeps names apart from ids.
 */
export const bullmqJobId = (name: string, jobId: string) => `${encodeURIComponent(name)}/${encodeURIComponent(jobId)}`;

/** `prefix` (REDIS_PREFIX) starts every key of the queue, so installations sharing a Redis stay apart. */
export function bullmqJobQueue(url: string, log: Logger, prefix: string): JobQueue {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix });
  const handlers = new Map<string, JobHandler>();
  const worker = new Worker(
    QUEUE,
    async (job: Job) => {
      const handler = handlers.get(job.name);
      if (!handler) throw new Error(`no handler registered for job ${job.name}`);
      await handler(job.data as Record<string, unknown>);
    },
    { connection: workerConnection, prefix, concurrency: 4 },
  );
  worker.on('failed', (job, err) => log.warn({ err, job: job?.name, attempts: job?.attemptsMade }, 'job failed'));
  worker.on('error', (err) => log.error({ err }, 'job worker error'));

  return {
    register(name, handler) {
      handlers.set(name, handler);
    },
    async enqueue(name, payload, options: EnqueueOptions = {}) {
      await queue.add(name, payload, {
        ...(options.jobId !== undefined ? { jobId: bullmqJobId(name, options.jobId) } : {}),
        delay: options.delayMs ?? 0,
        attempts: options.attempts ?? 3,
        backoff: { type: 'exponential', delay: 1000 },
        // Completed ids are kept for a day so a repeated enqueue under the same id stays a no-op.
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
      });
    },
    async drain() {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await worker.close();
      await queue.close();
      await Promise.allSettled([connection.quit(), workerConnection.quit()]);
    },
  };
}
