import { describe, expect, it } from 'vitest';
import { cleanBody, htmlToText, mentionedUserIds, plainBody, sanitizeHtml, textToHtml } from './sanitize.js';

describe('sanitizeHtml', () => {
  it('removes scripts, event handlers and javascript: links, keeps formatting', () => {
    const out = sanitizeHtml(
      '<p onclick="x()">Hi <b>there</b><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="http://e/x.png" onerror="y()"></p>',
    );
    expect(out).toBe('<p>Hi <b>there</b><a target="_blank" rel="noopener noreferrer nofollow">x</a><img /></p>');
  });

  it('keeps safe links with a safe target, and mention markers', () => {
    expect(sanitizeHtml('<a href="https://example.test/a?b=1">docs</a>')).toBe(
      '<a href="https://example.test/a?b=1" target="_blank" rel="noopener noreferrer nofollow">docs</a>',
    );
    expect(sanitizeHtml('<span data-mention="12" style="color:red">@Kavya</span>')).toBe(
      '<span data-mention="12">@Kavya</span>',
    );
  });

  it('keeps Hindi text intact', () => {
    expect(sanitizeHtml('<p>मेरा रिफ़ंड अभी तक नहीं आया</p>')).toBe('<p>मेरा रिफ़ंड अभी तक नहीं आया</p>');
  });
});

describe('htmlToText / textToHtml', () => {
  it('turns blocks and breaks into lines and decodes entities', () => {
    expect(htmlToText('<p>One &amp; two</p><p>three<br>four</p>')).toBe('One & two\nthree\nfour');
  });

  it('escapes text so it cannot become markup', () => {
    expect(textToHtml('<script>"x"</script>\nline')).toBe('<p>&lt;script&gt;&quot;x&quot;&lt;/script&gt;<br>line</p>');
  });

  it('finds mentioned user ids once each', () => {
    expect(
      mentionedUserIds(
        '<span data-mention="3">@A</span> <span data-mention="3">@A</span> <span data-mention="9">@B</span>',
      ),
    ).toEqual([3, 9]);
  });
});

describe('cleanBody without the parser', () => {
  // A small deterministic generator: the pieces the composer and plain paragraphs are made of, and
  // characters that could trip a shortcut (quotes, control characters, a stray &, Devanagari, emoji).
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chars = [
    'a',
    'Z',
    ' ',
    '  ',
    '\t',
    '\n',
    '\r',
    '"',
    "'",
    '=',
    '/',
    'नमस्ते',
    'रिफ़ंड',
    'क्ष',
    '😀',
    '\u0000',
    '\u0007',
    '\u00a0',
    '\u200d',
    '&amp;',
    '&lt;',
    '&gt;',
    '&quot;',
    '&#39;',
    '&nbsp;',
    '&',
    '&amp;amp;',
    '<br>',
    '<br>',
    '<br/>',
    '<b>',
    '<',
    '>',
  ];
  const inline = () => Array.from({ length: Math.floor(random() * 12) }, () => pick(chars)).join('');
  const body = () =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.5 ? `<p>${inline()}</p>` : inline())).join(
      '',
    );

  it('gives what the parser gives, for every body it takes', () => {
    let taken = 0;
    for (let i = 0; i < 5000; i++) {
      const html = random() < 0.5 ? textToHtml(inline()) : body();
      const fast = plainBody(html);
      const clean = sanitizeHtml(html);
      const slow = { html: clean, text: htmlToText(clean), clean: true };
      if (fast) {
        taken++;
        expect({ input: html, ...fast }).toEqual({ input: html, ...slow });
      }
      expect(cleanBody(html)).toEqual(slow);
    }
    // The generator mostly makes bodies the shortcut takes, and some it must leave to the parser.
    expect(taken).toBeGreaterThan(2000);
    expect(taken).toBeLessThan(5000);
  });

  it('leaves anything with an attribute, another tag or an unknown entity to the parser', () => {
    for (const html of [
      '<p class="x">a</p>',
      '<p>a<b>b</b></p>',
      '<p><p>nested</p></p>',
      '<p>open',
      'a</p>',
      '&nbsp;',
      'a & b',
      '<br/>',
      '<script>alert(1)</script>',
      '<span data-mention="3">@A</span>',
    ]) {
      expect(plainBody(html)).toBeNull();
    }
    expect(cleanBody('<p>x &amp; y</p><p>&quot;two&quot;<br>three</p>')).toEqual({
      html: '<p>x &amp; y</p><p>"two"<br />three</p>',
      text: 'x & y\n"two"\nthree',
      clean: true,
    });
  });
});
