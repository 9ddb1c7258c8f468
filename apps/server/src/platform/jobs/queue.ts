// JobQueue port: side effects (mail, SLA timers, surveys, reports) run as jobs after the commit.
export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export interface EnqueueOptions {
  /** Jobs with the same id run once: a second enqueue while the first exists is ignored. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export interface JobQueue {
  register(name: string, handler: JobHandler): void;
  enqueue(name: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;
  /** Resolves when no job is waiting or running (tests and graceful shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}
