// The two survey scales in words and colours: CSAT 1–5 (very dissatisfied … very satisfied) and
// NPS 0–10 with its three bands (detractors 0–6, passives 7–8, promoters 9–10).

export const SURVEY_KINDS = ['csat', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const CSAT_SCORES = [1, 2, 3, 4, 5] as const;
export const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export const NPS_BANDS = ['detractors', 'passives', 'promoters'] as const;
export type NpsBand = (typeof NPS_BANDS)[number];

const BAND_SCORES: Record<NpsBand, readonly number[]> = {
  detractors: [0, 1, 2, 3, 4, 5, 6],
  passives: [7, 8],
  promoters: [9, 10],
};

export function isSurveyKind(value: unknown): value is SurveyKind {
  return value === 'csat' || value === 'nps';
}

/** The scores a survey of this kind accepts. */
export function scoresOf(kind: SurveyKind): readonly number[] {
  return kind === 'nps' ? NPS_SCORES : CSAT_SCORES;
}

export function maxScore(kind: SurveyKind): number {
  return kind === 'nps' ? 10 : 5;
}

export function isValidScore(kind: SurveyKind, score: unknown): score is number {
  return typeof score === 'number' && Number.isInteger(score) && scoresOf(kind).includes(score);
}

/** `?score=4` from a survey mail: an integer on either scale (the server checks it against the kind), else null. */
export function parseScoreParam(value: string | null): number | null {
  if (value === null || !/^\d{1,2}$/.test(value.trim())) return null;
  const score = Number(value.trim());
  return score >= 0 && score <= 10 ? score : null;
}

export function npsBand(score: number): NpsBand {
  if (score >= 9) return 'promoters';
  if (score >= 7) return 'passives';
  return 'detractors';
}

/** The scores the chosen NPS bands cover, ascending. */
export function scoresForBands(bands: readonly NpsBand[]): number[] {
  return NPS_BANDS.filter((band) => bands.includes(band)).flatMap((band) => [...BAND_SCORES[band]]);
}

/** The bands wholly covered by these scores (a band half chosen in a hand-made URL counts as not chosen). */
export function bandsOfScores(scores: readonly number[]): NpsBand[] {
  return NPS_BANDS.filter((band) => BAND_SCORES[band].every((s) => scores.includes(s)));
}

/** The i18n key naming a score: `feedback.csat.4` ("Satisfied"), `feedback.nps.promoters`. */
export function scoreLabelKey(kind: SurveyKind, score: number): string {
  return kind === 'nps' ? `feedback.nps.${npsBand(score)}` : `feedback.csat.${Math.min(5, Math.max(1, score))}`;
}

/** Red for unhappy, yellow for lukewarm, green for happy, on either scale. */
export function scoreColor(kind: SurveyKind, score: number): 'red' | 'yellow' | 'green' {
  if (kind === 'nps') {
    const band = npsBand(score);
    return band === 'promoters' ? 'green' : band === 'passives' ? 'yellow' : 'red';
  }
  return score >= 4 ? 'green' : score === 3 ? 'yellow' : 'red';
}
