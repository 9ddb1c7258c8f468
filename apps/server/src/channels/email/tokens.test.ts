// Ticket tokens in subjects and plus addresses: what counts as one, and that what we write is read
// back as the same ticket.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plusAddress, plusAddressTicketNumber, replySubject, subjectTicketNumber } from './tokens.js';

const SUPPORT = ['support@demo.sahayak.test', 'Help@Other.Sahayak.Test'];

describe('subjectTicketNumber', () => {
  it.each([
    ['Refund [#1042]', 1042],
    ['Refund [ #1042 ]', 1042],
    ['Re: Fwd: Refund for order 5521 [#1042]', 1042],
    ['[#1042] at the start', 1042],
    ['RE: [#7]', 7],
    ['two tokens [#12] then ours [#1042]', 1042],
  ])('%s → %i', (subject, n) => {
    expect(subjectTicketNumber(subject)).toBe(n);
  });

  it.each(['Order #1042 is late', 'Refund (#1042)', '[1042]', '[#]', '[#abc]', '[#0]', '[#1234567890]', ''])(
    '%j names no ticket',
    (subject) => {
      expect(subjectTicketNumber(subject)).toBeNull();
    },
  );
});

describe('plusAddressTicketNumber', () => {
  it.each([
    ['support+1042@demo.sahayak.test', 1042],
    ['Support+1042@Demo.Sahayak.Test', 1042],
    ['  support+1042@demo.sahayak.test ', 1042],
    ['Sahayak Support <support+1042@demo.sahayak.test>', 1042],
    ['help+9@other.sahayak.test', 9],
  ])('%s → %i', (address, n) => {
    expect(plusAddressTicketNumber(address, SUPPORT)).toBe(n);
  });

  it.each([
    'support@demo.sahayak.test',
    'sales+1042@demo.sahayak.test',
    'support+1042@other.sahayak.test',
    'support+1042@demo.sahayak.test.evil.test',
    'xsupport+1042@demo.sahayak.test',
    'support+abc@demo.sahayak.test',
    'support+1042+5@demo.sahayak.test',
    'support+0@demo.sahayak.test',
    'support+1042',
    '',
  ])('%j names no ticket', (address) => {
    expect(plusAddressTicketNumber(address, SUPPORT)).toBeNull();
  });

  it('names no ticket without support addresses', () => {
    expect(plusAddressTicketNumber('support+1042@demo.sahayak.test', [])).toBeNull();
  });
});

describe('replySubject', () => {
  it.each([
    ['Refund for order 5521', 'Re: Refund for order 5521 [#1042]'],
    ['Re: Refund for order 5521 [#1042]', 'Re: Refund for order 5521 [#1042]'],
    ['RE: Re: AW: Refund  [#1042] [ #1042 ]', 'Re: Refund [#1042]'],
    ['Re[2]: Refund', 'Re: Refund [#1042]'],
    ['Fwd: Order confirmed', 'Re: Fwd: Order confirmed [#1042]'],
    ['Re: [#99] Old ticket', 'Re: Old ticket [#1042]'],
    ['जवाब: रिफंड नहीं आया', 'Re: रिफंड नहीं आया [#1042]'],
    ['', 'Re: [#1042]'],
    ['   ', 'Re: [#1042]'],
  ])('%j → %j', (subject, expected) => {
    expect(replySubject(subject, 1042)).toBe(expected);
  });

  it('is stable and is read back as the same ticket, whatever the subject', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 999_999_999 }), (subject, n) => {
        const once = replySubject(subject, n);
        expect(replySubject(once, n)).toBe(once);
        expect(subjectTicketNumber(once)).toBe(n);
      }),
    );
  });
});

describe('plusAddress', () => {
  it('puts the ticket number after a plus', () => {
    expect(plusAddress('support@demo.sahayak.test', 1042)).toBe('support+1042@demo.sahayak.test');
  });

  it('replaces a numeric tag that is there already', () => {
    expect(plusAddress('support+7@demo.sahayak.test', 1042)).toBe('support+1042@demo.sahayak.test');
  });

  it('is read back as the same ticket', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUPPORT), fc.integer({ min: 1, max: 999_999_999 }), (address, n) => {
        expect(plusAddressTicketNumber(plusAddress(address, n), SUPPORT)).toBe(n);
      }),
    );
  });

  it.each([
    ['support', 1],
    ['@demo.sahayak.test', 1],
    ['Support <support@demo.sahayak.test>', 1],
    ['support@demo.sahayak.test', 0],
    ['support@demo.sahayak.test', 1.5],
    ['support@demo.sahayak.test', 1_000_000_000],
  ])('throws for %j and %d', (address, n) => {
    expect(() => plusAddress(address, n)).toThrow(RangeError);
  });
});
