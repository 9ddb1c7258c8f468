import { Button, Checkbox, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../i18n';
import { timeZones } from '../../i18n/format';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type Settings, useSettings, useUpdateSettings } from '../api';

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const [form, setForm] = useState<Settings>(settings);
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(form.defaultTimeZone) ? all : [form.defaultTimeZone, ...all];
  }, [form.defaultTimeZone]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { ...form, companyName: form.companyName.trim() },
      { onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={480}>
        <ErrorAlert error={update.error} />
        <TextInput
          label={t('admin.settings.companyName')}
          required
          value={form.companyName}
          onChange={(e) => {
            const companyName = e.currentTarget.value;
            setForm((f) => ({ ...f, companyName }));
          }}
          error={fieldError(update.error, 'companyName')}
        />
        <Select
          label={t('admin.settings.defaultLocale')}
          description={t('admin.settings.defaultLocaleHint')}
          allowDeselect={false}
          value={form.defaultLocale}
          onChange={(value) => {
            if (isLocale(value)) setForm((f) => ({ ...f, defaultLocale: value }));
          }}
          data={[
            { value: 'en', label: t('languages.en') },
            { value: 'hi', label: t('languages.hi') },
          ]}
          error={fieldError(update.error, 'defaultLocale')}
        />
        <Select
          label={t('admin.settings.defaultTimeZone')}
          description={t('admin.settings.defaultTimeZoneHint')}
          searchable
          allowDeselect={false}
          value={form.defaultTimeZone}
          onChange={(value) => {
            if (value) setForm((f) => ({ ...f, defaultTimeZone: value }));
          }}
          data={zones}
          limit={100}
          error={fieldError(update.error, 'defaultTimeZone')}
        />
        <NumberInput
          label={t('admin.settings.ticketAutoCloseDays')}
          description={t('admin.settings.ticketAutoCloseDaysHint')}
          min={1}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={form.ticketAutoCloseDays}
          onChange={(value) => {
            if (typeof value === 'number') setForm((f) => ({ ...f, ticketAutoCloseDays: value }));
          }}
          error={fieldError(update.error, 'ticketAutoCloseDays')}
        />
        <NumberInput
          label={t('admin.settings.analyticsAlertThresholdPct')}
          description={t('admin.settings.analyticsAlertThresholdPctHint')}
          min={1}
          max={500}
          allowDecimal={false}
          allowNegative={false}
          value={form.analyticsAlertThresholdPct}
          onChange={(value) => {
            if (typeof value === 'number') setForm((f) => ({ ...f, analyticsAlertThresholdPct: value }));
          }}
          error={fieldError(update.error, 'analyticsAlertThresholdPct')}
        />
        <NumberInput
          label={t('admin.settings.analyticsAlertMinVolume')}
          description={t('admin.settings.analyticsAlertMinVolumeHint')}
          min={1}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          value={form.analyticsAlertMinVolume}
          onChange={(value) => {
            if (typeof value === 'number') setForm((f) => ({ ...f, analyticsAlertMinVolume: value }));
          }}
          error={fieldError(update.error, 'analyticsAlertMinVolume')}
        />
        <Checkbox
          label={t('admin.settings.webhookAllowPrivateTargets')}
          description={t('admin.settings.webhookAllowPrivateTargetsHint')}
          checked={form.webhookAllowPrivateTargets}
          onChange={(e) => {
            const webhookAllowPrivateTargets = e.currentTarget.checked;
            setForm((f) => ({ ...f, webhookAllowPrivateTargets }));
          }}
        />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <>
      <PageHeader title={t('admin.settings.title')} />
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        // A change saved elsewhere (live update) starts the form afresh.
        <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />
      )}
    </>
  );
}
