import { describe, expect, it } from 'vitest';
import { localeFromHeader } from './locale.js';

describe('localeFromHeader', () => {
  it.each([
    [undefined, 'en'],
    ['hi', 'hi'],
    ['hi-IN,hi;q=0.9,en-US;q=0.8', 'hi'],
    ['en-GB,en;q=0.9,hi;q=0.8', 'en'],
    ['fr-FR,hi;q=0.5', 'hi'],
    ['en;q=0.2,hi;q=0.9', 'hi'],
    ['de', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(localeFromHeader(header)).toBe(expected);
  });
});
