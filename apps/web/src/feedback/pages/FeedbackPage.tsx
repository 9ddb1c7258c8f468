// Feedback (/feedback): the survey answers for the filters, with what the team does about them
// (themes, a follow-up ticket, a forward to product), and the themes of the comments. Every member of
// staff; agents see their own tickets' answers, leads their teams', managers and admins all.
import { Alert, Button, Center, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { useFormatNumber } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type FeedbackSummary, useFeedback } from '../api';
import { FeedbackFilterBar } from '../components/FeedbackFilterBar';
import { FeedbackItemCard } from '../components/FeedbackItemCard';
import { ThemesPanel } from '../components/ThemesPanel';
import { type FeedbackFilters, filtersFromSearch, filtersToSearch } from '../filters';
import { formatPercent, formatScore } from '../format';
import type { SurveyKind } from '../scores';

function SummaryLine({ kind, summary }: { kind: SurveyKind; summary: FeedbackSummary }) {
  const { t, i18n } = useTranslation();
  const number = useFormatNumber();
  return (
    <Text size="sm" role="status">
      {t('feedback.summary.answered', { answered: number(summary.answered), sent: number(summary.sent) })}
      {' · '}
      {t('feedback.summary.rate', { rate: formatPercent(summary.responseRate, i18n.language) })}
      {' · '}
      {t(`feedback.summary.score.${kind}`, { score: formatScore(kind, summary.score, i18n.language) })}
    </Text>
  );
}

function AnswersPanel({ filters }: { filters: FeedbackFilters }) {
  const { t } = useTranslation();
  const feedback = useFeedback(filters);
  if (feedback.isPending) return <Loading />;
  if (feedback.isError) return <ErrorAlert error={feedback.error} onRetry={() => void feedback.refetch()} />;
  const pages = feedback.data.pages;
  const items = pages.flatMap((page) => page.items);
  const summary = pages[0]?.summary;

  return (
    <Stack gap="sm">
      {summary && <SummaryLine kind={filters.kind} summary={summary} />}
      {items.length === 0 ? (
        <Text c="dimmed" py="lg">
          {t('feedback.empty')}
        </Text>
      ) : (
        items.map((item) => <FeedbackItemCard key={item.id} item={item} />)
      )}
      {feedback.hasNextPage && (
        <Center>
          <Button variant="default" loading={feedback.isFetchingNextPage} onClick={() => void feedback.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

export function FeedbackPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  // The filters live here first and in the address right after: the address updates a moment later
  // (a transition), and a second quick click must build on the first, not on what the address said.
  const query = searchParams.toString();
  const [filters, setLocalFilters] = useState(() => filtersFromSearch(searchParams));
  const shown = useRef(query);
  useEffect(() => {
    // Back, forward or a link: the address wins.
    if (query !== shown.current) {
      shown.current = query;
      setLocalFilters(filtersFromSearch(new URLSearchParams(query)));
    }
  }, [query]);
  const tab = searchParams.get('tab') === 'themes' ? 'themes' : 'answers';

  const setFilters = (next: FeedbackFilters) => {
    setLocalFilters(next);
    const search = filtersToSearch(next, searchParams);
    shown.current = search.toString();
    setSearchParams(search, { replace: true });
  };
  const setTab = (next: string | null) =>
    setSearchParams(
      (params) => {
        if (next === 'themes') params.set('tab', 'themes');
        else params.delete('tab');
        return params;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('feedback.title')} />
      {me.role === 'agent' && (
        <Alert color="blue" variant="light" mb="md">
          {t('feedback.agentHint')}
        </Alert>
      )}
      <FeedbackFilterBar filters={filters} onChange={setFilters} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="answers">{t('feedback.tabs.answers')}</Tabs.Tab>
          <Tabs.Tab value="themes">{t('feedback.tabs.themes')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="answers">
          <AnswersPanel filters={filters} />
        </Tabs.Panel>
        <Tabs.Panel value="themes">
          <ThemesPanel filters={filters} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
