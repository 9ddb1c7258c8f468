// BlobStore on a local (or shared) folder.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './store.js';

/** The folder of an installation's blobs, under DATA_DIR. */
export const blobFolder = (dataDir: string) => path.join(dataDir, 'blobs');

export function localBlobStore(root: string): BlobStore {
  // Folders made already (they are never removed): one mkdir per folder, not per file.
  const made = new Set<string>();
  const resolve = (key: string) => {
    if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.split('/').some((p) => p === '..' || p === '')) {
      throw new Error(`Invalid blob key: ${key}`);
    }
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      const file = resolve(key);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      // Unique, so two puts of one key at once (the same mail delivered twice) never share a file.
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    },
    async get(key) {
      try {
        return await readFile(resolve(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
