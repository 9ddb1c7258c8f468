// The two languages stay in step: same keys, real Hindi, and every key the code asks for exists.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import hi from './hi.json';

type Tree = { [key: string]: string | Tree };

/** Values that are meant to be the same in both files: each language's own name, in its own script. */
const SAME_IN_BOTH = new Set(['languages.en', 'languages.hi']);

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en as Tree);
const hiKeys = flatten(hi as Tree);
const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(): string[] {
  return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(srcDir, f));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('translations', () => {
  it('en.json and hi.json have the same keys', () => {
    const missingInHi = [...enKeys.keys()].filter((k) => !hiKeys.has(k));
    const missingInEn = [...hiKeys.keys()].filter((k) => !enKeys.has(k));
    expect({ missingInHi, missingInEn }).toEqual({ missingInHi: [], missingInEn: [] });
  });

  it('every Hindi value is real Hindi: not empty, not the English text, written in Devanagari', () => {
    const problems: string[] = [];
    for (const [key, value] of hiKeys) {
      if (SAME_IN_BOTH.has(key)) continue;
      if (!value.trim()) problems.push(`${key}: empty`);
      else if (value === enKeys.get(key)) problems.push(`${key}: same as English "${value}"`);
      else if (!/[\u0900-\u097F]/.test(value)) problems.push(`${key}: no Devanagari in "${value}"`);
    }
    for (const [key, value] of enKeys) if (!value.trim()) problems.push(`en ${key}: empty`);
    expect(problems).toEqual([]);
  });

  it('both languages use the same {{placeholders}} in each message', () => {
    const problems = [...enKeys]
      .filter(
        ([key, value]) => hiKeys.has(key) && placeholders(value).join() !== placeholders(hiKeys.get(key) ?? '').join(),
      )
      .map(([key]) => key);
    expect(problems).toEqual([]);
  });

  it('every key used in the source exists in both languages', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(10);
    const missing: string[] = [];
    let literalCount = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const where = path.relative(srcDir, file);
      for (const match of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
        literalCount += 1;
        const key = match[1] ?? '';
        if (!enKeys.has(key)) missing.push(`en ${key} (${where})`);
        if (!hiKeys.has(key)) missing.push(`hi ${key} (${where})`);
      }
      // t(`roles.${role}`): the part before the interpolation must name a group of messages in both files.
      for (const match of text.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)) {
        const prefix = `${match[1] ?? ''}.`;
        if (![...enKeys.keys()].some((k) => k.startsWith(prefix))) missing.push(`en ${prefix}* (${where})`);
        if (![...hiKeys.keys()].some((k) => k.startsWith(prefix))) missing.push(`hi ${prefix}* (${where})`);
      }
    }
    expect(literalCount).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
