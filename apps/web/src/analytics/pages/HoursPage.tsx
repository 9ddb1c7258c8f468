// Busiest hours (/analytics/hours): tickets created by weekday and hour of day in the user's time
// zone, set against the agents online then (their availability history), and the hours where new
// tickets per agent online are highest: the understaffed ones.
import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useAnalytics } from '../api';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { HoursHeatmap, heatmapGrid } from '../components/HoursHeatmap';
import { drillHref } from '../filters';
import { hourName, weekdayName } from '../format';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';
import { formatMetric, metricLabel } from '../metrics';
import { type AnalyticsPresence, loadGrid, presenceGrid, understaffedHours, usePresence } from '../staffing';

const METRIC = 'tickets_created';

export function HoursPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const state = useAnalyticsFilters();
  const params = state.params();
  const query = useAnalytics({ metrics: [METRIC], dimensions: ['weekday', 'hour_of_day'], params });
  // "No team" selects tickets, not people: there is no one to count online.
  const noTeamOnly = state.filters.team.length > 0 && state.filters.team.every((team) => team === 'none');
  const presence = usePresence(params, !noTeamOnly);
  const created = useMemo(() => (query.data ? heatmapGrid(query.data, METRIC) : null), [query.data]);
  const formatCount = useCallback((value: number) => formatMetric(METRIC, value, t, language), [t, language]);

  return (
    <AnalyticsFrame title={t('analytics.titles.hours')} state={state}>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack>
          <HoursHeatmap
            title={t('analytics.charts.heatmap')}
            grid={created ?? []}
            valueLabel={metricLabel(METRIC, t)}
            format={formatCount}
            hint={t('analytics.charts.heatmapHint')}
            drill={(weekday, hour) => drillHref(state.filters, METRIC, { weekday, hour_of_day: hour })}
          />
          {noTeamOnly ? (
            <Text c="dimmed">{t('analytics.staffing.noTeam')}</Text>
          ) : presence.isPending ? (
            <Loading />
          ) : presence.isError ? (
            <ErrorAlert error={presence.error} onRetry={() => void presence.refetch()} />
          ) : (
            <Staffing created={created ?? []} presence={presence.data} />
          )}
        </Stack>
      )}
    </AnalyticsFrame>
  );
}

/** Agents online, tickets per agent online, and the worst hours in words. */
function Staffing({ created, presence }: { created: number[][]; presence: AnalyticsPresence }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const online = useMemo(() => presenceGrid(presence), [presence]);
  const load = useMemo(() => loadGrid(created, presence), [created, presence]);
  const worst = useMemo(() => understaffedHours(created, presence), [created, presence]);
  const decimal = useMemo(() => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }), [language]);
  const formatDecimal = useCallback((value: number) => decimal.format(value), [decimal]);
  const noHistory = t('analytics.staffing.noHistory');
  const slot = (weekday: number, hour: number) =>
    t('analytics.staffing.slot', {
      weekday: weekdayName(weekday, language),
      from: hourName(hour, language),
      to: hourName((hour + 1) % 24, language),
    });

  return (
    <>
      <HoursHeatmap
        title={t('analytics.staffing.online')}
        grid={online}
        valueLabel={t('analytics.staffing.onlineValue')}
        format={formatDecimal}
        hint={t('analytics.staffing.onlineHint')}
        palette="teal"
        emptyText={noHistory}
      />
      <HoursHeatmap
        title={t('analytics.staffing.load')}
        grid={load}
        valueLabel={t('analytics.staffing.loadValue')}
        format={formatDecimal}
        hint={t('analytics.staffing.loadHint')}
        palette="red"
        emptyText={presence.people === 0 ? noHistory : undefined}
      />
      <Paper component="section" withBorder p="md" aria-label={t('analytics.staffing.understaffed')}>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('analytics.staffing.understaffed')}
          </Title>
          {worst.length === 0 ? (
            <Text c="dimmed">{noHistory}</Text>
          ) : (
            <>
              <Text size="sm">{t('analytics.staffing.understaffedIntro')}</Text>
              <List type="ordered" size="sm">
                {worst.map((s) => (
                  <List.Item key={`${s.weekday}-${s.hour}`}>
                    {t('analytics.staffing.understaffedItem', {
                      slot: slot(s.weekday, s.hour),
                      load: decimal.format(s.load),
                      tickets: decimal.format(s.ticketsPerHour),
                      online: decimal.format(s.online),
                    })}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
