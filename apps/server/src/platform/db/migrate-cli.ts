// `npm run migrate`: applies pending migrations to the configured database and exits.
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { openDb } from './index.js';
import { migrateToLatest } from './migrate.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
// biome-ignore lint/style/noProcessEnv: the CLI entry point hands the environment to config
const config = loadConfig(process.env, repoRoot);
const db = openDb(config);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
