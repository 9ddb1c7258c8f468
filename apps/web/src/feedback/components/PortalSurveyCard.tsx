// "How did we do?" on a solved or closed request in the portal: the same answer as the survey mail's
// page, sent through the public survey endpoints with the ticket's survey token.
import { Card, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PortalSurveyRef, useAnswerSurvey } from '../api';
import { SurveyAnswer } from './SurveyAnswer';

export function PortalSurveyCard({ survey }: { survey: PortalSurveyRef }) {
  const { t } = useTranslation();
  const answer = useAnswerSurvey(survey.token);
  // The answer's reply is the survey's new state; the ticket page need not reload for it.
  const [current, setCurrent] = useState(survey);
  return (
    <Card withBorder padding="md" component="section" aria-label={t('feedback.survey.title')}>
      <Title order={2} size="h4" mb="sm">
        {t('feedback.survey.title')}
      </Title>
      <SurveyAnswer
        kind="csat"
        question={t('feedback.portal.question')}
        score={current.score}
        comment={current.comment}
        open={current.open}
        thanks={t('feedback.portal.thanks')}
        onAnswer={(body) =>
          answer
            .mutateAsync(body)
            .then(({ survey: s }) =>
              setCurrent({ token: survey.token, score: s.score, comment: s.comment, open: s.open }),
            )
        }
        error={answer.error}
      />
    </Card>
  );
}
