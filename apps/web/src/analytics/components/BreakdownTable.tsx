// A breakdown by agent, team or channel: one row each, sortable by any column (click its header), the
// period's totals at the foot. Every figure links to the tickets behind it.
import { Anchor, Group, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { TICKET_CHANNELS } from '../../tickets/api';
import type { AnalyticsResult, CellValue } from '../api';
import { type AnalyticsFilters, type Cell, drillHref } from '../filters';
import { formatMetric, metricLabel } from '../metrics';

export type BreakdownDimension = 'agent' | 'team' | 'channel';

/** What became of the tickets an agent, team or channel was given. */
const TICKET_COLUMNS = [
  'tickets_solved',
  'first_reply_time.median',
  'full_resolution_time.median',
  'one_touch_rate',
  'reopen_rate',
  'replies_per_ticket',
] as const;

/** An agent's columns: their tickets, and their own work on any ticket (per day they worked, too). */
export const AGENT_COLUMNS = [
  ...TICKET_COLUMNS,
  'replies_sent',
  'tickets_touched',
  'replies_per_agent_day',
  'tickets_touched_per_agent_day',
] as const;

/** A team's or channel's columns: also how many tickets came in. */
export const GROUP_COLUMNS = ['tickets_created', ...TICKET_COLUMNS] as const;

interface Props {
  title: string;
  /** False where the page's own heading already says what the table is. */
  showTitle?: boolean;
  dimension: BreakdownDimension;
  metrics: readonly string[];
  result: AnalyticsResult;
  filters: AnalyticsFilters;
  /** Where a row's name leads (an agent's page, the overview of a team), if anywhere. */
  rowHref?: (value: CellValue) => string | null;
  /** The column sorted by at first, largest first. */
  defaultSort: string;
  /** Still the answer for the filters before; the new one is on its way. */
  stale?: boolean;
  /** Shown at the top right of the table (its download menu). */
  actions?: ReactNode;
}

interface Sort {
  key: string;
  dir: 'asc' | 'desc';
}

/** The filter a row stands for, so its figures drill down to its tickets; an unassigned row has none. */
function cellOf(dimension: BreakdownDimension, value: CellValue): Cell | null {
  if (dimension === 'agent') return typeof value === 'number' ? { agent: value } : null;
  if (dimension === 'team') return { team: typeof value === 'number' ? value : 'none' };
  const channel = TICKET_CHANNELS.find((c) => c === value);
  return channel ? { channel } : null;
}

function SortIndicator({ dir }: { dir: Sort['dir'] | null }) {
  return (
    <svg width={12} height={12} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} aria-hidden>
      {dir === 'asc' ? (
        <path d="M6 15l6-6 6 6" />
      ) : dir === 'desc' ? (
        <path d="M6 9l6 6 6-6" />
      ) : (
        <path d="M8 9l4-4 4 4M8 15l4 4 4-4" opacity={0.4} />
      )}
    </svg>
  );
}

export function BreakdownTable({
  title,
  showTitle = true,
  dimension,
  metrics,
  result,
  filters,
  rowHref,
  defaultSort,
  stale = false,
  actions,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // Leads and agents see their teams' tickets: the foot is their teams' total, not everyone's.
  const { role } = useCurrentUser();
  const seesAll = role === 'admin' || role === 'manager';
  const [sort, setSort] = useState<Sort>({ key: defaultSort, dir: 'desc' });

  const nameOf = useCallback(
    (value: CellValue): string => {
      if (dimension === 'agent') {
        if (value === null) return t('tickets.inbox.unassigned');
        return result.labels.agent?.[String(value)] ?? t('analytics.table.unknown', { id: value });
      }
      if (dimension === 'team') {
        if (value === null) return t('tickets.inbox.noTeam');
        return result.labels.team?.[String(value)] ?? t('analytics.table.unknown', { id: value });
      }
      return TICKET_CHANNELS.some((c) => c === value) ? t(`tickets.channel.${String(value)}`) : String(value);
    },
    [dimension, result, t],
  );

  const rows = useMemo(() => {
    const named = result.rows.map((row) => ({
      row,
      value: row[dimension] ?? null,
      name: nameOf(row[dimension] ?? null),
    }));
    const collator = new Intl.Collator(language);
    const sign = sort.dir === 'asc' ? 1 : -1;
    return named.sort((a, b) => {
      if (sort.key === 'name') return sign * collator.compare(a.name, b.name);
      const x = a.row[sort.key];
      const y = b.row[sort.key];
      // Rows without a figure go last whichever way the column is sorted.
      if (typeof x !== 'number') return typeof y === 'number' ? 1 : collator.compare(a.name, b.name);
      if (typeof y !== 'number') return -1;
      return sign * (x - y) || collator.compare(a.name, b.name);
    });
  }, [result, dimension, sort, language, nameOf]);

  const sortBy = (key: string) =>
    setSort((current) =>
      current.key === key
        ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: key === 'name' ? 'asc' : 'desc' },
    );

  const header = (key: string, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <Table.Th
        key={key}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
        ta={numeric ? 'right' : undefined}
      >
        <UnstyledButton onClick={() => sortBy(key)} fw={700} fz="sm">
          <Group gap={4} wrap="nowrap" justify={numeric ? 'flex-end' : undefined}>
            {label}
            <SortIndicator dir={active ? sort.dir : null} />
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  const figure = (metric: string, value: CellValue | undefined, cell: Cell | null) => {
    const number = typeof value === 'number' ? value : null;
    const text = formatMetric(metric, number, t, language);
    if (number === null || cell === null) return text;
    return (
      <Anchor component={Link} to={drillHref(filters, metric, cell)} size="sm" title={t('analytics.kpi.showTickets')}>
        {text}
      </Anchor>
    );
  };

  return (
    <Paper component="section" withBorder p="md" aria-label={title} aria-busy={stale} opacity={stale ? 0.6 : 1}>
      {(showTitle || actions) && (
        <Group justify="space-between" mb="sm" wrap="nowrap">
          {showTitle ? (
            <Title order={3} size="h4">
              {title}
            </Title>
          ) : (
            <span />
          )}
          {actions}
        </Group>
      )}
      {rows.length === 0 ? (
        <Text c="dimmed" py="md">
          {t('analytics.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                {header('name', t(`analytics.table.${dimension}`), false)}
                {metrics.map((metric) => header(metric, metricLabel(metric, t), true))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ row, value, name }) => {
                const href = rowHref?.(value) ?? null;
                const cell = cellOf(dimension, value);
                return (
                  <Table.Tr key={String(value)}>
                    <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {href ? (
                        <Anchor component={Link} to={href} size="sm" fw={500}>
                          {name}
                        </Anchor>
                      ) : (
                        name
                      )}
                    </Table.Th>
                    {metrics.map((metric) => (
                      <Table.Td key={metric} ta="right">
                        {figure(metric, row[metric], cell)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                  {t(seesAll ? 'analytics.table.total' : 'analytics.table.totalOfTeams')}
                </Table.Th>
                {metrics.map((metric) => (
                  <Table.Td key={metric} ta="right" fw={700}>
                    {figure(metric, result.totals[metric], {})}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
