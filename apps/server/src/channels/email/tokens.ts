// How an inbound mail names the ticket it belongs to without threading headers: a `[#1042]` token in
// the subject, or a plus address (`support+1042@…`) it was sent to. And the same two, written into
// the mails we send, so that the customer's reply carries them back.

/** Ticket numbers are positive and fit in nine digits, like the tokens we write. */
const MAX_DIGITS = 9;
const TOKEN = /\[\s*#\s*(\d{1,9})\s*\]/g;
/** Reply prefixes of the common clients (English, German, Nordic, Dutch, Hindi Gmail), counters too. */
const REPLY_PREFIX = /^\s*(?:re|aw|sv|antw|जवाब|उत्तर)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*/iu;

function ticketNumber(digits: string): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The ticket number of a `[#1042]` token in a subject (spaces inside the brackets allowed); when
 * there are several, the last one, which is where we put ours. A bare `#1042` is not a token: order
 * numbers and the like look the same.
 */
export function subjectTicketNumber(subject: string): number | null {
  let found: number | null = null;
  for (const m of subject.matchAll(TOKEN)) found = ticketNumber(m[1]!) ?? found;
  return found;
}

function splitAddress(address: string): { local: string; domain: string } | null {
  const bare = address
    .trim()
    .replace(/^.*<([^>]*)>.*$/, '$1')
    .trim()
    .toLowerCase();
  const at = bare.lastIndexOf('@');
  if (at <= 0 || at === bare.length - 1) return null;
  return { local: bare.slice(0, at), domain: bare.slice(at + 1) };
}

/**
 * The ticket number of a plus address such as `support+1042@demo.sahayak.test`, when the address
 * without its tag is exactly one of our support addresses (case ignored); null for anything else,
 * so `sales+1042@…` or `support+1042@other.test` name no ticket.
 */
/** An address without its plus tag, lower case: `Support+1042@x` → `support@x`. */
export function baseAddress(address: string): string {
  return address.toLowerCase().replace(/\+[^@]*@/, '@');
}

export function plusAddressTicketNumber(address: string, supportAddresses: readonly string[]): number | null {
  const parts = splitAddress(address);
  if (!parts) return null;
  const m = new RegExp(`^(.+)\\+(\\d{1,${MAX_DIGITS}})$`).exec(parts.local);
  if (!m) return null;
  const base = `${m[1]}@${parts.domain}`;
  const ours = supportAddresses.some((a) => {
    const p = splitAddress(a);
    return p !== null && `${p.local}@${p.domain}` === base;
  });
  return ours ? ticketNumber(m[2]!) : null;
}

/**
 * The subject of our reply on a ticket: `Re: <subject> [#1042]`, however many `Re:` and tokens the
 * subject already carries (other prefixes such as `Fwd:` are part of the subject and stay).
 */
export function replySubject(subject: string, number: number): string {
  // Until nothing changes: taking one token out can join the pieces of another ("[#[#1]2]").
  let rest = subject;
  for (let prev = ''; prev !== rest; ) {
    prev = rest;
    rest = rest.replace(TOKEN, ' ').replace(REPLY_PREFIX, '');
  }
  rest = rest.replace(/\s+/g, ' ').trim();
  return rest ? `Re: ${rest} [#${number}]` : `Re: [#${number}]`;
}

/**
 * The plus address of a ticket on one of our support addresses: `support@x` → `support+1042@x`.
 * An existing numeric tag is replaced. Throws on something that is not an address or a number that
 * is not a ticket number: both are bugs of the caller, not input from outside.
 */
export function plusAddress(supportAddress: string, number: number): string {
  if (!Number.isSafeInteger(number) || number <= 0 || String(number).length > MAX_DIGITS) {
    throw new RangeError(`not a ticket number: ${number}`);
  }
  const address = supportAddress.trim();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /[\s<>]/.test(address)) {
    throw new RangeError(`not a mail address: ${supportAddress}`);
  }
  const local = address.slice(0, at).replace(/\+\d+$/, '');
  return `${local}+${number}${address.slice(at)}`;
}
