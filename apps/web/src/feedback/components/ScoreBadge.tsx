import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { maxScore, type SurveyKind, scoreColor, scoreLabelKey } from '../scores';

/** "Satisfied · 4/5", "Promoter · 9/10". */
export function ScoreBadge({ kind, score }: { kind: SurveyKind; score: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={scoreColor(kind, score)} variant="light" size="lg" tt="none">
      {t('feedback.scoreBadge', { label: t(scoreLabelKey(kind, score)), score, max: maxScore(kind) })}
    </Badge>
  );
}
