// Pinned reports at the foot of the overview: each as a small card (its chart and first rows) that
// leads to the whole report. They run with their own saved period and filters, not the filter bar's.
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type Report, useReportRun, useReports } from '../api';
import { periodLabel } from '../reports';
import { ReportResult } from './ReportResult';

const CARD_ROWS = 8;

function PinnedReport({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const run = useReportRun(report.id, me.timeZone);
  return (
    <Paper component="section" aria-label={report.name} withBorder p="md">
      <Stack gap="xs">
        <div>
          <Title order={3} size="h4">
            <Anchor component={Link} to={`/analytics/reports/${report.id}`} inherit>
              {report.name}
            </Anchor>
          </Title>
          <Text size="xs" c="dimmed">
            {t('analytics.reports.byOwner', {
              owner: report.ownerName,
              period: periodLabel(report.definition.period, t, i18n.language),
            })}
          </Text>
        </div>
        {run.isPending ? (
          <Loading />
        ) : run.isError ? (
          <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />
        ) : (
          <ReportResult
            title={report.name}
            result={run.data}
            chart={report.definition.chart}
            compact
            maxRows={CARD_ROWS}
          />
        )}
      </Stack>
    </Paper>
  );
}

export function PinnedReports() {
  const { t } = useTranslation();
  const reports = useReports();
  const pinned = (reports.data ?? []).filter((r) => r.pinned);
  if (pinned.length === 0) return null;
  return (
    <Stack component="section" aria-label={t('analytics.reports.pinnedLabel')} gap="sm">
      <Title order={3} size="h4">
        {t('analytics.reports.pinnedLabel')}
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {pinned.map((report) => (
          <PinnedReport key={report.id} report={report} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
