// The tickets behind one number (/analytics/tickets?metric=…&<filters>&<cell>): which number it is
// (metric, period, filters, cell), how many tickets, and the inbox's list of them with its bulk changes.
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { useFormatNumber } from '../../i18n/format';
import { useAllUsers, useTeams } from '../../people/api';
import { BulkActionBar } from '../../tickets/components/BulkActionBar';
import { TicketTable } from '../../tickets/components/TicketTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { analyticsKey, useTicketsBehind } from '../api';
import { SectionNav } from '../components/SectionNav';
import { timeCellFromSearch } from '../filters';
import { bucketTitle, formatPeriod, hourName, weekdayName } from '../format';
import { type AnalyticsState, useAnalyticsFilters } from '../hooks/useAnalyticsFilters';
import { isKnownMetric, metricLabel } from '../metrics';

/** What the number is about, one badge per filter and the cell: "Agent: Kavya Iyer", "Week of 16 Nov 2026". */
function useDescription({ filters, period }: AnalyticsState): string[] {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [searchParams] = useSearchParams();
  const users = useAllUsers();
  const teams = useTeams();
  const cell = timeCellFromSearch(searchParams);
  const out = [t('analytics.drill.period', { period: formatPeriod(period, language) })];
  const add = (key: string, values: string[]) => {
    if (values.length > 0) out.push(t(`analytics.drill.cell.${key}`, { value: values.join(', ') }));
  };
  add(
    'agent',
    filters.agent.map((id) => users.data?.find((u) => u.id === id)?.name ?? t('analytics.table.unknown', { id })),
  );
  add(
    'team',
    filters.team.map((id) =>
      id === 'none'
        ? t('tickets.inbox.noTeam')
        : (teams.data?.find((team) => team.id === id)?.name ?? t('analytics.table.unknown', { id })),
    ),
  );
  add(
    'channel',
    filters.channel.map((v) => t(`tickets.channel.${v}`)),
  );
  add(
    'priority',
    filters.priority.map((v) => t(`tickets.priority.${v}`)),
  );
  add(
    'type',
    filters.type.map((v) => t(`tickets.type.${v}`)),
  );
  add('tag', filters.tag);
  if (cell.hour) out.push(bucketTitle('hour', cell.hour, t, language));
  if (cell.day) add('day', [bucketTitle('day', cell.day, t, language)]);
  if (cell.week) out.push(bucketTitle('week', cell.week, t, language));
  if (cell.month) add('month', [bucketTitle('month', cell.month, t, language)]);
  if (cell.weekday) add('weekday', [weekdayName(Number(cell.weekday), language)]);
  if (cell.hour_of_day) add('hourOfDay', [hourName(Number(cell.hour_of_day), language)]);
  if (cell.backlog_age) add('backlogAge', [t(`analytics.backlogAge.${cell.backlog_age}`)]);
  return out;
}

export function TicketsBehindPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const formatNumber = useFormatNumber();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const state = useAnalyticsFilters();
  const users = useAllUsers();
  const teams = useTeams();
  const description = useDescription(state);
  const metric = searchParams.get('metric') ?? '';
  const known = isKnownMetric(metric);
  const list = useTicketsBehind(metric, { ...state.params(), ...timeCellFromSearch(searchParams) }, known);
  const [selected, setSelected] = useState<number[]>([]);
  const [cursor, setCursor] = useState(-1);

  const tickets = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const title = known
    ? t('analytics.drill.title', { metric: metricLabel(metric, t) })
    : t('analytics.drill.unknownTitle');

  return (
    <>
      <PageHeader title={title} />
      <SectionNav search={state.search} />
      {!known ? (
        <Text c="dimmed">{t('analytics.drill.unknownMetric')}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('analytics.drill.intro')}</Text>
          <Group
            gap="xs"
            component="ul"
            aria-label={t('analytics.drill.about')}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {description.map((text) => (
              <Badge key={text} component="li" variant="light" size="lg" tt="none" fw={500}>
                {text}
              </Badge>
            ))}
          </Group>
          {total !== undefined && (
            <Text fw={600} role="status">
              {t('analytics.drill.total', { value: formatNumber(total) })}
            </Text>
          )}
          {selected.length > 0 && (
            <BulkActionBar
              selected={selected}
              tickets={tickets}
              users={users.data ?? []}
              teams={teams.data ?? []}
              selfId={me.id}
              onDone={() => {
                setSelected([]);
                // The changed tickets may no longer be behind this number, nor the number the same.
                void queryClient.invalidateQueries({ queryKey: analyticsKey });
              }}
            />
          )}
          {list.isPending ? (
            <Loading />
          ) : list.isError ? (
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : tickets.length === 0 ? (
            <Text c="dimmed" py="lg">
              {t('analytics.drill.empty')}
            </Text>
          ) : (
            <>
              <TicketTable
                tickets={tickets}
                cursor={cursor}
                selected={selected}
                onToggle={(number) =>
                  setSelected((current) =>
                    current.includes(number) ? current.filter((n) => n !== number) : [...current, number],
                  )
                }
                onToggleAll={() =>
                  setSelected((current) => (current.length === tickets.length ? [] : tickets.map((x) => x.number)))
                }
                onCursor={setCursor}
              />
              {list.hasNextPage && (
                <Group justify="center">
                  <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    {t('common.loadMore')}
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      )}
    </>
  );
}
