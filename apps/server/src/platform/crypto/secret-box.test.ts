import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

const key = 'k'.repeat(40);
const otherKey = 'q'.repeat(40);

/** The same sealed value with one base64url character of part `index` changed. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index]!;
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
}

describe('secret-box', () => {
  it('opens what it sealed, in English, Hindi and empty', () => {
    for (const plain of ['imap-password-123', 'पासवर्ड: गुप्त शब्द क्षत्रिय', '', 'x'.repeat(10_000)]) {
      const sealed = sealSecret(plain, key);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
      expect(sealed).not.toContain(plain || '\u0000');
      expect(openSecret(sealed, key)).toBe(plain);
    }
  });

  it('gives a different sealed value each time for the same secret', () => {
    const a = sealSecret('same secret', key);
    const b = sealSecret('same secret', key);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(openSecret(a, key)).toBe(openSecret(b, key));
  });

  it('refuses a value that was altered anywhere', () => {
    const sealed = sealSecret('imap-password-123', key);
    for (const index of [1, 2, 3]) {
      expect(() => openSecret(flip(sealed, index), key)).toThrow(/wrong SECRET_KEY, or the value was altered/);
    }
    const [, iv, tag, body] = sealed.split('.');
    expect(() => openSecret(`v1.${iv}.${tag}.${body}AA`, key)).toThrow(/altered/);
  });

  it('refuses the wrong key', () => {
    const sealed = sealSecret('imap-password-123', key);
    expect(() => openSecret(sealed, otherKey)).toThrow(/wrong SECRET_KEY/);
  });

  it('refuses what is not a sealed secret', () => {
    const sealed = sealSecret('imap-password-123', key);
    const [, iv, tag, body] = sealed.split('.');
    for (const bad of [
      'imap-password-123',
      '',
      `v2.${iv}.${tag}.${body}`,
      `v1.${iv}.${tag}`,
      `v1.${iv}.${tag}.${body}.extra`,
      `v1.${iv}!.${tag}.${body}`,
      `v1.${iv}AAAA.${tag}.${body}`,
      `v1.${iv}.${tag?.slice(0, 10)}.${body}`,
    ]) {
      expect(() => openSecret(bad, key)).toThrow(/secret-box: not a sealed secret/);
    }
  });

  it('refuses an empty key', () => {
    expect(() => sealSecret('x', '')).toThrow(/SECRET_KEY is empty/);
  });
});
