import { describe, expect, it } from 'vitest';
import { htmlToText, mentionedUserIds, sanitizeHtml, textToHtml } from './sanitize.js';

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
