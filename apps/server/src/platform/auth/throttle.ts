// Login throttling per account and per IP, kept in the database so every node sees the same counts.
import type { Executor } from '../db/index.js';
import { AppError } from '../errors.js';
import { clearThrottle, getThrottle, putThrottle } from './repo.js';

interface Policy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

const MINUTE = 60_000;
export const throttlePolicies = {
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  ip: { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  // The customer portal counts every request, not only failures: sign-in links per address and per
  // IP, and contact-form tickets per IP (channels/portal).
  portal_email: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  portal_ip: { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  contact_ip: { maxFailures: 5, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE },
} as const satisfies Record<string, Policy>;

export type ThrottleKey = { kind: keyof typeof throttlePolicies; value: string };
const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value}`;

/** Refuses with 429 and Retry-After while any of the keys is locked. */
export async function assertNotThrottled(db: Executor, keys: ThrottleKey[], now: number): Promise<void> {
  for (const k of keys) {
    const row = await getThrottle(db, keyOf(k));
    if (row?.locked_until && row.locked_until > now) {
      const retryAfter = Math.ceil((row.locked_until - now) / 1000);
      throw new AppError('too_many_attempts', { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
    }
  }
}

export async function recordFailure(db: Executor, keys: ThrottleKey[], now: number): Promise<void> {
  for (const k of keys) {
    const policy = throttlePolicies[k.kind];
    const row = await getThrottle(db, keyOf(k));
    const fresh = !row || now - row.window_start > policy.windowMs || (row.locked_until ?? 0) > 0;
    const failures = fresh ? 1 : row.failures + 1;
    const windowStart = fresh ? now : row.window_start;
    await putThrottle(db, {
      key: keyOf(k),
      failures,
      window_start: windowStart,
      locked_until: failures >= policy.maxFailures ? now + policy.lockMs : null,
    });
  }
}

export async function recordSuccess(db: Executor, key: ThrottleKey): Promise<void> {
  await clearThrottle(db, keyOf(key));
}
