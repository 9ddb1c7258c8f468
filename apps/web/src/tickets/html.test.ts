import { describe, expect, it } from 'vitest';
import { escapeHtml, insertMention, mentionQuery, mentionsInText, snippetParts, textToHtml } from './html';

describe('textToHtml', () => {
  it('escapes markup so a typed <script> stays text', () => {
    expect(textToHtml('<script>alert("x")</script> & co')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co',
    );
    expect(textToHtml(`<img src=x onerror='a'>`)).not.toMatch(/<img/);
  });

  it('turns line breaks of any platform into <br>', () => {
    expect(textToHtml('Hello,\n\nthanks\r\nAsha\rV')).toBe('Hello,<br><br>thanks<br>Asha<br>V');
  });

  it('marks each mentioned agent, longest name first, in Hindi too', () => {
    const mentions = [
      { userId: 5, name: 'Asha' },
      { userId: 1, name: 'Asha Verma' },
      { userId: 6, name: 'अर्जुन सिंह' },
    ];
    expect(textToHtml('@Asha Verma and @Asha, see @अर्जुन सिंह.', mentions)).toBe(
      '<span data-mention="1">@Asha Verma</span> and <span data-mention="5">@Asha</span>, see ' +
        '<span data-mention="6">@अर्जुन सिंह</span>.',
    );
    // Not inside a word or an email address, and not a longer name.
    expect(textToHtml('mail x@Asha.in or @Ashanti', mentions)).toBe('mail x@Asha.in or @Ashanti');
  });

  it('escapes a mentioned name that holds markup', () => {
    expect(textToHtml('hi @<b>Bo</b>', [{ userId: 2, name: '<b>Bo</b>' }])).toBe(
      'hi <span data-mention="2">@&lt;b&gt;Bo&lt;/b&gt;</span>',
    );
  });

  it('escapes all five special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('mentions in the composer', () => {
  it('finds the @query before the caret only at a word start', () => {
    expect(mentionQuery('Hi @Ka', 6)).toEqual({ start: 3, query: 'Ka' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('Hi @Kavya Iy', 12)).toEqual({ start: 3, query: 'Kavya Iy' });
    expect(mentionQuery('mail me@example', 15)).toBeNull();
    expect(mentionQuery('@Ka\nnext', 8)).toBeNull();
    expect(mentionQuery('no at sign', 5)).toBeNull();
  });

  it('inserts the name and moves the caret after it', () => {
    expect(insertMention('Hi @Ka there', 3, 6, 'Kavya Iyer')).toEqual({ text: 'Hi @Kavya Iyer  there', caret: 15 });
  });

  it('keeps only the mentions still in the text, once each', () => {
    const m = [
      { userId: 1, name: 'Asha' },
      { userId: 2, name: 'Bo' },
      { userId: 1, name: 'Asha' },
    ];
    expect(mentionsInText('ping @Asha', m)).toEqual([{ userId: 1, name: 'Asha' }]);
  });
});

describe('snippetParts', () => {
  it('splits «marked» terms from the text around them', () => {
    expect(snippetParts('my «refund» for «रिफंड» order')).toEqual([
      { text: 'my ', marked: false },
      { text: 'refund', marked: true },
      { text: ' for ', marked: false },
      { text: 'रिफंड', marked: true },
      { text: ' order', marked: false },
    ]);
    expect(snippetParts('plain')).toEqual([{ text: 'plain', marked: false }]);
  });
});
