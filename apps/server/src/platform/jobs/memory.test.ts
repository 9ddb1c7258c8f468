import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { memoryJobQueue } from './memory.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('memoryJobQueue', () => {
  it('runs a job with its payload after enqueue returns', async () => {
    const jobs = memoryJobQueue(log);
    const seen: unknown[] = [];
    jobs.register('greet', async (payload) => {
      seen.push(payload);
    });
    await jobs.enqueue('greet', { to: 'सुनीता' });
    expect(seen).toEqual([]);
    await jobs.drain();
    expect(seen).toEqual([{ to: 'सुनीता' }]);
    await jobs.close();
  });

  it('runs a job once however often it is enqueued under the same id; other ids run too', async () => {
    const jobs = memoryJobQueue(log);
    const runs: string[] = [];
    jobs.register('remind', async (payload) => {
      runs.push(String(payload.ticket));
    });
    await jobs.enqueue('remind', { ticket: 'a' }, { jobId: 'ticket-1' });
    await jobs.enqueue('remind', { ticket: 'b' }, { jobId: 'ticket-1' });
    await jobs.drain();
    await jobs.enqueue('remind', { ticket: 'c' }, { jobId: 'ticket-1' });
    await jobs.enqueue('remind', { ticket: 'd' }, { jobId: 'ticket-2' });
    await jobs.enqueue('remind', { ticket: 'e' });
    await jobs.enqueue('remind', { ticket: 'f' });
    await jobs.drain();
    expect(runs.sort()).toEqual(['a', 'd', 'e', 'f']);
    await jobs.close();
  });

  it('keeps ids of different job names apart', async () => {
    const jobs = memoryJobQueue(log);
    const runs: string[] = [];
    jobs.register('one', async () => void runs.push('one'));
    jobs.register('two', async () => void runs.push('two'));
    await jobs.enqueue('one', {}, { jobId: 'same' });
    await jobs.enqueue('two', {}, { jobId: 'same' });
    await jobs.drain();
    expect(runs.sort()).toEqual(['one', 'two']);
    await jobs.close();
  });

  it('retries a failing job up to `attempts` times, then stops', async () => {
    const jobs = memoryJobQueue(log, { retryBaseMs: 5 });
    let calls = 0;
    jobs.register('flaky', async () => {
      calls += 1;
      throw new Error('mail server down');
    });
    await jobs.enqueue('flaky', {}, { attempts: 4 });
    await jobs.drain();
    expect(calls).toBe(4);
    await sleep(60);
    expect(calls).toBe(4);
    await jobs.close();
  });

  it('stops retrying once the job succeeds, and waits longer before each retry', async () => {
    const jobs = memoryJobQueue(log, { retryBaseMs: 20 });
    const at: number[] = [];
    jobs.register('flaky', async () => {
      at.push(performance.now());
      if (at.length < 3) throw new Error('not yet');
    });
    await jobs.enqueue('flaky', {}, { attempts: 5 });
    await jobs.drain();
    expect(at).toHaveLength(3);
    const [first, second, third] = at as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(18);
    expect(third - second).toBeGreaterThanOrEqual(38);
    await jobs.close();
  });

  it('drain waits for delayed jobs and for jobs that are running', async () => {
    const jobs = memoryJobQueue(log);
    const done: string[] = [];
    jobs.register('slow', async (payload) => {
      await sleep(30);
      done.push(String(payload.name));
    });
    await jobs.enqueue('slow', { name: 'now' });
    await jobs.enqueue('slow', { name: 'later' }, { delayMs: 40 });
    await jobs.drain();
    expect(done.sort()).toEqual(['later', 'now']);
    await jobs.close();
  });

  it('drain resolves at once when nothing is queued', async () => {
    const jobs = memoryJobQueue(log);
    const started = performance.now();
    await jobs.drain();
    expect(performance.now() - started).toBeLessThan(50);
    await jobs.close();
  });

  it('close cancels pending retries and refuses new jobs', async () => {
    const jobs = memoryJobQueue(log, { retryBaseMs: 20 });
    let calls = 0;
    jobs.register('flaky', async () => {
      calls += 1;
      throw new Error('down');
    });
    await jobs.enqueue('flaky', {}, { attempts: 3 });
    await sleep(5);
    await jobs.close();
    await sleep(80);
    expect(calls).toBe(1);
    await expect(jobs.enqueue('flaky', {})).rejects.toThrow(/closed/);
  });
});
