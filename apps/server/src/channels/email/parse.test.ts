// Inbound mail parsing against a corpus of hand-written messages in fixtures/: charsets, encoded
// words, threading, attachments, hostile HTML, automatic mails, bounces, broken MIME and replies as
// the common clients quote them.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParsedMail, parseMail } from './parse.js';
import { plusAddressTicketNumber, subjectTicketNumber } from './tokens.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const raw = (name: string) => readFileSync(new URL(name, FIXTURES));
const parse = (name: string) => parseMail(raw(name));
const SUPPORT = ['support@demo.sahayak.test'];

describe('the fixture corpus', () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.eml'));

  it('holds at least 25 messages', () => {
    expect(names.length).toBeGreaterThanOrEqual(25);
  });

  it.each(names)('%s parses without throwing, with a subject and some text', async (name) => {
    const mail = await parse(name);
    expect(mail.subject.length).toBeGreaterThan(0);
    expect(mail.text.trim().length).toBeGreaterThan(0);
    expect(mail.newText.trim().length).toBeGreaterThan(0);
  });
});

describe('UTF-8 mail', () => {
  it('reads a plain text mail: addresses, delivery, date and the text as written', async () => {
    const mail = await parse('utf8-plain.eml');
    expect(mail).toMatchObject({
      messageId: 'CAF1234.5678@mail.example.in',
      inReplyTo: null,
      references: [],
      from: { address: 'asha.verma@example.in', name: 'Asha Verma' },
      // "(billing)" is a comment in RFC 5322, not part of the name.
      replyTo: { address: 'billing@example.in', name: 'Asha' },
      to: [{ address: 'support@demo.sahayak.test', name: 'Sahayak Support' }],
      cc: [
        { address: 'rahul@example.in', name: 'Rahul K.' },
        { address: 'ops@example.in', name: null },
      ],
      deliveredTo: ['support@demo.sahayak.test'],
      subject: 'Refund for order 5521 – café machine',
      date: Date.UTC(2026, 10, 23, 4, 45, 0),
      html: null,
      attachments: [],
      kind: 'normal',
      autoReason: null,
      bounce: null,
      locale: 'en',
      warnings: [],
    });
    const text =
      'Hello,\n\nThe café machine I bought for ₹12,499 arrived broken — the “steam” knob is cracked.\n' +
      'Could you arrange a refund?\n\nThanks,\nAsha';
    expect(mail.text).toBe(text);
    expect(mail.newText).toBe(text);
  });

  it('derives the text of an HTML-only mail from its cleaned HTML, and drops the head', async () => {
    const mail = await parse('utf8-html-only.eml');
    expect(mail.html).toBe(
      '<p>Hello team,</p><p>My order <b>5521</b> shows “delivered” but nothing arrived.</p><p>Regards,<br />Vikram Singh</p>',
    );
    expect(mail.text).toBe('Hello team,\nMy order 5521 shows “delivered” but nothing arrived.\nRegards,\nVikram Singh');
    expect(mail.date).toBe(Date.UTC(2026, 10, 24, 9, 0, 0));
  });

  it('takes the text part as text and the HTML part as html from multipart/alternative', async () => {
    const mail = await parse('alternative.eml');
    expect(mail.messageId).toBe('CABx+alt.42@mail.gmail.com');
    expect(mail.text).toBe(
      'Hi,\n\nThe blender (model BX-200) stops after ten seconds. I’ve attached nothing yet — tell me what you need.\n\nMeera',
    );
    expect(mail.html).toBe(
      '<div><p>Hi,</p><p>The blender (model <i>BX-200</i>) stops after ten seconds. I’ve attached nothing yet — tell me what you need.</p><p>Meera</p></div>',
    );
  });
});

describe('legacy charsets', () => {
  it('decodes ISO-8859-1 quoted-printable, with a Q-encoded ISO-8859-1 subject and name', async () => {
    const mail = await parse('latin1-qp.eml');
    expect(mail.from).toEqual({ address: 'juergen.mueller@example.de', name: 'Jürgen Müller' });
    expect(mail.subject).toBe('Rücksendung für Bestellung 5521');
    expect(mail.text).toBe(
      'Grüße aus München!\n\nSeñor Muñoz möchte 2½ Kaffeemaschinen zurückgeben. Preis: 199 £ ±5 %.',
    );
    expect(mail.warnings).toEqual([]);
  });

  it('decodes ISO-8859-15 sent as raw 8-bit, where € Œ Š Ž Ÿ differ from Latin-1', async () => {
    const mail = await parse('latin9-8bit.eml');
    expect(mail.text).toBe('Bonjour,\n\nLe prix est de 25 € pour les œuvres complètes de Šárka Žižková. Ÿ compris.');
  });

  it('decodes ISO-8859-2 in the body and in a Q-encoded subject and name', async () => {
    const mail = await parse('latin2-qp.eml');
    expect(mail.from?.name).toBe('Łukasz Kowalski');
    expect(mail.subject).toBe('Przesyłka nie dotarła');
    expect(mail.text).toBe('Dzień dobry!\n\nZażółć gęślą jaźń. Przesyłka do Łodzi nie dotarła.');
  });

  it('decodes windows-1252 punctuation in 0x80–0x9F', async () => {
    const mail = await parse('cp1252-8bit.eml');
    expect(mail.from).toEqual({ address: 'sean.obrien@example.ie', name: "O'Brien, Sean" });
    expect(mail.text).toBe('We’re “very” unhappy – the €30 fee… wasn’t mentioned • Œuvre™');
  });

  it('decodes windows-1251 Cyrillic in a base64 body and B-encoded headers', async () => {
    const mail = await parse('cp1251-base64.eml');
    expect(mail.from?.name).toBe('Иван Петров');
    expect(mail.subject).toBe('Заказ не доставлен');
    expect(mail.text).toBe('Здравствуйте!\n\nЗаказ № 5521 не доставлен.\n\nСпасибо,\nИван');
    expect(mail.locale).toBe('en');
  });

  it('reads a charset nobody knows as UTF-8 and says so', async () => {
    const mail = await parse('unknown-charset.eml');
    expect(mail.text).toBe('Qapla’! Order 5521 please.');
    expect(mail.warnings).toEqual(['charset_unknown:x-klingon']);
  });
});

describe('RFC 2047 encoded words', () => {
  it('joins split B and Q words (even inside one character) and decodes ISO-8859-1 names', async () => {
    const mail = await parse('rfc2047-words.eml');
    expect(mail.subject).toBe('✅ Order confirmed: café crème and more');
    expect(mail.from).toEqual({ address: 'andre@example.pt', name: 'André Gonçalves' });
    expect(mail.cc).toEqual([{ address: 'priya@example.in', name: 'नमस्ते' }]);
  });

  it('flattens an address group into its members', async () => {
    const mail = await parse('rfc2047-words.eml');
    expect(mail.to).toEqual([
      { address: 'support@demo.sahayak.test', name: 'सहायक सहायता' },
      { address: 'help@demo.sahayak.test', name: null },
    ]);
  });
});

describe('Hindi mail', () => {
  it('decodes a base64 body and B-encoded subject and name, and reads it as Hindi', async () => {
    const mail = await parse('hindi-base64.eml');
    expect(mail.from).toEqual({ address: 'priya.sharma@example.in', name: 'प्रिया शर्मा' });
    expect(mail.subject).toBe('मेरा रिफंड अभी तक नहीं आया');
    expect(mail.text).toBe(
      'नमस्ते,\n\nमैंने 12 नवंबर को ऑर्डर 5521 लौटाया था, लेकिन रिफंड अभी तक नहीं आया।\nकृपया जल्दी मदद करें।\n\nधन्यवाद,\nप्रिया',
    );
    expect(mail.locale).toBe('hi');
  });

  it('decodes quoted-printable Hindi, Q-encoded headers, and leaves the signature out of the new text', async () => {
    const mail = await parse('hindi-qp.eml');
    expect(mail.from?.name).toBe('राहुल गुप्ता');
    expect(mail.subject).toBe('डिलीवरी में देरी');
    expect(mail.text).toBe(
      'डिलीवरी में देरी क्यों हो रही है? मेरा पार्सल अभी भी गोदाम में है।\n\n-- \nराहुल गुप्ता\nगुप्ता ट्रेडर्स, जयपुर',
    );
    expect(mail.newText).toBe('डिलीवरी में देरी क्यों हो रही है? मेरा पार्सल अभी भी गोदाम में है।');
    expect(mail.html).toBe(
      '<div>डिलीवरी में देरी क्यों हो रही है? मेरा पार्सल अभी भी गोदाम में है।</div><div>-- <br />राहुल गुप्ता<br />गुप्ता ट्रेडर्स, जयपुर</div>',
    );
    expect(mail.locale).toBe('hi');
  });
});

describe('threading', () => {
  it('normalises ids, takes the first In-Reply-To, keeps References in order without repeats', async () => {
    const mail = await parse('threading.eml');
    expect(mail.messageId).toBe('CAF9999.reply@mail.example.in');
    expect(mail.inReplyTo).toBe('sahayak.1042.3@demo.sahayak.test');
    expect(mail.references).toEqual([
      'CAF1234.5678@mail.example.in',
      'sahayak.1042.1@demo.sahayak.test',
      'sahayak.1042.2@demo.sahayak.test',
      'sahayak.1042.3@demo.sahayak.test',
    ]);
  });

  it('unfolds a folded subject and lists every delivery address once, lower-cased', async () => {
    const mail = await parse('threading.eml');
    expect(mail.subject).toBe('Re: Refund for order 5521 – café machine [#1042]');
    expect(mail.deliveredTo).toEqual(['support@demo.sahayak.test', 'support+1042@demo.sahayak.test']);
    expect(mail.date).toBe(Date.UTC(2026, 10, 23, 6, 31, 30));
    expect(subjectTicketNumber(mail.subject)).toBe(1042);
    expect(plusAddressTicketNumber(mail.to[0]!.address, SUPPORT)).toBe(1042);
  });
});

describe('attachments', () => {
  it('keeps each attachment with its name, type, size and bytes', async () => {
    const mail = await parse('attachments.eml');
    expect(mail.text).toBe('Invoice and a photo of the damage are attached.');
    expect(mail.attachments.map(({ content: _, ...a }) => a)).toEqual([
      {
        filename: 'invoice-5521.pdf',
        contentType: 'application/pdf',
        size: 142,
        contentId: null,
        inline: false,
      },
      { filename: 'चालान.csv', contentType: 'text/csv', size: 62, contentId: null, inline: false },
      { filename: 'damage photo.jpg', contentType: 'image/jpeg', size: 22, contentId: null, inline: false },
    ]);
    const [pdf, csv, jpg] = mail.attachments;
    expect(pdf!.content.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf!.content.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    expect(csv!.content.toString('utf8')).toBe('पंक्ति,राशि\nचालान 5521,₹12499\n');
    expect([...jpg!.content.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('marks an image the HTML shows through cid: as inline and leaves the cid: link for the caller', async () => {
    const mail = await parse('inline-image.eml');
    expect(mail.html).toBe(
      '<div><p>The crack is here:</p><img src="cid:crack.5521@mail.example.com" alt="crack.png" width="300" /></div>',
    );
    expect(mail.text).toBe('The crack is here:\n[image: crack.png]');
    expect(
      mail.attachments.map(({ filename, contentId, inline, size }) => ({ filename, contentId, inline, size })),
    ).toEqual([
      { filename: 'crack.png', contentId: 'crack.5521@mail.example.com', inline: true, size: 68 },
      { filename: 'unused.png', contentId: 'unused.5521@mail.example.com', inline: false, size: 68 },
    ]);
    expect(mail.attachments[0]!.content.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('keeps a forwarded message/rfc822 as one .eml attachment instead of unfolding it into the text', async () => {
    const mail = await parse('forward-attached.eml');
    expect(mail.kind).toBe('normal');
    expect(mail.text).toBe('See the confirmation below: it says two kettles, I ordered one.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'Your order 5521 is confirmed.eml',
      contentType: 'message/rfc822',
      inline: false,
    });
    expect(mail.attachments[0]!.content.toString('utf8')).toContain('Message-ID: <order.5521@shop.example>');
  });
});

describe('hostile HTML', () => {
  it('removes scripts, handlers, javascript: and data: URLs, styles, frames, forms and embeds', async () => {
    const mail = await parse('hostile-html.eml');
    const rel = 'target="_blank" rel="noopener noreferrer nofollow"';
    expect(mail.html).toBe(
      `<p>Please see <a ${rel}>my invoice</a> and <a href="https://shop.example.in/orders/5521" ${rel}>the order</a>.</p>\n` +
        '<img />\n<img alt="pixel" />\n<img alt="photo" data-remote-src="https://cdn.example.in/p.png" />\n\n\nLog in\n\n\n' +
        `<p>Thanks</p>\n<a ${rel}>again</a>`,
    );
    for (const bad of ['script', 'onerror', 'onload', 'onclick', 'javascript', 'data:', 'style', 'iframe', 'form']) {
      expect(mail.html!.toLowerCase()).not.toContain(bad);
    }
    expect(mail.html).not.toContain('evil.test');
    expect(mail.text).toBe('Please see my invoice and the order.\n\nLog in\n\nThanks\n\nagain');
  });
});

describe('automatic mail', () => {
  const cases: [string, string][] = [
    ['auto-submitted-oof.eml', 'Auto-Submitted: auto-replied'],
    ['x-autoreply.eml', 'X-Autoreply: yes'],
    ['x-autorespond.eml', 'X-Autorespond: vacation'],
    ['auto-response-suppress.eml', 'X-Auto-Response-Suppress: DR, OOF, AutoReply'],
    ['precedence-bulk.eml', 'Precedence: bulk'],
    ['precedence-junk.eml', 'Precedence: junk'],
    ['precedence-list.eml', 'Precedence: list'],
    ['read-receipt.eml', 'multipart/report; report-type=disposition-notification'],
    ['return-path-empty.eml', 'Return-Path: <>'],
    ['postmaster-notice.eml', 'From: postmaster@example.in'],
  ];

  it.each(cases)('%s is an auto_reply because of %s', async (name, reason) => {
    const mail = await parse(name);
    expect(mail.kind).toBe('auto_reply');
    expect(mail.autoReason).toBe(reason);
    expect(mail.bounce).toBeNull();
  });

  it('takes a list mail with Auto-Submitted: no for a person writing', async () => {
    const mail = await parse('list-human.eml');
    expect(mail.kind).toBe('normal');
    expect(mail.autoReason).toBeNull();
  });
});

describe('bounces', () => {
  it('reads a DSN: recipient, action, status and diagnostic, and the original Message-ID', async () => {
    const mail = await parse('dsn-bounce.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.autoReason).toBe('multipart/report');
    expect(mail.bounce).toEqual({
      originalMessageId: 'sahayak.1042.4@demo.sahayak.test',
      recipient: 'nobody@example.in',
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <nobody@example.in>: Recipient address rejected: User unknown in virtual mailbox table',
    });
    // The delivery report is read, not shown; the original stays attached.
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['attachment-1.eml', 'message/rfc822']]);
    expect(mail.text).toBe(
      'This is the mail system at host mx.demo.sahayak.test.\n\n' +
        "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n" +
        '<nobody@example.in>: host mail.example.in[203.0.113.10] said: 550 5.1.1\n' +
        '    <nobody@example.in>: Recipient address rejected: User unknown in virtual\n' +
        '    mailbox table (in reply to RCPT TO command)',
    );
    expect(mail.date).toBe(Date.UTC(2026, 10, 23, 4, 50, 5));
  });

  it('picks the failed recipient of a DSN and the original id from text/rfc822-headers', async () => {
    const mail = await parse('dsn-headers-only.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce).toEqual({
      originalMessageId: 'sahayak.1043.1@demo.sahayak.test',
      recipient: 'kiran@example.org',
      action: 'failed',
      status: '5.2.2',
      diagnostic: '552-5.2.2 The email account that you tried to reach is over quota.',
    });
  });

  it('reads a qmail bounce with the original quoted in its text', async () => {
    const mail = await parse('qmail-bounce.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.autoReason).toBe('From: mailer-daemon@mail.example.in');
    expect(mail.bounce).toEqual({
      originalMessageId: 'sahayak.1042.5@demo.sahayak.test',
      recipient: 'ravi@example.in',
      action: 'failed',
      status: '5.1.1',
      diagnostic: 'Sorry, no mailbox here by that name. (#5.1.1)',
    });
  });

  it('reads an Exim bounce with the original attached', async () => {
    const mail = await parse('exim-bounce-attached.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.autoReason).toBe('From: mailer-daemon@mx.example.org');
    expect(mail.bounce).toEqual({
      originalMessageId: 'sahayak.1044.2@demo.sahayak.test',
      recipient: 'amit@example.org',
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <amit@example.org>: Recipient address rejected: User unknown',
    });
  });

  it('falls back to In-Reply-To for a bounce that quotes nothing of the original', async () => {
    const mail = await parseMail(
      Buffer.from(
        'From: postmaster@outlook.example\r\nTo: support@demo.sahayak.test\r\nSubject: Undeliverable: Re: Refund [#1042]\r\n' +
          'In-Reply-To: <sahayak.1042.9@demo.sahayak.test>\r\nMessage-ID: <ndr.1@outlook.example>\r\n\r\n' +
          "Delivery has failed to these recipients or groups:\r\n\r\nsam@example.in\r\nThe email address couldn't be found.\r\n\r\n" +
          'Remote Server returned 550 5.1.10 RESOLVER.ADR.RecipientNotFound\r\n',
      ),
    );
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce).toEqual({
      originalMessageId: 'sahayak.1042.9@demo.sahayak.test',
      recipient: 'sam@example.in',
      action: 'failed',
      status: '5.1.10',
      diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound',
    });
  });
});

describe('malformed mail', () => {
  it('keeps the parts before a missing closing boundary and warns', async () => {
    const mail = await parse('malformed-no-end-boundary.eml');
    expect(mail.text).toBe('The parcel arrived open, photo attached.');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['parcel.jpg', 'image/jpeg', 114],
    ]);
    expect(mail.warnings).toEqual(['malformed_mime']);
    expect(mail.kind).toBe('normal');
  });

  it('shows the body of a multipart without a boundary as it came', async () => {
    const mail = await parse('malformed-no-boundary.eml');
    expect(mail.text).toBe('Where is my refund?');
    expect(mail.warnings).toEqual(['malformed_mime']);
  });

  it('reads what it can of garbage headers without From, Message-ID or a readable Date', async () => {
    const mail = await parse('garbage-headers.eml');
    expect(mail.from).toBeNull();
    expect(mail.messageId).toBeNull();
    expect(mail.date).toBeNull();
    expect(mail.to).toEqual([{ address: 'support@demo.sahayak.test', name: null }]);
    expect(mail.subject).toBe('help with my order');
    expect(mail.text).toBe('my order 5521 did not come pls help');
    expect(mail.warnings).toEqual(['malformed_headers', 'bad_date', 'no_from', 'no_message_id']);
  });

  it('builds the mail from the raw text when the MIME parser itself gives up', async () => {
    const parts = Array.from({ length: 1001 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join(
      '',
    );
    const mail = await parseMail(
      Buffer.from(
        'From: =?UTF-8?B?4KSq4KWN4KSw4KS/4KSv4KS+?= <Priya@Example.IN>\r\nTo: support@demo.sahayak.test\r\n' +
          'Subject: =?UTF-8?Q?Caf=C3=A9?= order\r\nMessage-ID: <many.parts@example.in>\r\nIn-Reply-To: <sahayak.1042.1@demo.sahayak.test>\r\n' +
          'Date: Mon, 23 Nov 2026 10:15:00 +0530\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
          `${parts}--b--\r\n`,
      ),
    );
    expect(mail).toMatchObject({
      messageId: 'many.parts@example.in',
      inReplyTo: 'sahayak.1042.1@demo.sahayak.test',
      from: { address: 'priya@example.in', name: 'प्रिया' },
      to: [{ address: 'support@demo.sahayak.test', name: null }],
      subject: 'Café order',
      date: Date.UTC(2026, 10, 23, 4, 45, 0),
      html: null,
      attachments: [],
      kind: 'normal',
      warnings: ['malformed_mime'],
    });
    expect(mail.text.startsWith('--b\nContent-Type: text/plain\n\npart 0\n')).toBe(true);
  });

  it('never throws on a fixture cut short or with bytes overwritten', async () => {
    const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.eml'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        async (name, cut, edits) => {
          const bytes = Buffer.from(raw(name).subarray(0, Math.floor(raw(name).length * cut)));
          for (const [at, byte] of edits) if (bytes.length) bytes[Math.floor(at * (bytes.length - 1))] = byte;
          const mail = await parseMail(bytes);
          expect(Array.isArray(mail.warnings)).toBe(true);
          expect(typeof mail.text).toBe('string');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns an empty mail with warnings for empty input', async () => {
    const mail = await parseMail(Buffer.alloc(0));
    expect(mail).toMatchObject({ subject: '', text: '', newText: '', from: null, kind: 'normal' });
    expect(mail.warnings).toEqual(['no_from', 'no_message_id']);
  });
});

describe('replies as clients quote them', () => {
  const newText = async (name: string): Promise<[string, ParsedMail]> => {
    const mail = await parse(name);
    return [mail.newText, mail];
  };

  it('Gmail: the attribution wrapped over two lines and the quoted marker go', async () => {
    const [text, mail] = await newText('reply-gmail.eml');
    expect(text).toBe('Thanks, the refund has arrived.\nYou can close the ticket.');
    expect(mail.inReplyTo).toBe('sahayak.1042.4@demo.sahayak.test');
    expect(mail.references).toEqual(['sahayak.1042.4@demo.sahayak.test']);
  });

  it('Outlook: the underscore line and header block go, the closing greeting stays', async () => {
    const [text] = await newText('reply-outlook.eml');
    expect(text).toBe('Hi,\n\nThe replacement kettle works, thank you.\n\nRegards,\nAsha Verma\nAcme Traders');
  });

  it('Apple Mail: the quoted attribution and "Sent from my iPhone" go', async () => {
    const [text] = await newText('reply-apple.eml');
    expect(text).toBe('Yes, please send a replacement. I’ll be home on Friday.');
  });

  it('Gmail in Hindi: "… को … ने लिखा:" over two lines goes, the reply is Hindi', async () => {
    const [text, mail] = await newText('reply-hindi-gmail.eml');
    expect(text).toBe('जी हाँ, मुझे रिफंड मिल गया है। धन्यवाद!');
    expect(mail.locale).toBe('hi');
    expect(mail.subject).toBe('Re: मेरा रिफंड अभी तक नहीं आया [#1042]');
  });

  it('our marker, unquoted, with an attribution in a language we do not list', async () => {
    const [text] = await newText('reply-marker-unquoted.eml');
    expect(text).toBe('The order number is 5521, and the receipt is in my first mail.');
  });

  it('a "-- " signature goes', async () => {
    const [text, mail] = await newText('signature.eml');
    expect(text).toBe('Does the warranty cover the motor as well?');
    expect(mail.text).toBe(
      'Does the warranty cover the motor as well?\n\n-- \nKabir Khan\nKhan Electricals | +91 98765 43210',
    );
  });

  it('HTML-only replies (Gmail, Outlook on the web): the history is cut from the text derived from the HTML', async () => {
    const htmlMail = (html: string) =>
      parseMail(
        Buffer.from(
          `From: a@example.in\r\nSubject: Re: x\r\nMessage-ID: <h@example.in>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`,
        ),
      );
    const gmail = await htmlMail(
      '<div dir="ltr">Refund received, thanks!</div><br><div class="gmail_quote"><div class="gmail_attr">' +
        'On Mon, 23 Nov 2026 at 10:20, Sahayak Support &lt;<a href="mailto:support@demo.sahayak.test">' +
        'support@demo.sahayak.test</a>&gt; wrote:<br></div><blockquote class="gmail_quote">' +
        '<p>##- Please type your reply above this line -##</p><p>Hello</p></blockquote></div>',
    );
    expect(gmail.newText).toBe('Refund received, thanks!');
    const outlook = await htmlMail(
      '<div><p>Works now.</p><p>Asha</p><hr><div><b>From:</b> Sahayak Support &lt;support@demo.sahayak.test&gt;<br>' +
        '<b>Sent:</b> Monday, November 23, 2026 10:20 AM<br><b>To:</b> Asha<br><b>Subject:</b> Re: Kettle [#1045]</div>' +
        '<p>Old</p></div>',
    );
    expect(outlook.text).toBe(
      'Works now.\nAsha\nFrom: Sahayak Support <support@demo.sahayak.test>\nSent: Monday, November 23, 2026 10:20 AM\n' +
        'To: Asha\nSubject: Re: Kettle [#1045]\nOld',
    );
    expect(outlook.newText).toBe('Works now.\nAsha');
  });

  it('falls back to the whole text when stripping would leave nothing', async () => {
    const mail = await parseMail(
      Buffer.from(
        'From: a@example.in\r\nSubject: Re: x\r\nMessage-ID: <q@example.in>\r\n\r\n> only a quote\r\n> nothing else\r\n',
      ),
    );
    expect(mail.text).toBe('> only a quote\n> nothing else');
    expect(mail.newText).toBe('> only a quote\n> nothing else');
  });
});
