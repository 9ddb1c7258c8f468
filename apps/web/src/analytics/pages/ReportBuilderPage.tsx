// The report builder (/analytics/reports/new, /analytics/reports/:id/edit): name, metrics, up to two
// dimensions, the period and filters (the dashboards' own filter bar), chart, sharing and pinning, with
// a live preview of exactly what will be saved.
import { Button, Checkbox, Group, MultiSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ROLES, type Role } from '../../auth/api';
import { useCurrentUser } from '../../auth/session';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import {
  type MetricCatalogue,
  REPORT_CHARTS,
  type Report,
  type ReportChart,
  useAnalytics,
  useMetricCatalogue,
  useReport,
  useSaveReport,
} from '../api';
import { AnalyticsFilterBar } from '../components/AnalyticsFilterBar';
import { ReportResult } from '../components/ReportResult';
import { SectionNav } from '../components/SectionNav';
import { type AnalyticsFilters, apiParams, EMPTY_FILTERS, filtersToSearch, periodOf, todayIn } from '../filters';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';
import { metricLabel } from '../metrics';
import {
  definitionOf,
  definitionRequest,
  dimensionAllowed,
  filtersOfDefinition,
  MAX_DIMENSIONS,
  metricAllowed,
} from '../reports';

interface FormProps {
  report: Report | null;
  catalogue: MetricCatalogue;
}

function ReportForm({ report, catalogue }: FormProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const save = useSaveReport();
  const [name, setName] = useState(report?.name ?? '');
  const [metrics, setMetrics] = useState<string[]>(report?.definition.metrics ?? []);
  const [dimensions, setDimensions] = useState<string[]>(report?.definition.dimensions ?? []);
  const [chart, setChart] = useState<ReportChart>(report?.definition.chart ?? 'table');
  const [sharedRoles, setSharedRoles] = useState<Role[]>(report?.sharedRoles ?? []);
  const [pinned, setPinned] = useState(report?.pinned ?? false);
  const [filters, setFilters] = useState<AnalyticsFilters>(() =>
    report ? filtersOfDefinition(report.definition) : EMPTY_FILTERS,
  );
  const [checked, setChecked] = useState(false);

  const timeZone = me.timeZone;
  const today = todayIn(timeZone);
  const period = periodOf(filters, today);
  // The filter bar of the dashboards, driven by this form instead of the URL.
  const state = useMemo<AnalyticsState>(
    () => ({
      filters,
      period,
      timeZone,
      search: filtersToSearch(filters).toString(),
      setFilters,
      params: (override = {}) => apiParams({ ...filters, ...override }, period, timeZone),
    }),
    [filters, period, timeZone],
  );

  const momentary = useMemo(
    () => new Set(catalogue.metrics.filter((m) => m.anchor === 'now').map((m) => m.name)),
    [catalogue],
  );
  // A choice that no longer fits (hours after the period grew past a month) is left out, not sent.
  const usedDimensions = dimensions.filter((d) => dimensionAllowed(d, metrics, momentary, period));
  const definition = definitionOf(
    filters,
    { metrics, dimensions: usedDimensions, chart },
    today,
    report?.definition.filters,
  );
  const request = definitionRequest(definition, period, timeZone);
  const preview = useAnalytics(request, metrics.length > 0);

  const metricChoices = catalogue.metrics.flatMap((m) =>
    m.keys.map((key) => ({
      value: key,
      label: metricLabel(key, t),
      disabled: !metrics.includes(key) && !metricAllowed(key, usedDimensions, momentary),
    })),
  );
  const dimensionChoices = catalogue.dimensions.map((d) => ({
    value: d,
    label: t(`analytics.dimensions.${d}`),
    disabled: !dimensions.includes(d) && !dimensionAllowed(d, metrics, momentary, period),
  }));

  const nameMissing = name.trim() === '';
  const metricsMissing = metrics.length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (nameMissing || metricsMissing) return;
    save.mutate(
      { id: report?.id ?? null, body: { name: name.trim(), definition, sharedRoles, pinned } },
      {
        onSuccess: ({ report: saved }) => {
          notifications.show({ color: 'green', message: t('analytics.reports.saved') });
          void navigate(`/analytics/reports/${saved.id}`);
        },
      },
    );
  };

  return (
    <Stack gap="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={720}>
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('analytics.reports.name')}
            required
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.currentTarget.value)}
            error={(checked && nameMissing && t('analytics.reports.nameRequired')) || fieldError(save.error, 'name')}
          />
          <MultiSelect
            label={t('analytics.reports.metrics')}
            description={t('analytics.reports.metricsHint')}
            placeholder={metrics.length === 0 ? t('analytics.reports.metricsPlaceholder') : undefined}
            required
            searchable
            value={metrics}
            onChange={setMetrics}
            data={metricChoices}
            maxValues={20}
            error={checked && metricsMissing ? t('analytics.reports.metricsRequired') : undefined}
          />
          <MultiSelect
            label={t('analytics.reports.dimensions')}
            description={t('analytics.reports.dimensionsHint')}
            placeholder={dimensions.length === 0 ? t('analytics.reports.dimensionsPlaceholder') : undefined}
            value={dimensions}
            onChange={setDimensions}
            data={dimensionChoices}
            maxValues={MAX_DIMENSIONS}
            clearable
          />
          <Title order={3} size="h5" mt="sm">
            {t('analytics.reports.filters')}
          </Title>
        </Stack>
        <AnalyticsFilterBar state={state} />
        <Stack gap="sm" maw={720}>
          <Radio.Group
            label={t('analytics.reports.chart')}
            value={chart}
            onChange={(value) => {
              const next = REPORT_CHARTS.find((c) => c === value);
              if (next) setChart(next);
            }}
          >
            <Group gap="md" mt={4}>
              {REPORT_CHARTS.map((c) => (
                <Radio key={c} value={c} label={t(`analytics.reports.charts.${c}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Checkbox.Group
            label={t('analytics.reports.shareWith')}
            description={t('analytics.reports.shareHint')}
            value={sharedRoles}
            onChange={(values) => setSharedRoles(ROLES.filter((r) => values.includes(r)))}
          >
            <Group gap="md" mt={4}>
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label={t('analytics.reports.pin')}
            checked={pinned}
            onChange={(e) => setPinned(e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Paper component="section" aria-label={t('analytics.reports.preview')} withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('analytics.reports.preview')}
        </Title>
        {metrics.length === 0 ? (
          <Text c="dimmed">{t('analytics.reports.previewHint')}</Text>
        ) : preview.isError ? (
          <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
        ) : !preview.data ? (
          <Loading />
        ) : (
          <ReportResult
            title={name.trim() || t('analytics.reports.preview')}
            result={preview.data}
            chart={chart}
            stale={preview.isPlaceholderData}
          />
        )}
      </Paper>
    </Stack>
  );
}

export function ReportBuilderPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id === undefined ? null : Number(params.id);
  const editing = id !== null && Number.isInteger(id) && id > 0;
  const report = useReport(id ?? 0, editing);
  const catalogue = useMetricCatalogue();
  const title = editing
    ? t('analytics.titles.editReport', { name: report.data?.name ?? '' })
    : t('analytics.titles.newReport');
  const error = catalogue.error ?? (editing ? report.error : null);

  return (
    <>
      <PageHeader title={title} />
      <SectionNav search="" />
      {error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void catalogue.refetch();
            if (editing) void report.refetch();
          }}
        />
      ) : !catalogue.data || (editing && !report.data) ? (
        <Loading />
      ) : (
        <ReportForm key={id ?? 'new'} report={editing ? (report.data ?? null) : null} catalogue={catalogue.data} />
      )}
    </>
  );
}
