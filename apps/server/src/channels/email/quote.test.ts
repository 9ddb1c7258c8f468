// Splitting a reply's text into new text, quoted history and signature: each client's way of
// quoting, and the cases where a guess must not eat what the customer wrote.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_MARKER, splitReply } from './quote.js';

const lines = (...l: string[]) => l.join('\n');

describe('splitReply', () => {
  it('leaves a mail without history or signature as it is', () => {
    expect(splitReply('Hello,\n\nmy kettle leaks.\n\nThanks\nAsha\n')).toEqual({
      newText: 'Hello,\n\nmy kettle leaks.\n\nThanks\nAsha',
      quoted: null,
      signature: null,
    });
  });

  it('returns nothing for an empty text', () => {
    expect(splitReply('')).toEqual({ newText: '', quoted: null, signature: null });
  });

  it('cuts the ">" lines that close the text', () => {
    expect(splitReply(lines('Yes, Friday works.', '', '> Can we deliver on Friday?', '>', '> Thanks'))).toEqual({
      newText: 'Yes, Friday works.',
      quoted: '> Can we deliver on Friday?\n>\n> Thanks',
      signature: null,
    });
  });

  it('keeps an inline reply whose answers sit between ">" lines', () => {
    const text = lines('> Which colour?', 'Blue.', '', '> Which size?', 'Large.');
    expect(splitReply(text)).toEqual({ newText: text, quoted: null, signature: null });
  });

  it('cuts at a one-line "On … wrote:" attribution', () => {
    const r = splitReply(
      lines(
        'Thanks!',
        '',
        'On Mon, 23 Nov 2026 at 10:20, Sahayak Support <support@demo.sahayak.test> wrote:',
        '> Hello',
      ),
    );
    expect(r.newText).toBe('Thanks!');
    expect(r.quoted).toBe('On Mon, 23 Nov 2026 at 10:20, Sahayak Support <support@demo.sahayak.test> wrote:\n> Hello');
  });

  it('cuts at an attribution wrapped over two lines', () => {
    const r = splitReply(
      lines(
        'Got it.',
        '',
        'On Mon, 23 Nov 2026 at 10:20, Sahayak Support <',
        'support@demo.sahayak.test> wrote:',
        '',
        '> Hi',
      ),
    );
    expect(r.newText).toBe('Got it.');
    expect(r.quoted?.split('\n')[0]).toBe('On Mon, 23 Nov 2026 at 10:20, Sahayak Support <');
  });

  it('cuts at Gmail’s Hindi attribution, on one line or two', () => {
    expect(
      splitReply(lines('ठीक है।', '', 'सोम, 23 नव॰ 2026 को 10:20 am बजे Asha <a@example.in> ने लिखा:', '> नमस्ते')).newText,
    ).toBe('ठीक है।');
    expect(
      splitReply(lines('ठीक है।', '', 'सोम, 23 नव॰ 2026 को 10:20 am बजे Asha <', 'a@example.in> ने लिखा:', '> नमस्ते'))
        .newText,
    ).toBe('ठीक है।');
  });

  it('cuts at Outlook’s "-----Original Message-----"', () => {
    const r = splitReply(
      lines('Please cancel it.', '', '-----Original Message-----', 'From: Support', 'Sent: Monday', 'Old text'),
    );
    expect(r).toEqual({
      newText: 'Please cancel it.',
      quoted: '-----Original Message-----\nFrom: Support\nSent: Monday\nOld text',
      signature: null,
    });
  });

  it('cuts at an Outlook header block, also in its Mac form (Date:) and with bold names', () => {
    const block = (from: string, sent: string) =>
      lines(
        'Done, thanks.',
        '',
        `${from} Sahayak Support <support@demo.sahayak.test>`,
        `${sent} Monday, 23 November 2026 10:20`,
        'To: Asha',
        'Subject: Re: Kettle [#1045]',
        '',
        'Old',
      );
    expect(splitReply(block('From:', 'Sent:')).newText).toBe('Done, thanks.');
    expect(splitReply(block('From:', 'Date:')).newText).toBe('Done, thanks.');
    expect(splitReply(block('*From:*', '*Sent:*')).newText).toBe('Done, thanks.');
  });

  it('cuts at the underscore line above an Outlook header block', () => {
    const r = splitReply(
      lines(
        'OK.',
        '',
        '_'.repeat(32),
        'From: Support <support@demo.sahayak.test>',
        'Sent: Monday',
        'To: Asha',
        'Subject: Re: x',
      ),
    );
    expect(r.newText).toBe('OK.');
    expect(r.quoted?.startsWith('_'.repeat(32))).toBe(true);
  });

  it('keeps an underscore line that no header block follows', () => {
    const text = lines('Totals', '_'.repeat(24), 'Kettle 1', 'Mixer 2');
    expect(splitReply(text).newText).toBe(text);
  });

  it('does not take a lone "From:" line in the customer’s text for a header block', () => {
    const text = lines('From: my office in Pune', 'To: your warehouse', 'it took nine days.');
    expect(splitReply(text).newText).toBe(text);
  });

  it('cuts at our marker line, quoted or not, and takes the line ending in ":" above it along', () => {
    expect(splitReply(lines('Order 5521.', '', REPLY_MARKER, 'Agent wrote')).newText).toBe('Order 5521.');
    expect(splitReply(lines('Order 5521.', 'Le support a dit :', `> ${REPLY_MARKER}`, '> Agent wrote')).newText).toBe(
      'Order 5521.',
    );
  });

  it('keeps a line ending in ":" above quoted lines when it names no address', () => {
    expect(splitReply(lines('The app says:', '', '> Error 42: payment declined')).newText).toBe('The app says:');
  });

  it('takes the "-- " delimiter and what follows as the signature', () => {
    expect(splitReply(lines('Is the motor covered?', '', '-- ', 'Kabir Khan', '+91 98765 43210'))).toEqual({
      newText: 'Is the motor covered?',
      quoted: null,
      signature: 'Kabir Khan\n+91 98765 43210',
    });
  });

  it('accepts "--" without the trailing space, and uses the last delimiter', () => {
    expect(splitReply(lines('a -- b', '--', 'mid', 'more', '--', 'Kabir')).signature).toBe('Kabir');
  });

  it('takes a closing "Sent from my iPhone"-style line as the signature', () => {
    for (const line of [
      'Sent from my iPhone',
      'Sent from my Samsung Galaxy smartphone.',
      'Get Outlook for Android',
      'मेरे iPhone से भेजा गया',
    ]) {
      expect(splitReply(lines('Yes please.', '', line))).toEqual({
        newText: 'Yes please.',
        quoted: null,
        signature: line,
      });
    }
  });

  it('keeps a "Sent from …" line that is part of the message', () => {
    const text = lines(
      'Sent from my office yesterday, the parcel is lost.',
      'Sent from my iPhone',
      'and then more text',
    );
    expect(splitReply(text).newText).toBe(text);
  });

  it('removes the signature and the quoted history together', () => {
    expect(
      splitReply(
        lines('Thanks.', '', 'Sent from my iPhone', '', '> On 23-Nov-2026, at 10:20, Support <s@x.in> wrote:', '> Hi'),
      ),
    ).toEqual({
      newText: 'Thanks.',
      quoted: '> On 23-Nov-2026, at 10:20, Support <s@x.in> wrote:\n> Hi',
      signature: 'Sent from my iPhone',
    });
  });

  it('finds the answer written below the quote (bottom posting)', () => {
    expect(
      splitReply(
        lines(
          'On Mon, 23 Nov 2026, Support <s@x.in> wrote:',
          '> Replacement or refund?',
          '',
          'Refund, please.',
          '-- ',
          'Asha',
        ),
      ),
    ).toEqual({
      newText: 'Refund, please.',
      quoted: 'On Mon, 23 Nov 2026, Support <s@x.in> wrote:\n> Replacement or refund?',
      signature: 'Asha',
    });
  });

  it('returns empty new text when there is only history', () => {
    expect(splitReply(lines('> one', '> two')).newText).toBe('');
  });

  it('reads CRLF line ends', () => {
    expect(splitReply('Fine.\r\n\r\n> old\r\n').newText).toBe('Fine.');
  });

  it('only ever splits: every line it returns is a line of the text', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('> quoted', '', '-- ', 'Sent from my iPhone', REPLY_MARKER, 'On Mon, Asha <a@x.in> wrote:'),
      fc.constantFrom('From: A', 'Sent: Monday', 'To: B', 'Subject: C', '_'.repeat(32), '-----Original Message-----'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (list) => {
        const text = list.join('\n');
        const all = new Set(text.split('\n').map((l) => l.trimEnd()));
        const r = splitReply(text);
        for (const part of [r.newText, r.quoted ?? '', r.signature ?? '']) {
          for (const l of part.split('\n')) if (l.trim()) expect(all.has(l.trimEnd())).toBe(true);
        }
      }),
    );
  });
});
