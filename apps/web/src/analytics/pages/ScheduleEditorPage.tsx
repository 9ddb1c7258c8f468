// The schedule editor (/analytics/schedules/new, /analytics/schedules/:id/edit): what goes out (the
// overview or a saved report), when (weekly or monthly, the hour in a time zone), in which language,
// covering which period, to whom; `?report=ID` preselects a saved report.
import { Button, Checkbox, Group, Radio, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { isLocale } from '../../i18n';
import { ApiError, fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { PageHeader } from '../../ui/PageHeader';
import { TimeZoneSelect } from '../../ui/TimeZoneSelect';
import {
  type Report,
  SCHEDULE_FREQUENCIES,
  SCHEDULE_PERIODS,
  type Schedule,
  useReports,
  useSaveSchedule,
  useSchedule,
} from '../api';
import { SectionNav } from '../components/SectionNav';
import { hourName, weekdayName } from '../format';
import {
  contentValue,
  defaultSchedulePeriod,
  MAX_RECIPIENTS,
  OVERVIEW,
  recipientsFieldError,
  recipientsProblem,
  reportIdOf,
  type ScheduleForm,
  scheduleFormOf,
  schedulePayload,
  whenLabel,
} from '../schedules';

interface FormProps {
  schedule: Schedule | null;
  reports: Report[];
  preselected: number | null;
}

function ScheduleEditor({ schedule, reports, preselected }: FormProps) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const save = useSaveSchedule();
  const language = i18n.language;
  const [form, setForm] = useState<ScheduleForm>(() =>
    scheduleFormOf(schedule, {
      timeZone: me.timeZone,
      locale: isLocale(language) ? language : me.locale,
      reportId: preselected,
      name: reports.find((r) => r.id === preselected)?.name,
    }),
  );
  // The period follows the frequency until someone picks one that does not.
  const [periodChosen, setPeriodChosen] = useState(
    schedule !== null && schedule.period !== defaultSchedulePeriod(schedule.frequency),
  );
  const [checked, setChecked] = useState(false);
  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const contentChoices = useMemo(() => {
    const choices = [
      { value: OVERVIEW, label: t('analytics.schedules.overviewDashboard') },
      ...reports.map((r) => ({ value: String(r.id), label: r.name })),
    ];
    // A report no longer among mine (unshared since) stays choosable as it is saved.
    if (schedule?.reportId != null && !reports.some((r) => r.id === schedule.reportId)) {
      choices.push({ value: String(schedule.reportId), label: schedule.reportName ?? `#${schedule.reportId}` });
    }
    return choices;
  }, [reports, schedule, t]);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d, language) }));
  const days = Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  const hours = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourName(h, language) }));

  const nameMissing = form.name.trim() === '';
  const recipientsError = recipientsProblem(form.recipients, t);
  // An address that is not one shows at once; an empty list only after trying to save.
  const showRecipientsError = recipientsError !== null && (checked || form.recipients.length > 0);
  const serverFields =
    save.error instanceof ApiError && save.error.code === 'validation_failed' ? save.error.fields : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (nameMissing || recipientsError) return;
    save.mutate(
      { id: schedule?.id ?? null, body: schedulePayload(form) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('analytics.schedules.saved') });
          void navigate('/analytics/schedules');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={720}>
        <ErrorAlert error={save.error} />
        <TextInput
          label={t('analytics.schedules.name')}
          description={t('analytics.schedules.nameHint')}
          required
          value={form.name}
          maxLength={200}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={(checked && nameMissing && t('analytics.schedules.nameRequired')) || fieldError(save.error, 'name')}
        />
        <Select
          label={t('analytics.schedules.content')}
          description={t('analytics.schedules.contentHint')}
          allowDeselect={false}
          searchable
          value={contentValue(form.reportId)}
          onChange={(value) => set('reportId', reportIdOf(value))}
          data={contentChoices}
          error={fieldError(save.error, 'reportId')}
        />
        <Radio.Group
          label={t('analytics.schedules.frequency')}
          value={form.frequency}
          onChange={(value) => {
            const frequency = SCHEDULE_FREQUENCIES.find((f) => f === value);
            if (!frequency) return;
            setForm((f) => ({
              ...f,
              frequency,
              period: periodChosen ? f.period : defaultSchedulePeriod(frequency),
            }));
          }}
        >
          <Group gap="md" mt={4}>
            {SCHEDULE_FREQUENCIES.map((f) => (
              <Radio key={f} value={f} label={t(`analytics.schedules.frequencies.${f}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Group gap="sm" align="flex-start" grow>
          {form.frequency === 'weekly' ? (
            <Select
              label={t('analytics.schedules.weekday')}
              allowDeselect={false}
              value={String(form.weekday)}
              onChange={(value) => value && set('weekday', Number(value))}
              data={weekdays}
              error={fieldError(save.error, 'weekday')}
            />
          ) : (
            <Select
              label={t('analytics.schedules.dayOfMonth')}
              description={t('analytics.schedules.dayOfMonthHint')}
              allowDeselect={false}
              value={String(form.dayOfMonth)}
              onChange={(value) => value && set('dayOfMonth', Number(value))}
              data={days}
              error={fieldError(save.error, 'dayOfMonth')}
            />
          )}
          <Select
            label={t('analytics.schedules.hour')}
            allowDeselect={false}
            value={String(form.hour)}
            onChange={(value) => value && set('hour', Number(value))}
            data={hours}
            error={fieldError(save.error, 'hour')}
          />
        </Group>
        <TimeZoneSelect
          value={form.timeZone}
          keep={schedule?.timeZone ?? me.timeZone}
          onChange={(timeZone) => set('timeZone', timeZone)}
          error={fieldError(save.error, 'timeZone')}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {whenLabel(form, t, language)}
        </Text>
        <Select
          label={t('analytics.schedules.period')}
          allowDeselect={false}
          value={form.period}
          onChange={(value) => {
            const period = SCHEDULE_PERIODS.find((p) => p === value);
            if (!period) return;
            setPeriodChosen(true);
            set('period', period);
          }}
          data={SCHEDULE_PERIODS.map((p) => ({ value: p, label: t(`analytics.schedules.periods.${p}`) }))}
          error={fieldError(save.error, 'period')}
        />
        <LocaleSelect
          label={t('analytics.schedules.locale')}
          value={form.locale}
          onChange={(locale) => set('locale', locale)}
          error={fieldError(save.error, 'locale')}
        />
        <TagsInput
          label={t('analytics.schedules.recipients')}
          description={t('analytics.schedules.recipientsHint')}
          placeholder={form.recipients.length === 0 ? t('analytics.schedules.recipientsPlaceholder') : undefined}
          required
          value={form.recipients}
          onChange={(values) => set('recipients', values)}
          splitChars={[',', ';', ' ']}
          maxTags={MAX_RECIPIENTS}
          clearable
          error={
            (showRecipientsError && recipientsError) ||
            recipientsFieldError(serverFields, save.variables?.body.recipients ?? [])
          }
        />
        <Checkbox
          label={t('analytics.schedules.enabled')}
          description={t('analytics.schedules.enabledHint')}
          checked={form.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button component={Link} to="/analytics/schedules" variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ScheduleEditorPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [search] = useSearchParams();
  const id = params.id === undefined ? null : Number(params.id);
  const editing = id !== null && Number.isInteger(id) && id > 0;
  const schedule = useSchedule(id ?? 0, editing);
  const reports = useReports();
  const title = editing
    ? t('analytics.titles.editSchedule', { name: schedule.data?.name ?? '' })
    : t('analytics.titles.newSchedule');
  const error = reports.error ?? (editing ? schedule.error : null);
  const asked = reportIdOf(search.get('report'));
  const preselected = asked !== null && reports.data?.some((r) => r.id === asked) ? asked : null;

  return (
    <>
      <PageHeader title={title} />
      <SectionNav search="" />
      {error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void reports.refetch();
            if (editing) void schedule.refetch();
          }}
        />
      ) : !reports.data || (editing && !schedule.data) ? (
        <Loading />
      ) : (
        <ScheduleEditor
          key={id ?? 'new'}
          schedule={editing ? (schedule.data ?? null) : null}
          reports={reports.data}
          preselected={preselected}
        />
      )}
    </>
  );
}
