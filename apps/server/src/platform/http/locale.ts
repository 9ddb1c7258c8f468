import type { Locale } from '../errors.js';

/** The first of en/hi in an Accept-Language header, by its q order; English otherwise. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'en';
  const langs = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((l) => l.tag && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q);
  for (const l of langs) {
    if (l.tag === 'hi' || l.tag.startsWith('hi-')) return 'hi';
    if (l.tag === 'en' || l.tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
