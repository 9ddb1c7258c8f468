// The public survey page (/survey/:token), opened from the survey mail without signing in. A score in
// the link (?score=4) is recorded at once, so one click in the mail is the answer; the page then offers
// to change it and to add a comment. It speaks the survey's language.
import { Anchor, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { setLocale } from '../../i18n';
import { ApiError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { isFinalSurveyError, useAnswerSurvey, useSurvey } from '../api';
import { SurveyAnswer } from '../components/SurveyAnswer';
import { SurveyFrame } from '../components/SurveyFrame';
import { parseScoreParam } from '../scores';

/** The full-page message for a link that is wrong (404) or past its answer window (410). */
export function SurveyLinkProblem({ error, triedToAnswer }: { error: unknown; triedToAnswer: boolean }) {
  const { t } = useTranslation();
  const expired = error instanceof ApiError && error.status === 410;
  return (
    <SurveyFrame title={expired ? t('feedback.survey.expiredTitle') : t('feedback.survey.invalidTitle')}>
      <Text>{expired && error instanceof ApiError ? error.message : t('feedback.survey.invalid')}</Text>
      {triedToAnswer && (
        <Text size="sm" c="dimmed">
          {t('feedback.survey.notRecorded')}
        </Text>
      )}
    </SurveyFrame>
  );
}

export function SurveyPage() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const [searchParams, setSearchParams] = useSearchParams();
  // Read once: the parameter leaves the address after it is recorded, so a reload does not undo a change.
  const [mailScore] = useState(() => parseScoreParam(searchParams.get('score')));
  // The mail's score has a request of its own: the page waits only for that one, so the later
  // answers (a comment, a changed rating) never swap the form for a loading screen.
  const mailAnswer = useAnswerSurvey(token);
  const answer = useAnswerSurvey(token);
  const { mutate } = mailAnswer;
  const sentMailScore = useRef(false);

  useEffect(() => {
    if (mailScore === null || sentMailScore.current) return;
    sentMailScore.current = true;
    mutate(
      { score: mailScore },
      {
        onSettled: () =>
          setSearchParams(
            (params) => {
              params.delete('score');
              return params;
            },
            { replace: true },
          ),
      },
    );
  }, [mailScore, mutate, setSearchParams]);

  // Load the survey after the mail's score is in, so the page shows the answer just given.
  const waiting = mailScore !== null && (mailAnswer.isIdle || mailAnswer.isPending);
  const survey = useSurvey(token, !waiting);
  const locale = survey.data?.locale;
  useEffect(() => {
    if (locale) setLocale(locale);
  }, [locale]);

  const mailScoreFailed = mailScore !== null && isFinalSurveyError(mailAnswer.error);
  if (mailScoreFailed) return <SurveyLinkProblem error={mailAnswer.error} triedToAnswer />;
  if (isFinalSurveyError(survey.error)) return <SurveyLinkProblem error={survey.error} triedToAnswer={false} />;
  if (waiting || survey.isPending) return <Loading fullScreen />;
  if (survey.isError) {
    return (
      <SurveyFrame title={t('feedback.survey.title')}>
        <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />
      </SurveyFrame>
    );
  }

  const s = survey.data;
  // A mail score on the wrong scale (400) is not worth a message of its own: the buttons are right here.
  const hideError = answer.error instanceof ApiError && answer.error.status === 400 && !answer.variables?.comment;
  return (
    <SurveyFrame
      companyName={s.companyName}
      title={t('feedback.survey.title')}
      subtitle={
        s.ticketNumber !== null
          ? t('feedback.survey.about', { number: s.ticketNumber, subject: s.ticketSubject ?? '' })
          : undefined
      }
    >
      <SurveyAnswer
        kind={s.kind}
        question={s.question}
        score={s.score}
        comment={s.comment}
        open={s.open}
        thanks={s.thanks}
        onAnswer={(body) => answer.mutateAsync(body)}
        error={hideError ? null : answer.error}
      />
      {s.optedOut ? (
        <Text size="xs" c="dimmed">
          {t('feedback.survey.optedOutNote')}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {t('feedback.survey.optOutPrompt')}{' '}
          <Anchor component={Link} to={`/survey/${encodeURIComponent(token)}/opt-out`} size="xs">
            {t('feedback.survey.optOutLink')}
          </Anchor>
        </Text>
      )}
    </SurveyFrame>
  );
}
