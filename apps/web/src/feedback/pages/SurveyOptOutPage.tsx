// The opt-out link of a survey mail (/survey/:token/opt-out): opening it is the opt-out, then it says so.
import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { setLocale } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { isFinalSurveyError, useSurvey, useSurveyOptOut } from '../api';
import { SurveyFrame } from '../components/SurveyFrame';
import { SurveyLinkProblem } from './SurveyPage';

export function SurveyOptOutPage() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const optOut = useSurveyOptOut(token);
  const { mutate } = optOut;
  const sent = useRef(false);
  // Only for the company's name and the survey's language; an expired survey can still opt out.
  const survey = useSurvey(token);
  const locale = survey.data?.locale;

  useEffect(() => {
    if (sent.current || token === '') return;
    sent.current = true;
    mutate();
  }, [mutate, token]);
  useEffect(() => {
    if (locale) setLocale(locale);
  }, [locale]);

  if (isFinalSurveyError(optOut.error)) return <SurveyLinkProblem error={optOut.error} triedToAnswer={false} />;
  if (optOut.isError) {
    return (
      <SurveyFrame companyName={survey.data?.companyName} title={t('feedback.optOut.title')}>
        <ErrorAlert error={optOut.error} onRetry={() => mutate()} />
      </SurveyFrame>
    );
  }
  if (!optOut.isSuccess) return <Loading fullScreen />;
  return (
    <SurveyFrame companyName={survey.data?.companyName} title={t('feedback.optOut.title')}>
      <Text>{t('feedback.optOut.done')}</Text>
      <Text size="sm" c="dimmed">
        {t('feedback.optOut.hint')}
      </Text>
    </SurveyFrame>
  );
}
