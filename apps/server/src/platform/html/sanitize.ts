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
  const plain = plainBody(html);
  if (plain) return plain;
  const clean = sanitizeHtml(html);
  return { html: clean, text: htmlToText(clean), clean: true };
}

// What the composer sends (escaped text with <br> for line breaks, apps/web/src/tickets/html.ts) and
// plain paragraphs: no attribute, no other tag, no entity beyond the five escapes. Cleaning such HTML
// changes only how it is written, so it is done here without the parser: the same HTML and text as
// sanitizeHtml and htmlToText give (a test compares them on generated bodies), at a fraction of their
// cost, which was a sixth of a created ticket's work on the thread that serves every request.
const INLINE = String.raw`(?:[^<>&\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|&(?:amp|lt|gt|quot|#39);|<br>)`;
const PLAIN = new RegExp(`^(?:${INLINE}|<p>${INLINE}*</p>)*$`);
/** Longer bodies take the parser: the check is linear, but a mail-sized body is rare from the composer. */
const PLAIN_MAX = 20_000;
const PLAIN_HTML: Record<string, string> = { '<br>': '<br />', '&quot;': '"', '&#39;': "'" };
const PLAIN_TEXT: Record<string, string> = {
  '<br />': '\n',
  '</p>': '\n',
  '<p>': '',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
};

export function plainBody(html: string): CleanBody | null {
  if (html.length > PLAIN_MAX || !PLAIN.test(html)) return null;
  // The parser decodes the text and writes it again escaping only &, < and >; <br> closes itself.
  const clean = html.replace(/<br>|&quot;|&#39;/g, (m) => PLAIN_HTML[m] ?? m);
  const text = clean
    .replace(/<br \/>|<\/?p>|&(?:amp|lt|gt);/g, (m) => PLAIN_TEXT[m] ?? m)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { html: clean, text, clean: true };
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
