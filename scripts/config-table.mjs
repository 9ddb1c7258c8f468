// Writes the README's configuration table from the variables' own docs in apps/server/src/platform/config.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { configVariables } = await import('../apps/server/src/platform/config.ts');
const rows = Object.entries(configVariables).map(([name, v]) => `| \`${name}\` | \`${v.default}\` | ${v.doc} |`);
const table = ['| variable | default | what it does |', '|---|---|---|', ...rows].join('\n');
const readme = readFileSync('README.md', 'utf8');
const begin = '<!-- config-table:begin -->';
const end = '<!-- config-table:end -->';
const next = readme.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), `${begin}\n${table}\n${end}`);
writeFileSync('README.md', next);
console.log(next === readme ? 'README config table already up to date.' : 'README config table updated.');
