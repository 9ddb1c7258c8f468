// The survey scales: CSAT labels, NPS bands and the score a survey mail's link carries.
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import {
  bandsOfScores,
  isValidScore,
  npsBand,
  parseScoreParam,
  scoreColor,
  scoreLabelKey,
  scoresForBands,
} from './scores';

describe('CSAT scores', () => {
  it('names each score in English and Hindi', () => {
    const en = i18n.getFixedT('en');
    const hi = i18n.getFixedT('hi');
    expect([1, 2, 3, 4, 5].map((s) => en(scoreLabelKey('csat', s)))).toEqual([
      'Very dissatisfied',
      'Dissatisfied',
      'Neutral',
      'Satisfied',
      'Very satisfied',
    ]);
    expect([1, 2, 3, 4, 5].map((s) => hi(scoreLabelKey('csat', s)))).toEqual([
      'बहुत असंतुष्ट',
      'असंतुष्ट',
      'सामान्य',
      'संतुष्ट',
      'बहुत संतुष्ट',
    ]);
  });

  it('colours unhappy answers red and happy ones green', () => {
    expect([1, 2, 3, 4, 5].map((s) => scoreColor('csat', s))).toEqual(['red', 'red', 'yellow', 'green', 'green']);
  });

  it('takes 1–5 only', () => {
    expect(isValidScore('csat', 1)).toBe(true);
    expect(isValidScore('csat', 5)).toBe(true);
    expect(isValidScore('csat', 0)).toBe(false);
    expect(isValidScore('csat', 6)).toBe(false);
    expect(isValidScore('csat', 2.5)).toBe(false);
    expect(isValidScore('nps', 0)).toBe(true);
    expect(isValidScore('nps', 10)).toBe(true);
  });
});

describe('NPS bands', () => {
  it('puts 0–6 with detractors, 7–8 with passives, 9–10 with promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBand)).toEqual([
      'detractors',
      'detractors',
      'passives',
      'passives',
      'promoters',
      'promoters',
    ]);
    expect(scoreColor('nps', 6)).toBe('red');
    expect(scoreColor('nps', 8)).toBe('yellow');
    expect(scoreColor('nps', 9)).toBe('green');
    expect(i18n.getFixedT('en')(scoreLabelKey('nps', 10))).toBe('Promoter');
  });

  it('turns chosen bands into scores and back', () => {
    expect(scoresForBands(['promoters', 'detractors'])).toEqual([0, 1, 2, 3, 4, 5, 6, 9, 10]);
    expect(scoresForBands([])).toEqual([]);
    expect(bandsOfScores([0, 1, 2, 3, 4, 5, 6, 9, 10])).toEqual(['detractors', 'promoters']);
    // A band only partly chosen (a hand-made URL) is not shown as chosen.
    expect(bandsOfScores([7, 9, 10])).toEqual(['promoters']);
  });
});

describe('the score in a survey link', () => {
  it('reads whole numbers 0–10 and nothing else', () => {
    expect(parseScoreParam('4')).toBe(4);
    expect(parseScoreParam(' 5 ')).toBe(5);
    expect(parseScoreParam('0')).toBe(0);
    expect(parseScoreParam('10')).toBe(10);
    expect(parseScoreParam(null)).toBeNull();
    expect(parseScoreParam('')).toBeNull();
    expect(parseScoreParam('11')).toBeNull();
    expect(parseScoreParam('-1')).toBeNull();
    expect(parseScoreParam('4.5')).toBeNull();
    expect(parseScoreParam('five')).toBeNull();
  });
});
