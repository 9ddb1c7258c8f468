// HTML from outside (agents' composers, customers' mail) is cleaned here before it is stored, and its
// plain text is kept beside it for search and previews.
import sanitize from 'sanitize-html';

const options: sanitize.IOptions = {
  allowedTags: [
    'a',
    'b',
    'blockquote',
    'br',
    'code',
    'del',
    'div',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'hr',
    'i',
    'img',
    'li',
    'ol',
    'p',
    'pre',
    's',
    'span',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    span: ['data-mention'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'cid'] },
  allowProtocolRelative: false,
  transformTags: {
    // Links open outside the app and tell the target nothing about us.
    a: sanitize.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }, true),
  },
};
// target/rel are set by the transform above, so they must survive the attribute filter.
(options.allowedAttributes as Record<string, string[]>).a!.push('target', 'rel');

export function sanitizeHtml(html: string): string {
  return sanitize(html, options);
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Plain text of (already sanitised) HTML: block ends become newlines, runs of blank lines collapse. */
export function htmlToText(html: string): string {
  const text = sanitize(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|tr|h[1-4]|blockquote|pre)>/gi, '\n'), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** HTML for plain text (system messages, text-only input): escaped, newlines kept. */
export function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  return `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
}

/** User ids mentioned with <span data-mention="id"> in (sanitised) HTML. */
export function mentionedUserIds(html: string): number[] {
  const ids = new Set<number>();
  for (const m of html.matchAll(/data-mention="(\d{1,9})"/g)) ids.add(Number(m[1]));
  return [...ids];
}
