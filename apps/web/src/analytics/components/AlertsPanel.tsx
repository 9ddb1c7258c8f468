// The overview's Attention panel: KPIs clearly worse than the period before and tags rising above their
// usual number of tickets, one line each with a link to the tickets behind it. Nothing when all is well.
import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { alertHref, alertText } from '../alerts';
import { useAlerts } from '../api';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';

export function AlertsPanel({ state }: { state: AnalyticsState }) {
  const { t, i18n } = useTranslation();
  const alerts = useAlerts(state.params());
  // Flags are a hint on top of the dashboard: while loading or when they fail, the rest still reads.
  const data = alerts.data;
  if (!data || data.flags.length === 0) return null;
  const period = { from: data.from, to: data.to };
  return (
    // A region, not role="alert": it is part of the page, not news that interrupts a screen reader.
    <Paper
      component="section"
      aria-label={t('analytics.alerts.label')}
      withBorder
      p="md"
      bg="var(--mantine-color-orange-light)"
      style={{ borderColor: 'var(--mantine-color-orange-outline)' }}
    >
      <Title order={3} size="h4" mb={4}>
        {t('analytics.alerts.label')}
      </Title>
      <Text size="sm" mb="xs">
        {t('analytics.alerts.intro')}
      </Text>
      <List size="sm" spacing={4}>
        {data.flags.map((flag) => {
          const key = flag.kind === 'emerging_tag' ? `tag-${flag.tag}-${flag.day}` : `kpi-${flag.metric}-${flag.team}`;
          return (
            <List.Item key={key}>
              {alertText(flag, data.labels, t, i18n.language)}{' '}
              <Anchor component={Link} to={alertHref(flag, state.filters, period, data.tz)} size="sm">
                {t('analytics.alerts.showTickets')}
              </Anchor>
            </List.Item>
          );
        })}
      </List>
    </Paper>
  );
}
