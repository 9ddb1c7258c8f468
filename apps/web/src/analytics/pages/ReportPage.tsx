// One saved report (/analytics/reports/:id): run as the viewer (its period resolved today in their time
// zone, the figures their role may see), as a chart and a table, with its download.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { reportPdfHref, useReport, useReportRun } from '../api';
import { ExportMenu } from '../components/ExportMenu';
import { ReportResult } from '../components/ReportResult';
import { SectionNav } from '../components/SectionNav';
import { formatPeriod } from '../format';
import { definitionRequest, periodLabel } from '../reports';

export function ReportPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const report = useReport(id, valid);
  const run = useReportRun(id, me.timeZone, valid);

  const title = report.data?.name ?? t('analytics.titles.reports');
  const error = report.error ?? run.error;
  return (
    <>
      <PageHeader
        title={title}
        actions={
          report.data &&
          run.data && (
            <>
              {report.data.editable && (
                <Button component={Link} to={`/analytics/reports/${id}/edit`} variant="light">
                  {t('common.edit')}
                </Button>
              )}
              {can.scheduleReports(me.role) && (
                <Button component={Link} to={`/analytics/schedules/new?report=${id}`} variant="light">
                  {t('analytics.schedules.schedule')}
                </Button>
              )}
              <ExportMenu
                request={definitionRequest(
                  report.data.definition,
                  { from: run.data.from, to: run.data.to },
                  run.data.tz,
                )}
                table={report.data.name}
                pdf={reportPdfHref(id, run.data.tz, i18n.language)}
              />
            </>
          )
        }
      />
      <SectionNav search="" />
      {error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void report.refetch();
            void run.refetch();
          }}
        />
      ) : !report.data || !run.data ? (
        <Loading />
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('analytics.reports.byOwner', {
                owner: report.data.ownerName,
                period: periodLabel(report.data.definition.period, t, i18n.language),
              })}
            </Text>
            <Text size="xs" c="dimmed" w="100%">
              {t('analytics.filters.summary', {
                period: formatPeriod({ from: run.data.from, to: run.data.to }, i18n.language),
                timeZone: run.data.tz,
              })}
            </Text>
          </Group>
          <ReportResult title={report.data.name} result={run.data} chart={report.data.definition.chart} />
        </Stack>
      )}
    </>
  );
}
