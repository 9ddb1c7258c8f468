// WAL checkpoints off the request path. SQLite copies the write-ahead log back into the database
// file when a COMMIT finds it past `wal_autocheckpoint` pages, and that commit pays for the copy
// and the fsync: measured, over half of an average commit's time on the main thread, which is the
// one thread serving every request. A second connection in a worker thread checkpoints the log a
// few times a second instead (PASSIVE: it never blocks the writer), so the work moves to the other
// core; the automatic checkpoint stays as a backstop, at a higher mark, should the worker fall behind.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages of log at which a commit checkpoints by itself (4 KiB pages: about 40 MiB). */
export const BACKSTOP_PAGES = 10_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 100');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  close(): Promise<void>;
}

export function startCheckpointer(file: string, onError?: (err: Error) => void, everyMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs } });
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError?.(new Error(`WAL checkpoint: ${m.error}`));
  });
  worker.on('error', (err) => onError?.(err));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        // Unreferenced, the worker would not keep the process alive until it has closed its connection:
        // a script that awaits close() as its last step would end with the promise unsettled.
        worker.ref();
        worker.postMessage('close');
      }),
  };
}
