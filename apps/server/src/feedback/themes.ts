// Top themes of survey comments (CSAT/NPS free text in English, Hindi and Hinglish): the words and
// two-word phrases that recur, with counts, the trend against the previous period and example
// comments, complaint themes first. Pure functions: the caller loads the comments of both periods.

export type SurveyScale = 'csat' | 'nps';

export type Comment = { id: number | string; text: string; score: number; scale: SurveyScale; at?: number };

export type ThemeExample = { id: number | string; text: string; score: number; scale: SurveyScale };

export type Theme = {
  term: string;
  /** Comments of the current period that contain the term (a comment counts once). */
  count: number;
  previousCount: number;
  /**
   * Change in the share of comments that mention the term, current minus previous, in percentage
   * points rounded to 0.1; null when the previous period has no comments to compare with.
   */
  trend: number | null;
  /** Mean of its comments' scores on 0..1 (csat (score - 1) / 4, nps score / 10), rounded to 0.001. */
  averageScore: number;
  /** Share of its comments with a low score (csat ≤ 2, nps ≤ 6), rounded to 0.001. */
  lowScoreShare: number;
  /** Lowest (normalised) score first, then newest; comments without `at` count as oldest. */
  examples: ThemeExample[];
};

export type TopThemesInput = {
  current: Comment[];
  previous: Comment[];
  /** How many themes to return (default 10). */
  limit?: number;
  /** A term must appear in at least this many current comments (default 2). */
  minCount?: number;
  examplesPerTheme?: number;
};

/** Longer comments are cut before tokenising, so one pasted log cannot dominate the cost. */
export const MAX_COMMENT_CHARS = 5000;

// Sets are built through the same normalisation as the text, so a literal typed here with a
// precomposed nukta letter or in upper case still matches.
const wordSet = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean).map(normaliseText));

/**
 * English function words. Splitting on apostrophes turns "don't" into "don" + "t" (the "t" goes as
 * a one-letter token), so the left halves of contractions are here, and so are the forms typed
 * without an apostrophe ("dont", "cant"). Negations are stop words too: "not working" counts as
 * "working", and the theme's low-score share tells which way it went.
 */
export const STOP_WORDS_EN: ReadonlySet<string> = wordSet(`
  a about above after again against all already also always am an and any are aren around as at
  be because been before being below between both but by can cannot could couldn did didn do does
  doesn doing don down during each either else even ever every few for from further get gets got
  had hadn has hasn have haven having he her here hers herself him himself his how however if in
  into is isn it its itself just let ll may me might more most much must mustn my myself neither
  no nor not now of off on once one only or other others our ours ourselves out over own quite
  rather re really same shall shan she should shouldn since so some still such than that the their
  theirs them themselves then there these they this those through thus to too under until up upon
  us very ve was wasn we were weren what when where whether which while who whom whose why will
  though although via with within without won would wouldn yes yet you your yours yourself yourselves
  cant couldnt didnt doesnt dont hadnt hasnt havent im isnt ive wasnt werent wont wouldnt youre
`);

/**
 * Hindi function words in Devanagari: postpositions, pronouns, auxiliaries and the light verbs
 * (कर, रहा, गया, दिया) that carry tense rather than meaning, with both spellings where people
 * write either (हूँ / हूं, नहीं / नही). Hindi gets no stemming, so inflected forms are listed.
 */
export const STOP_WORDS_HI: ReadonlySet<string> = wordSet(`
  है हैं था थी थे थीं हूँ हूं हो होता होती होते होना होने होगा होगी होंगे हुआ हुई हुए
  का की के को में मे से पर पे तक और व या एवं तथा लेकिन परंतु मगर किंतु
  यह वह ये वो यहाँ यहां वहाँ वहां इस उस इसे उसे इसका उसका इसकी उसकी इसके उसके इन उन इनका
  उनका इनकी उनकी इनके उनके इन्हें उन्हें इसमें उसमें
  नहीं नही न ना मत भी तो ही सिर्फ सिर्फ़ केवल बस
  हम हमें हमारा हमारी हमारे मैं मैने मैंने मुझे मुझको मेरा मेरी मेरे आप आपका आपकी आपके आपको
  आपने तुम तुम्हारा तुम्हारी तुम्हारे अपना अपनी अपने
  कि जो जिस जिसे जिसका जब तब कब क्या क्यों कैसे कहाँ कहां कौन कोई कुछ सब सभी एक
  कर करके किया किये किए करना करने करता करती करते करें करो रहा रही रहे रहता रहती
  गया गई गयी गए गये दिया दी दिए दिये देना लिया ली लिए लिये लेना सकता सकती सकते
  चाहिए चुका चुकी चुके
  बहुत अब अभी फिर वाला वाली वाले साथ बाद पहले द्वारा जैसे ऐसा ऐसी ऐसे वैसे यदि अगर
  कितना इतना जी हाँ हां
`);

/**
 * Hindi function words as typed in Latin script (Hinglish), with the common spellings of each.
 * A few are also English words ("main", "par"), which seldom name a theme on their own.
 */
export const STOP_WORDS_HINGLISH: ReadonlySet<string> = wordSet(`
  hai hain tha thi the ho hota hoti hote hona hoga hogi hua hui hue
  ka ki ke ko mein me se par pe tak aur ya lekin magar
  yeh ye woh wo yaha yahan waha wahan iska uska iski uski iske uske isko usko inka unka
  nahi nahin nhi na mat bhi toh hi sirf bas
  hum hume humein hamara hamari mai main mera meri mere mujhe muje aap ap aapka apka aapki apki
  aapke apke aapko apko tum tera apna apni apne
  jo jab tab kab kya kyu kyun kyon kaise kaha kahan kaun koi kuch sab sabhi ek
  kar karke kiya kiye karna karne karta karti karte kr krna raha rahi rahe rha rhi rhe
  gaya gayi gai gaye diya di diye dena liya li liye lena sakta sakti sakte chahiye
  bahut bohot bahot bht ab abhi phir fir wala wali wale saath baad pehle agar jaise aisa aise ji haan
`);

/**
 * Words that surveys are full of but that name no theme: greetings, forms of address, politeness
 * and the support channel itself. "Thanks" / "धन्यवाद" is here on purpose: it closes complaints as
 * often as praise, so it says nothing about what went well or badly, and would otherwise crowd the
 * list. These are removed by `extractTerms` only; `tokenize` keeps them, as they are real words.
 */
export const SURVEY_FILLER: ReadonlySet<string> = wordSet(`
  please pls plz kindly thanks thank thankyou thanku thx regards hi hello hey dear sir madam maam mam
  ok okay ticket support team shukriya dhanyavad dhanyawad namaste
  धन्यवाद शुक्रिया कृपया प्लीज़ प्लीज नमस्ते नमस्कार सर मैडम टीम टिकट सपोर्ट
`);

function normaliseText(text: string): string {
  // NFC maps both spellings of the nukta letters (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़, U+0958–U+095F, and
  // consonant + U+093C) to one form: the precomposed ones are composition exclusions, so they
  // decompose. Lower-casing is locale-free so the result is the same on every server.
  // Zero-width (non-)joiners and soft hyphens only shape how a word is drawn; left in, they
  // would split it.
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u200c|\u200d|\u00ad/g, '');
}

// Punctuation between words (anything but letters, marks, numbers, spaces, apostrophes and
// hyphens) ends a phrase: "refund late. agent rude" must not give "late agent".
const CLAUSE_BREAK = /[^\p{L}\p{M}\p{N}\s'\u2018\u2019\u2010-]+/u;
const WORD_BREAK = /[^\p{L}\p{M}\p{N}]+/u;
// A chunk that is one plain word (lower-case Latin, digits, Devanagari letters, signs and digits;
// not the dandas U+0964/5 or the abbreviation sign U+0970), maybe followed by punctuation that
// ends the clause (ASCII punctuation other than ' and -, or a danda). Most chunks look like this.
const PLAIN_WORD = /^([a-z0-9\u0900-\u0963\u0966-\u096f\u0971-\u097f]+)([!-&(-,./:-@[-`{-~\u0964\u0965]+)?$/;

/** The words of a text in order, with null where punctuation ends a clause; nothing removed. */
function words(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const chunk of normaliseText(text.slice(0, MAX_COMMENT_CHARS)).split(/\s+/)) {
    // Only chunks that are not a plain word pay for the (slow) Unicode property classes.
    const plain = PLAIN_WORD.exec(chunk);
    if (plain !== null) {
      out.push(plain[1]!);
      if (plain[2] !== undefined) out.push(null);
      continue;
    }
    chunk.split(CLAUSE_BREAK).forEach((part, i) => {
      if (i > 0) out.push(null);
      for (const word of part.split(WORD_BREAK)) if (word !== '') out.push(word);
    });
  }
  return out;
}

const isNumber = (word: string) => /^\p{N}+$/u.test(word);

// Fewer than two code points: a Devanagari letter with its sign (से, जी) has two, and a lone
// astral character has a length of two in UTF-16 but is one.
const isTooShort = (word: string) => word.length < 2 || (word.length === 2 && word.codePointAt(0)! > 0xffff);

const STOP_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS_EN, ...STOP_WORDS_HI, ...STOP_WORDS_HINGLISH]);

/**
 * The words of a comment that can carry meaning: lower-cased, NFC, split on anything that is not a
 * letter, mark or number (so Devanagari vowel signs and virama stay inside their word), without
 * one-character words, pure numbers and stop words.
 */
export function tokenize(text: string): string[] {
  return words(text).filter((w): w is string => w !== null && !isTooShort(w) && !isNumber(w) && !STOP_WORDS.has(w));
}

/**
 * A conservative English plural stripper, only for plain a–z words: "-ies" → "-y", "-es" after
 * ss/x/ch/sh, else "-s" unless the word ends in -ss/-us/-is; a rule applies only when at least three
 * letters remain. "-es" after a single s is left to the "-s" rule, so "responses" and "cases" keep
 * their e; "caches" still loses it ("cach"), an accepted miss.
 */
export function singular(word: string): string {
  if (!word.endsWith('s') || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length - 2 >= 3) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word) && word.length - 2 >= 3) return word.slice(0, -2);
  if (!/(ss|us|is)$/.test(word) && word.length - 1 >= 3) return word.slice(0, -1);
  return word;
}

/** The theme word a word stands for, or null when it carries no theme. */
function themeWord(word: string): string | null {
  if (isTooShort(word) || isNumber(word) || STOP_WORDS.has(word) || SURVEY_FILLER.has(word)) return null;
  const one = singular(word);
  return STOP_WORDS.has(one) || SURVEY_FILLER.has(one) ? null : one;
}

/**
 * A list of numbers in a typed array that doubles when full: for the ~700,000 numbers that 20,000
 * comments make, pushing onto plain arrays measured several times slower.
 */
type Numbers = { data: Float64Array; size: number };

const newNumbers = (): Numbers => ({ data: new Float64Array(1024), size: 0 });

function pushNumber(list: Numbers, value: number): void {
  if (list.size === list.data.length) {
    const grown = new Float64Array(2 * list.size);
    grown.set(list.data);
    list.data = grown;
  }
  list.data[list.size++] = value;
}

/**
 * The theme words and phrases met so far, numbered: counting then works on small integers, and a
 * phrase is found from the numbers of its two words rather than built as a new string each time.
 */
type Vocabulary = {
  /** A word as written → the number of its theme word, or -1 when it carries no theme. */
  words: Map<string, number>;
  /** A theme word → its number ("refunds" and "refund" share one). */
  themeWords: Map<string, number>;
  /** The number of a phrase's first word → its second word's → the phrase's. */
  phrases: Map<number, Map<number, number>>;
  /** Number → term. */
  terms: string[];
  /** Term n's phrase parts at 2n (first word's number) and 2n + 1 (second's); -1 for a single word. */
  parts: Numbers;
};

const newVocabulary = (): Vocabulary => ({
  words: new Map(),
  themeWords: new Map(),
  phrases: new Map(),
  terms: [],
  parts: newNumbers(),
});

function addTerm(vocabulary: Vocabulary, term: string, first = -1, second = -1): number {
  vocabulary.terms.push(term);
  pushNumber(vocabulary.parts, first);
  pushNumber(vocabulary.parts, second);
  return vocabulary.terms.length - 1;
}

function wordNumber(vocabulary: Vocabulary, word: string): number {
  let id = vocabulary.words.get(word);
  if (id === undefined) {
    const term = themeWord(word);
    id = term === null ? -1 : vocabulary.themeWords.get(term);
    if (id === undefined && term !== null) {
      id = addTerm(vocabulary, term);
      vocabulary.themeWords.set(term, id);
    }
    vocabulary.words.set(word, id!);
  }
  return id!;
}

/** The number of a phrase; one not met before is added when `grow`, else its number is -1. */
function phraseNumber(vocabulary: Vocabulary, first: number, second: number, grow: boolean): number {
  let after = vocabulary.phrases.get(first);
  if (after === undefined) {
    if (!grow) return -1;
    after = new Map();
    vocabulary.phrases.set(first, after);
  }
  let id = after.get(second);
  if (id === undefined) {
    if (!grow) return -1;
    id = addTerm(vocabulary, `${vocabulary.terms[first]} ${vocabulary.terms[second]}`, first, second);
    after.set(second, id);
  }
  return id;
}

/**
 * Calls `visit` with the number of each term of the text in order: its theme words and the
 * two-word phrases of adjacent theme words. A term can come more than once. Any removed word (stop
 * word, filler, number, single letter) breaks a phrase, so "refund नहीं मिला" gives no
 * "refund मिला", and so does punctuation between words. A word next to itself ("जल्दी जल्दी")
 * makes no phrase: it would only repeat the word. Without `grow`, phrases not met before are skipped.
 */
function visitTerms(text: string, vocabulary: Vocabulary, visit: (id: number) => void, grow = true): void {
  let before = -1;
  for (const word of words(text)) {
    const id = word === null ? -1 : wordNumber(vocabulary, word);
    if (id >= 0) {
      visit(id);
      const phrase = before >= 0 && before !== id ? phraseNumber(vocabulary, before, id, grow) : -1;
      if (phrase >= 0) visit(phrase);
    }
    before = id;
  }
}

/** The candidate themes of one comment, each once, in order of first appearance (see `visitTerms`). */
export function extractTerms(text: string): string[] {
  const vocabulary = newVocabulary();
  const ids = new Set<number>();
  visitTerms(text, vocabulary, (id) => ids.add(id));
  return [...ids].map((id) => vocabulary.terms[id]!);
}

/** A score on 0..1, so CSAT (1–5) and NPS (0–10) comments can be averaged together. */
export function normalisedScore(c: Pick<Comment, 'score' | 'scale'>): number {
  const x = c.scale === 'csat' ? (c.score - 1) / 4 : c.score / 10;
  return Math.min(1, Math.max(0, x));
}

/** A detractor on NPS, a 1 or 2 on CSAT. */
export function isLowScore(c: Pick<Comment, 'score' | 'scale'>): boolean {
  return c.scale === 'csat' ? c.score <= 2 : c.score <= 6;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * The top themes of the current period. A term needs `minCount` comments. A word whose comments
 * are exactly those of a kept phrase containing it ("refund" only ever in "late refund") is
 * dropped in favour of the phrase, which says more.
 *
 * Order: complaint themes first — those where at least half the comments have a low score — then
 * the rest; within each group by count, descending; then by term in code-point order (not
 * localeCompare, whose result depends on the server's ICU data). The split uses the low-score share,
 * not the average score, because an NPS theme of all 6s (all detractors) averages 0.6.
 */
export function topThemes(input: TopThemesInput): Theme[] {
  const { current, previous, limit = 10, minCount = 2, examplesPerTheme = 3 } = input;

  if (limit <= 0) return [];
  const vocabulary = newVocabulary();
  // The current period's tallies, four numbers per term number n from 4n: comments, low-score
  // comments, the sum of their normalised scores, and the last comment counted (to count each
  // comment once). Numbers are handed out in order and visited at once, so a new one is always next.
  const COMMENTS = 0;
  const LOW = 1;
  const SCORE_SUM = 2;
  const LAST = 3;
  const tallies = newNumbers();
  // Each comment's distinct terms, back to back (comment i's from termsFrom[i] to termsFrom[i + 1]),
  // read again only to find the examples of the themes returned.
  const termsOfComments = newNumbers();
  const termsFrom: number[] = [];
  current.forEach((comment, index) => {
    const isLow = isLowScore(comment) ? 1 : 0;
    const score = normalisedScore(comment);
    termsFrom.push(termsOfComments.size);
    visitTerms(comment.text, vocabulary, (id) => {
      if (4 * id === tallies.size) {
        pushNumber(tallies, 0);
        pushNumber(tallies, 0);
        pushNumber(tallies, 0);
        pushNumber(tallies, -1);
      }
      const t = tallies.data;
      if (t[4 * id + LAST] === index) return;
      t[4 * id + LAST] = index;
      t[4 * id + COMMENTS]! += 1;
      t[4 * id + LOW]! += isLow;
      t[4 * id + SCORE_SUM]! += score;
      pushNumber(termsOfComments, id);
    });
  });
  termsFrom.push(termsOfComments.size);
  const termCount = tallies.size / 4;
  const tally = (id: number, field: number) => tallies.data[4 * id + field]!;
  const countOf = (id: number) => tally(id, COMMENTS);

  // A phrase's comments are a subset of each of its words' comments, so equal counts mean equal sets.
  const absorbed = new Set<number>();
  for (let id = 0; id < termCount; id++) {
    const first = vocabulary.parts.data[2 * id]!;
    const second = vocabulary.parts.data[2 * id + 1]!;
    if (first < 0 || countOf(id) < minCount) continue;
    if (countOf(first) === countOf(id)) absorbed.add(first);
    if (countOf(second) === countOf(id)) absorbed.add(second);
  }
  const candidates: number[] = [];
  for (let id = 0; id < termCount; id++) if (countOf(id) >= minCount && !absorbed.has(id)) candidates.push(id);

  const isComplaint = (id: number) => 2 * tally(id, LOW) >= countOf(id);
  // The order without its last tie-break (by term): complaints above the rest, then by count.
  const rankKey = (id: number) => (isComplaint(id) ? 2 ** 32 : 0) + countOf(id);
  // Comparing terms is the slow part when there are many one-off phrases, so only the candidates
  // whose key reaches the limit-th best key are sorted in full.
  const keys = Float64Array.from(candidates, rankKey).sort();
  const threshold = keys.length > limit ? keys[keys.length - limit]! : Number.NEGATIVE_INFINITY;
  const ranked = candidates
    .filter((id) => rankKey(id) >= threshold)
    .map((id) => ({ id, key: rankKey(id), term: vocabulary.terms[id]! }))
    .sort((a, b) => b.key - a.key || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, limit);

  const before = new Map(ranked.map(({ id }) => [id, { count: 0, last: -1 }]));
  previous.forEach((comment, index) => {
    visitTerms(
      comment.text,
      vocabulary,
      (id) => {
        const seen = before.get(id);
        if (seen !== undefined && seen.last !== index) {
          seen.count += 1;
          seen.last = index;
        }
      },
      false,
    );
  });

  const commentsOf = new Map(ranked.map(({ id }) => [id, [] as Comment[]]));
  for (let i = 0; i < current.length; i++) {
    for (let k = termsFrom[i]!; k < termsFrom[i + 1]!; k++) {
      commentsOf.get(termsOfComments.data[k]!)?.push(current[i]!);
    }
  }

  return ranked.map(({ id, term }) => {
    const n = countOf(id);
    const previousCount = before.get(id)?.count ?? 0;
    return {
      term,
      count: n,
      previousCount,
      trend:
        previous.length === 0 ? null : round((100 * n) / current.length - (100 * previousCount) / previous.length, 1),
      averageScore: round(tally(id, SCORE_SUM) / n, 3),
      lowScoreShare: round(tally(id, LOW) / n, 3),
      examples: examplesOf(commentsOf.get(id)!).slice(0, Math.max(0, examplesPerTheme)),
    };
  });
}

/**
 * Lowest normalised score first, then newest; the sort is stable, so ties keep input order. A text
 * said word for word by several customers is shown once (its lowest-scored, newest instance).
 */
function examplesOf(comments: Comment[]): ThemeExample[] {
  const seen = new Set<string>();
  return comments
    .map((c) => ({ c, score: normalisedScore(c), at: c.at ?? Number.NEGATIVE_INFINITY }))
    .sort((a, b) => a.score - b.score || (b.at === a.at ? 0 : b.at > a.at ? 1 : -1))
    .filter(({ c }) => {
      const key = c.text.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ c }) => ({ id: c.id, text: c.text, score: c.score, scale: c.scale }));
}
