// The WAL is copied into the database file by the background worker, not by a commit: with the
// commit's own threshold raised far above what the test writes, the file still grows and the log
// empties; closing the database stops the worker.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES } from './checkpointer.js';
import { type Db, openSqlite } from './index.js';

let dir: string;
let db: Db;
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('background WAL checkpoints', () => {
  it('copy committed pages into the database file without a commit doing it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sahayak-ckpt-'));
    const file = path.join(dir, 'sahayak.db');
    db = openSqlite(file);
    const mark = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely);
    expect(mark.rows[0]?.wal_autocheckpoint).toBe(BACKSTOP_PAGES);

    await sql`create table filler (id integer primary key, body text not null)`.execute(db.kysely);
    const body = 'x'.repeat(1000);
    // About 3 MB in 30 commits: some 750 pages, far below the commit's own threshold.
    for (let i = 0; i < 30; i++) {
      await db.kysely.transaction().execute(async (trx) => {
        for (let j = 0; j < 100; j++) await sql`insert into filler (body) values (${body})`.execute(trx);
      });
    }
    const deadline = Date.now() + 5000;
    while (statSync(file).size < 3_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThanOrEqual(3_000_000);
    const count = await sql<{ n: number }>`select count(*) as n from filler`.execute(db.kysely);
    expect(count.rows[0]?.n).toBe(3000);
  });

  it('keeps a script alive until close() has stopped the worker', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sahayak-ckpt-'));
    const file = path.join(dir, 'sahayak.db');
    db = openSqlite(path.join(dir, 'other.db'));
    // A script whose last step is awaiting close(): the worker is unreferenced while it runs, and the
    // process must not end before close() settles (Node exits with 13 on an unsettled top-level await).
    const script = `const { openSqlite } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)});
      const db = openSqlite(${JSON.stringify(file)});
      await db.close();
      console.log('closed');`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });
});
