// The README's configuration table is made from config.ts; this fails when they drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../src/platform/config.js';

describe('README', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

  it('documents every configuration variable with its doc line (node scripts/config-table.mjs)', () => {
    for (const [name, v] of Object.entries(configVariables)) {
      expect(readme, name).toContain(`| \`${name}\` | \`${v.default}\` | ${v.doc} |`);
    }
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
