// Survey comment themes on hand-computed comments: each expectation below was worked out on paper
// from the texts and the rules in themes.ts, not read back from the code.
import { describe, expect, it } from 'vitest';
import {
  type Comment,
  extractTerms,
  isLowScore,
  STOP_WORDS_EN,
  STOP_WORDS_HI,
  singular,
  type Theme,
  tokenize,
  topThemes,
} from './themes.js';

// Spelled out in code points, so the expectations do not depend on how an editor stores them.
const REFUND_HI = '\u0930\u093F\u092B\u093C\u0902\u0921'; // रिफ़ंड: र ि फ ़ ं ड (nukta as a separate sign)
const DELAY_HI = '\u0926\u0947\u0930\u0940'; // देरी: द े र ी
const THANKS_HI = '\u0927\u0928\u094D\u092F\u0935\u093E\u0926'; // धन्यवाद: ध न ् य व ा द (with a virama)

const csat = (id: number | string, text: string, score: number, at?: number): Comment => ({
  id,
  text,
  score,
  scale: 'csat',
  ...(at === undefined ? {} : { at }),
});
const nps = (id: number | string, text: string, score: number, at?: number): Comment => ({
  ...csat(id, text, score, at),
  scale: 'nps',
});

/** The numbers of a theme, without its examples. */
const row = (t: Theme) => [t.term, t.count, t.previousCount, t.trend, t.averageScore, t.lowScoreShare];

describe('tokenize', () => {
  it('keeps Devanagari words whole, with their vowel signs, nukta and virama', () => {
    // फ़ typed as the precomposed U+095E comes out as फ + nukta (NFC); में and हुई are stop words.
    expect(tokenize('रि\u095Eंड में देरी हुई, धन्यवाद।')).toEqual([REFUND_HI, DELAY_HI, THANKS_HI]);
  });

  it('lower-cases Latin and drops single letters, pure numbers and stop words', () => {
    // The, in: stop words; don't → don (stop) + t (one letter); 5 and १२३ are numbers; a, x single.
    expect(tokenize("The REFUNDS don't arrive in 5 days, a x 2nd try १२३")).toEqual([
      'refunds',
      'arrive',
      'days',
      '2nd',
      'try',
    ]);
  });

  it('removes English, Hindi and Hinglish stop words', () => {
    expect(tokenize('I have been waiting for my refund since Monday')).toEqual(['waiting', 'refund', 'monday']);
    expect(tokenize('मेरा पैसा अभी तक वापस नहीं आया')).toEqual(['पैसा', 'वापस', 'आया']);
    expect(tokenize('mera paisa abhi tak wapas nahi aaya')).toEqual(['paisa', 'wapas', 'aaya']);
  });

  it('treats both spellings of a nukta letter as one', () => {
    const precomposed = 'रि\u095Eंड'; // फ़ as one code point
    const decomposed = 'रि\u092B\u093Cंड'; // फ followed by the nukta sign
    expect(tokenize(precomposed)).toEqual([REFUND_HI]);
    expect(tokenize(decomposed)).toEqual([REFUND_HI]);
  });

  it('ignores zero-width joiners inside a word', () => {
    // ऑर्डर (order) typed with a ZWJ after the virama.
    expect(tokenize('ऑर्\u200Dडर')).toEqual(['\u0911\u0930\u094D\u0921\u0930']);
  });

  it('keeps thanks: survey filler is a theme rule, not a language one', () => {
    expect(tokenize('thanks धन्यवाद')).toEqual(['thanks', THANKS_HI]);
  });
});

describe('stop word lists', () => {
  it('are real lists in both languages', () => {
    expect(STOP_WORDS_EN.size).toBeGreaterThanOrEqual(150);
    expect(STOP_WORDS_HI.size).toBeGreaterThanOrEqual(120);
    const hindi =
      'है हैं था थी थे का की के को में से पर और या यह वह ये वो नहीं भी तो ही हम मैं मेरा मेरी आप आपका आपकी कि जो एक कर किया करना रहा रही रहे गया गई हो होता बहुत अब';
    for (const word of hindi.split(' ')) expect(STOP_WORDS_HI.has(word.normalize('NFC')), word).toBe(true);
    for (const word of ['the', 'and', 'is', 'not', 'don', 'didn', 'dont', 'ive'])
      expect(STOP_WORDS_EN.has(word)).toBe(true);
  });
});

describe('singular', () => {
  it.each([
    ['refunds', 'refund'],
    ['delays', 'delay'],
    ['replies', 'reply'],
    ['boxes', 'box'],
    ['classes', 'class'],
    ['matches', 'match'],
    ['crashes', 'crash'],
    ['charges', 'charge'],
    // -es after a single s only loses the s
    ['responses', 'response'],
    ['cases', 'case'],
    // not plurals
    ['status', 'status'],
    ['bonus', 'bonus'],
    ['analysis', 'analysis'],
    ['glass', 'glass'],
    // -ies would leave two letters; the -s rule leaves three
    ['ties', 'tie'],
    // fewer than three letters would remain
    ['gas', 'gas'],
    ['ios', 'ios'],
    ['otps', 'otp'],
    // only plain a–z words
    ['पैसे', 'पैसे'],
    ['2fas', '2fas'],
  ])('%s → %s', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });
});

describe('extractTerms', () => {
  it('gives words and two-word phrases of adjacent words', () => {
    expect(extractTerms('Refund delayed')).toEqual(['refund', 'delayed', 'refund delayed']);
  });

  it('never makes a phrase across a stop word, number or punctuation', () => {
    expect(extractTerms('Refund is delayed')).toEqual(['refund', 'delayed']);
    expect(extractTerms('refund 5 days')).toEqual(['refund', 'day']);
    expect(extractTerms('Refund late. Agent rude')).toEqual([
      'refund',
      'late',
      'refund late',
      'agent',
      'rude',
      'agent rude',
    ]);
  });

  it('merges English plurals', () => {
    expect(extractTerms('Refunds, delays and replies')).toEqual(['refund', 'delay', 'reply']);
  });

  it('lists each term once per comment', () => {
    expect(extractTerms('refund refund REFUNDS, refund!')).toEqual(['refund']);
    expect(extractTerms('late refund, late refund!')).toEqual(['late', 'refund', 'late refund']);
    // a reduplicated word makes no phrase with itself
    expect(extractTerms('जल्दी जल्दी')).toEqual(['जल्दी']);
  });

  it('takes terms from both languages of a mixed comment', () => {
    // है and नहीं are stop words: "app slow" is a phrase, "वापस मिला" is not.
    expect(extractTerms('App slow है, पैसा वापस नहीं मिला')).toEqual([
      'app',
      'slow',
      'app slow',
      'पैसा',
      'वापस',
      'पैसा वापस',
      'मिला',
    ]);
  });

  it('drops survey filler (thanks, please, ticket) in both languages', () => {
    expect(extractTerms('Thanks for the quick refund, धन्यवाद')).toEqual(['quick', 'refund', 'quick refund']);
    expect(extractTerms('please update my tickets, कृपया')).toEqual(['update']);
  });

  it('reads only the first 5,000 characters', () => {
    expect(extractTerms(`refund${' '.repeat(6000)}delayed`)).toEqual(['refund']);
  });
});

describe('topThemes', () => {
  // CSAT 1..5 normalises to (score - 1) / 4, NPS to score / 10; low is CSAT ≤ 2, NPS ≤ 6.
  const current: Comment[] = [
    csat(1, 'Refund delayed', 1, 10), // refund, delayed, refund delayed — 0, low
    csat(2, 'My refund delayed again!', 2, 20), // same three — 0.25, low
    csat(3, 'Refund was delayed', 3, 30), // refund, delayed ("was" breaks the phrase) — 0.5
    csat(4, 'Quick reply, great agent', 5, 40), // quick, reply, quick reply, great, agent, great agent — 1
    csat(5, 'quick reply', 4, 50), // quick, reply, quick reply — 0.75
    csat(6, 'Quick replies and great agent', 5, 60), // as comment 4 — 1
    nps(7, 'App crashes', 3, 70), // app, crash, app crash — 0.3, low
    nps(8, 'app crash again', 9, 80), // app, crash, app crash — 0.9
    nps(9, 'The app', 10), // app — 1.0, no time
  ];
  const previous: Comment[] = [
    csat(101, 'refund delayed', 1),
    csat(102, 'Quick reply', 5),
    csat(103, 'nothing to say', 4),
    nps(104, 'app', 8),
  ];

  // Counts: refund 3, delayed 3, refund delayed 2; quick = reply = quick reply = 3 and
  // great = agent = great agent = 2, so those words give way to their phrases; app 3,
  // app crash 2 = crash, so crash gives way.
  // Complaints (low share ≥ ½): delayed, refund (2 of 3), refund delayed (2 of 2), app crash (1 of 2).
  // Trend: current shares are of 9 comments, previous of 4 (refund, delayed, refund delayed, app and
  // quick reply once each): 3/9 − 1/4 = 8.3 pp, 2/9 − 1/4 = −2.8 pp, 2/9 − 0 = 22.2 pp.
  it('counts, scores and orders the themes, complaints first', () => {
    expect(topThemes({ current, previous }).map(row)).toEqual([
      ['delayed', 3, 1, 8.3, 0.25, 0.667],
      ['refund', 3, 1, 8.3, 0.25, 0.667],
      ['app crash', 2, 0, 22.2, 0.6, 0.5],
      ['refund delayed', 2, 1, -2.8, 0.125, 1],
      ['app', 3, 1, 8.3, 0.733, 0.333],
      ['quick reply', 3, 1, 8.3, 0.917, 0],
      ['great agent', 2, 0, 22.2, 1, 0],
    ]);
  });

  it('gives examples with the lowest score first, then the newest', () => {
    const byTerm = new Map(topThemes({ current, previous }).map((t) => [t.term, t]));
    expect(byTerm.get('refund')!.examples).toEqual([
      { id: 1, text: 'Refund delayed', score: 1, scale: 'csat' },
      { id: 2, text: 'My refund delayed again!', score: 2, scale: 'csat' },
      { id: 3, text: 'Refund was delayed', score: 3, scale: 'csat' },
    ]);
    // 0.75 first; then comments 6 and 4 both at 1, the newer (at 60) first.
    expect(byTerm.get('quick reply')!.examples.map((e) => e.id)).toEqual([5, 6, 4]);
    expect(byTerm.get('great agent')!.examples.map((e) => e.id)).toEqual([6, 4]);
    // NPS 3 (0.3), 9 (0.9), 10 (1.0)
    expect(byTerm.get('app')!.examples.map((e) => e.id)).toEqual([7, 8, 9]);
  });

  it('counts a comment without a time as the oldest', () => {
    const [theme] = topThemes({
      current: [csat('a', 'slow app', 2), csat('b', 'Slow app!', 2, 5), csat('c', 'slow app…', 1, 1)],
      previous: [],
    });
    expect(theme!.examples.map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });

  it('shows a text several customers wrote word for word once, its lowest score', () => {
    const [theme] = topThemes({
      current: [csat('a', 'Slow app', 4, 1), csat('b', 'slow app', 2, 2), csat('c', 'slow app today', 3, 3)],
      previous: [],
    });
    expect(theme!.count).toBe(3);
    expect(theme!.examples.map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('respects examplesPerTheme, limit and minCount', () => {
    const [first] = topThemes({ current, previous, examplesPerTheme: 2 });
    expect(first!.examples.map((e) => e.id)).toEqual([1, 2]);
    expect(topThemes({ current, previous, limit: 3 }).map((t) => t.term)).toEqual(['delayed', 'refund', 'app crash']);
    // With 3 needed, the two-comment phrases go; quick reply (3) still absorbs quick and reply.
    expect(topThemes({ current, previous, minCount: 3 }).map((t) => t.term)).toEqual([
      'delayed',
      'refund',
      'app',
      'quick reply',
    ]);
  });

  it('has no trend when the previous period has no comments', () => {
    const themes = topThemes({ current, previous: [] });
    expect(themes).toHaveLength(7);
    expect(themes.every((t) => t.trend === null && t.previousCount === 0)).toBe(true);
    expect(topThemes({ current: [], previous })).toEqual([]);
  });

  it('counts a comment once per theme however often it repeats the term', () => {
    const themes = topThemes({
      current: [csat(1, 'refund refund REFUNDS, refund!', 1), csat(2, 'Refund', 5)],
      previous: [csat(3, 'refund refund', 1), csat(4, 'other stuff', 5)],
    });
    // 2 of 2 now, 1 of 2 before: 100 − 50 = 50 pp; one low of two is a complaint.
    expect(themes.map(row)).toEqual([['refund', 2, 1, 50, 0.5, 0.5]]);
  });

  it('keeps a word that also appears outside its phrase', () => {
    const themes = topThemes({
      current: [csat(1, 'late refund', 1), csat(2, 'Late refund again', 1), csat(3, 'refund pending', 1)],
      previous: [],
    });
    // late (2) never appears without "late refund" (2): dropped; refund (3) stays; pending is once.
    expect(themes.map((t) => [t.term, t.count])).toEqual([
      ['refund', 3],
      ['late refund', 2],
    ]);
  });

  it('puts a theme of NPS detractors first though its average is above half', () => {
    const themes = topThemes({
      current: [
        nps(1, 'billing error', 6),
        nps(2, 'Billing error', 6),
        nps(3, 'fast delivery', 9),
        nps(4, 'fast delivery', 9),
        nps(5, 'fast delivery', 9),
      ],
      previous: [],
    });
    expect(isLowScore({ scale: 'nps', score: 6 })).toBe(true);
    expect(isLowScore({ scale: 'nps', score: 7 })).toBe(false);
    expect(themes.map((t) => [t.term, t.count, t.averageScore, t.lowScoreShare])).toEqual([
      ['billing error', 2, 0.6, 1],
      ['fast delivery', 3, 0.9, 0],
    ]);
  });

  it('merges the two spellings of a nukta letter into one theme', () => {
    const themes = topThemes({
      current: [csat(1, 'रि\u095Eंड चाहिए', 1), csat(2, 'रि\u092B\u093Cंड चाहिए', 2)],
      previous: [],
    });
    expect(themes.map((t) => [t.term, t.count])).toEqual([[REFUND_HI, 2]]);
  });

  it('finds a seeded theme among 20,000 comments of 20 words', () => {
    // Deterministic filler: 20 words from 400 made-up English and Devanagari ones (no stop words).
    let seed = 42;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647; // Park–Miller: exact in doubles
      return seed / 2_147_483_647;
    };
    const vocabulary = Array.from({ length: 400 }, (_, i) => (i % 2 ? `zq${i}` : `शब्द${i}`));
    const filler = () => Array.from({ length: 18 }, () => vocabulary[Math.floor(random() * 400)]).join(' ');
    // "payment failed" in every 4th comment now (5,000 of 20,000, all CSAT 1) and every 10th
    // before (2,000 of 20,000): 25% − 10% = 15 pp. Every other comment scores 5.
    const period = (every: number) =>
      Array.from({ length: 20_000 }, (_, i) =>
        i % every === 0 ? csat(i, `Payment failed, ${filler()}`, 1, i) : csat(i, filler(), 5, i),
      );

    const themes = topThemes({ current: period(4), previous: period(10) });

    expect(themes).toHaveLength(10);
    expect(row(themes[0]!)).toEqual(['payment failed', 5000, 2000, 15, 0, 1]);
    // the newest of the equally low comments first
    expect(themes[0]!.examples.map((e) => e.id)).toEqual([19_996, 19_992, 19_988]);
    expect(themes.some((t) => t.term === 'payment' || t.term === 'failed')).toBe(false);
  });
});
