import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localBlobStore } from './local.js';

const root = mkdtempSync(path.join(tmpdir(), 'sahayak-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('localBlobStore', () => {
  const store = localBlobStore(root);

  it('stores, reads back and deletes bytes by key', async () => {
    const data = Buffer.from('नमस्ते, attachment ✓');
    await store.put('tickets/1042/a1.bin', data);
    expect((await store.get('tickets/1042/a1.bin'))?.equals(data)).toBe(true);
    await store.delete('tickets/1042/a1.bin');
    expect(await store.get('tickets/1042/a1.bin')).toBeNull();
  });

  it('refuses keys that would leave its folder', async () => {
    await expect(store.put('../escape.txt', Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
    await expect(store.get('a/../../etc/passwd')).rejects.toThrow(/Invalid blob key/);
    await expect(store.put('/abs/path', Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
  });
});
