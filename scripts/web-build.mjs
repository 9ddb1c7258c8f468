// Builds the web app only when its sources changed since the last build (content hash stamp),
// so `npm start` starts fast on an installed checkout.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'apps/web');
const stampFile = path.join(web, 'dist/.build-stamp');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const name of readdirSync(p).sort()) {
      if (name === 'node_modules' || name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
      yield* files(path.join(p, name));
    }
  } else yield p;
}

export function webSourceHash() {
  const h = createHash('sha256');
  for (const input of inputs) {
    for (const f of files(path.join(web, input))) {
      h.update(path.relative(web, f));
      h.update(readFileSync(f));
    }
  }
  return h.digest('hex');
}

/** Builds apps/web/dist when missing or stale; returns true when it built. */
export function ensureWebBuilt({ quiet = false } = {}) {
  if (!existsSync(path.join(web, 'index.html'))) return false;
  const hash = webSourceHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return false;
  if (!quiet) console.log('Building the web app (only when its sources change)…');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: web,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('The web app failed to build (see above).');
  writeFileSync(stampFile, hash);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWebBuilt();
