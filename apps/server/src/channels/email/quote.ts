// The new part of a reply mail's plain text: what the customer wrote this time, apart from the
// quoted history their client appended and their signature. The ticket shows the new part; the rest
// is kept beside it, because a guess can be wrong and the agent may need to see it all.
//
// History starts at the first of:
// - the marker line of our own outbound mails (REPLY_MARKER), quoted or not;
// - an attribution such as "On Mon, 23 Nov 2026 at 10:00, Asha <a@x.in> wrote:" (also wrapped over
//   two lines, and Gmail's Hindi "… को … ने लिखा:");
// - Outlook's "-----Original Message-----", or its "From: … Sent: … To: … Subject: …" block, with
//   the "________________________________" line above it;
// - the run of ">" lines that ends the text (">" lines with the customer's answers between them are
//   an inline reply and stay).
// When nothing is written above the history but something below its quoted lines, the reply was
// written below the quote (bottom posting) and that part is the new text.
// The signature starts at the last "-- " delimiter line, or at a closing "Sent from my iPhone"-style
// line.

/** The line above which customers reply; our outbound mails carry it above the history. */
export const REPLY_MARKER = '##- Please type your reply above this line -##';

export interface SplitReply {
  newText: string;
  quoted: string | null;
  signature: string | null;
}

const QUOTE_LINE = /^[ \t]*>/;
const ATTRIBUTION_START = /^[ \t]*(?:on|le|am|el|il|op|em|den)\s/i;
const ATTRIBUTION_END = /(?:wrote|writes|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|skrev)\s*:\s*$/i;
const HINDI_ATTRIBUTION_END = /ने\s+लिखा\s*:\s*$/u;
const ORIGINAL_MESSAGE =
  /^[ \t]*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|मूल संदेश)\s*-{2,}[ \t]*$/iu;
const UNDERSCORES = /^[ \t]*_{20,}[ \t]*$/;
/** A header line of a quoted message, as Outlook writes it (bold stars when it came from HTML). */
const HEADER_LINE = /^[ \t]*\*?([\p{L}-]{2,20})\s?:\*?\s/u;
const FROM_NAMES = new Set(['from', 'von', 'de', 'da', 'van', 'fra', 'प्रेषक', 'से']);
const SENT_NAMES = new Set(['sent', 'date', 'gesendet', 'envoyé', 'enviado', 'inviato', 'datum', 'भेजा', 'दिनांक']);
const TO_NAMES = new Set(['to', 'subject', 'an', 'betreff', 'à', 'objet', 'para', 'asunto', 'प्रति', 'विषय']);
const SIGNATURE_DELIMITER = /^--[ \t]?$/;
const MOBILE_LINE =
  /^[ \t]*(?:sent from (?:my )?(?:iphone|ipad|android|samsung|galaxy|huawei|xiaomi|oneplus|blackberry|mobile|phone|smartphone|tablet|outlook|mail|yahoo|gmail)\b.{0,40}|sent with proton mail.{0,30}|get outlook for (?:ios|android)|मेरे .{1,30} से भेजा गया)[ \t]*$/iu;

function headerName(line: string): string | null {
  const m = HEADER_LINE.exec(line);
  return m ? m[1]!.toLowerCase() : null;
}

/** Outlook's header block: a From line, then within a few lines a Sent/Date line and a To/Subject line. */
function isHeaderBlock(lines: readonly string[], i: number): boolean {
  const first = headerName(lines[i]!);
  if (!first || !FROM_NAMES.has(first)) return false;
  let sent = false;
  let to = false;
  for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
    const name = headerName(lines[j]!);
    if (name && SENT_NAMES.has(name)) sent = true;
    else if (name && TO_NAMES.has(name)) to = true;
  }
  return sent && to;
}

function nextNonBlank(lines: readonly string[], i: number): number {
  let j = i;
  while (j < lines.length && !lines[j]!.trim()) j++;
  return j;
}

/** Where an attribution starts at line i: 1 or 2 lines long, else 0. */
function attributionLength(lines: readonly string[], i: number): number {
  const line = lines[i]!;
  if (QUOTE_LINE.test(line)) return 0;
  if ((ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(line)) || HINDI_ATTRIBUTION_END.test(line)) return 1;
  const next = lines[i + 1];
  if (next === undefined || !next.trim() || next.length > 120) return 0;
  if (ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(next)) return 2;
  if (/\sको\s|\sको$/u.test(line) && HINDI_ATTRIBUTION_END.test(next)) return 2;
  return 0;
}

/** The first line of the history that runs to the end of the text, or lines.length. */
function historyStart(lines: readonly string[]): { at: number; quotedBelow: boolean } {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes(REPLY_MARKER)) return { at: i, quotedBelow: false };
    if (attributionLength(lines, i) > 0) return { at: i, quotedBelow: true };
    if (ORIGINAL_MESSAGE.test(line)) return { at: i, quotedBelow: false };
    if (UNDERSCORES.test(line)) {
      const j = nextNonBlank(lines, i + 1);
      if (j < lines.length && j - i <= 3 && isHeaderBlock(lines, j)) return { at: i, quotedBelow: false };
    }
    if (isHeaderBlock(lines, i)) return { at: i, quotedBelow: false };
  }
  return { at: lines.length, quotedBelow: false };
}

/** The start of the ">" lines (with blank lines among them) that close `lines`, or lines.length. */
function trailingQuoteStart(lines: readonly string[]): number {
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (QUOTE_LINE.test(line)) start = i;
    else if (line.trim()) break;
  }
  return start;
}

function lastNonBlank(lines: readonly string[], before: number): number {
  let i = before - 1;
  while (i >= 0 && !lines[i]!.trim()) i--;
  return i;
}

function signatureStart(lines: readonly string[]): number {
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (SIGNATURE_DELIMITER.test(lines[i]!)) {
      start = i;
      break;
    }
  }
  const last = lastNonBlank(lines, start);
  if (last >= 0 && MOBILE_LINE.test(lines[last]!)) start = last;
  return start;
}

function joined(lines: readonly string[]): string {
  return lines
    .join('\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

function orNull(text: string): string | null {
  return text.trim() ? text : null;
}

/** Splits a mail's plain text into the new part, the quoted history and the signature. */
export function splitReply(text: string): SplitReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const history = historyStart(lines);
  let cut = history.at;
  const head = lines.slice(0, cut);
  const quoteRun = trailingQuoteStart(head);
  if (quoteRun < head.length) cut = quoteRun;

  // A line ending in ":" just above the cut (an attribution in a language we do not know) goes with
  // the history when the history is ours or the line names an address.
  const above = lastNonBlank(lines, cut);
  if (
    cut < lines.length &&
    above >= 0 &&
    above >= cut - 3 &&
    /:\s*$/.test(lines[above]!) &&
    !QUOTE_LINE.test(lines[above]!)
  ) {
    const ours = lines.slice(cut).some((l) => l.includes(REPLY_MARKER));
    if (ours || lines[above]!.includes('@')) cut = above;
  }

  let body = lines.slice(0, cut);
  let quoted = lines.slice(cut);
  if (!joined(body) && history.quotedBelow) {
    // Bottom posting: attribution, ">" lines, then the answer.
    let i = cut + attributionLength(lines, cut);
    while (i < lines.length && (QUOTE_LINE.test(lines[i]!) || !lines[i]!.trim())) i++;
    const below = lines.slice(i);
    if (joined(below) && historyStart(below).at === below.length && trailingQuoteStart(below) === below.length) {
      body = below;
      quoted = lines.slice(cut, i);
    }
  }

  const sig = signatureStart(body);
  const signatureLines = body.slice(sig);
  if (signatureLines[0] !== undefined && SIGNATURE_DELIMITER.test(signatureLines[0])) signatureLines.shift();
  return {
    newText: joined(body.slice(0, sig)),
    quoted: orNull(joined(quoted)),
    signature: orNull(joined(signatureLines)),
  };
}
