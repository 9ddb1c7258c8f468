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
    // data-remote-src: a mail's remote image, not loaded until an agent asks (sanitizeMailHtml).
    img: ['src', 'alt', 'title', 'width', 'height', 'data-remote-src'],
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

const mailOptions: sanitize.IOptions = {
  ...options,
  transformTags: {
    ...options.transformTags,
    // Remote images tell the sender when and where the mail was read: they wait, unloaded, under
    // data-remote-src until an agent chooses to load them. Inline (cid:) images stay.
    // Any other source (relative paths into our own site) goes.
    img: (tagName, attribs) => {
      const { src, 'data-remote-src': _, ...rest } = attribs;
      const url = src?.trim() ?? '';
      if (/^https?:/i.test(url)) return { tagName, attribs: { ...rest, 'data-remote-src': url } };
      if (/^cid:/i.test(url)) return { tagName, attribs: { src: url, ...rest } };
      return { tagName, attribs: rest };
    },
  },
};

/** HTML of a mail from outside: sanitised like any HTML, and its remote images not loaded. */
export function sanitizeMailHtml(html: string): string {
  return sanitize(html, mailOptions);
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

/** HTML cleaned by sanitizeHtml, with its plain text: what a message stores. */
export interface CleanBody {
  readonly html: string;
  readonly text: string;
  readonly clean: true;
}

/**
 * Cleans a message's HTML once, wherever that is cheapest: a mail's body is cleaned on the SMTP
 * listener's thread (channels/email/prepare.ts) and reaches the ticket as it is.
 */
export function cleanBody(html: string): CleanBody {
  const clean = sanitizeHtml(html);
  return { html: clean, text: htmlToText(clean), clean: true };
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
