// Surveys (/admin/surveys): when the CSAT survey goes out after a solve and to which tickets, the
// periodic NPS survey, their mail texts in English and Hindi, and where "forward to product" sends a
// comment. Admins and managers.
import {
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../i18n';
import { fieldError } from '../../lib/api';
import { useTeams } from '../../people/api';
import { TICKET_CHANNELS, type TicketChannel } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type LocalizedSurveyTexts, type SurveySettings, useSaveSurveySettings, useSurveySettings } from '../api';
import {
  formFromSettings,
  SURVEY_PLACEHOLDERS,
  SURVEY_TEXT_FIELDS,
  type SurveySettingsForm,
  settingsBody,
} from '../settings';

const TEXT_MAX = 2000;
const asNumber = (value: number | string) => (typeof value === 'number' ? value : Number(value));

function TextsFields({
  scope,
  texts,
  onChange,
  error,
}: {
  scope: 'csat' | 'nps';
  texts: LocalizedSurveyTexts;
  onChange: (texts: LocalizedSurveyTexts) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('feedback.settings.placeholders', { list: SURVEY_PLACEHOLDERS.join(', ') })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {LOCALES.map((lng) => (
          <Stack key={lng} gap="xs" lang={lng}>
            <Text fw={600} size="sm">
              {t(`languages.${lng}`)}
            </Text>
            {SURVEY_TEXT_FIELDS.map((field) => {
              const props = {
                label: t(`feedback.settings.text.${field}`),
                value: texts[lng][field],
                onChange: (e: { currentTarget: { value: string } }) =>
                  onChange({ ...texts, [lng]: { ...texts[lng], [field]: e.currentTarget.value } }),
                error: fieldError(error, `${scope}.texts.${lng}.${field}`),
                maxLength: TEXT_MAX,
                required: true,
              };
              return field === 'intro' ? (
                <Textarea key={field} {...props} autosize minRows={3} />
              ) : (
                <TextInput key={field} {...props} />
              );
            })}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Which teams' and channels' tickets a survey is about (none chosen: all of them). */
function ScopeFields({
  scope,
  onChange,
  teams,
  err,
}: {
  scope: { teamIds: number[]; channels: TicketChannel[] };
  onChange: (patch: { teamIds?: number[]; channels?: TicketChannel[] }) => void;
  teams: { id: number; name: string }[];
  err: (field: 'teamIds' | 'channels') => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <MultiSelect
        label={t('feedback.settings.csat.teams')}
        placeholder={scope.teamIds.length ? undefined : t('feedback.settings.csat.allTeams')}
        value={scope.teamIds.map(String)}
        onChange={(v) => onChange({ teamIds: v.map(Number) })}
        data={teams.map((team) => ({ value: String(team.id), label: team.name }))}
        error={err('teamIds')}
        searchable
        clearable
      />
      <MultiSelect
        label={t('feedback.settings.csat.channels')}
        placeholder={scope.channels.length ? undefined : t('feedback.settings.csat.allChannels')}
        value={scope.channels}
        onChange={(v) => onChange({ channels: TICKET_CHANNELS.filter((c): c is TicketChannel => v.includes(c)) })}
        data={TICKET_CHANNELS.map((c) => ({ value: c, label: t(`tickets.channel.${c}`) }))}
        error={err('channels')}
        clearable
      />
    </Group>
  );
}

function SettingsForm({ current }: { current: SurveySettings }) {
  const { t } = useTranslation();
  const save = useSaveSurveySettings();
  const teams = useTeams();
  const [form, setForm] = useState<SurveySettingsForm>(() => formFromSettings(current));
  const setCsat = (patch: Partial<SurveySettingsForm['csat']>) =>
    setForm((f) => ({ ...f, csat: { ...f.csat, ...patch } }));
  const setNps = (patch: Partial<SurveySettingsForm['nps']>) => setForm((f) => ({ ...f, nps: { ...f.nps, ...patch } }));
  const setProduct = (patch: Partial<SurveySettingsForm['productFeedback']>) =>
    setForm((f) => ({ ...f, productFeedback: { ...f.productFeedback, ...patch } }));
  const err = (field: string) => fieldError(save.error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(settingsBody(form), {
      onSuccess: () => notifications.show({ color: 'green', message: t('feedback.settings.saved') }),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={save.error} />

        <Card withBorder padding="md" component="section" aria-labelledby="survey-csat">
          <Stack gap="sm">
            <Title order={3} size="h4" id="survey-csat">
              {t('feedback.settings.csat.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('feedback.settings.csat.help')}
            </Text>
            <Switch
              label={t('feedback.settings.csat.enabled')}
              checked={form.csat.enabled}
              onChange={(e) => setCsat({ enabled: e.currentTarget.checked })}
            />
            <Group grow align="flex-start">
              <NumberInput
                label={t('feedback.settings.csat.delay')}
                description={t('feedback.settings.csat.delayHint')}
                value={form.csat.delayMinutes}
                onChange={(v) => setCsat({ delayMinutes: asNumber(v) })}
                min={0}
                max={10080}
                allowDecimal={false}
                error={err('csat.delayMinutes')}
                required
              />
              <NumberInput
                label={t('feedback.settings.csat.expiry')}
                description={t('feedback.settings.csat.expiryHint')}
                value={form.csat.expiryDays}
                onChange={(v) => setCsat({ expiryDays: asNumber(v) })}
                min={1}
                max={90}
                allowDecimal={false}
                error={err('csat.expiryDays')}
                required
              />
            </Group>
            <ScopeFields scope={form.csat} onChange={setCsat} teams={teams.data ?? []} err={(f) => err(`csat.${f}`)} />
            <TextsFields
              scope="csat"
              texts={form.csat.texts}
              onChange={(texts) => setCsat({ texts })}
              error={save.error}
            />
          </Stack>
        </Card>

        <Card withBorder padding="md" component="section" aria-labelledby="survey-nps">
          <Stack gap="sm">
            <Title order={3} size="h4" id="survey-nps">
              {t('feedback.settings.nps.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('feedback.settings.nps.help')}
            </Text>
            <Switch
              label={t('feedback.settings.nps.enabled')}
              checked={form.nps.enabled}
              onChange={(e) => setNps({ enabled: e.currentTarget.checked })}
            />
            <Group grow align="flex-start">
              <NumberInput
                label={t('feedback.settings.nps.period')}
                description={t('feedback.settings.nps.periodHint')}
                value={form.nps.periodDays}
                onChange={(v) => setNps({ periodDays: asNumber(v) })}
                min={7}
                max={365}
                allowDecimal={false}
                error={err('nps.periodDays')}
                required
              />
              <NumberInput
                label={t('feedback.settings.nps.throttle')}
                description={t('feedback.settings.nps.throttleHint')}
                value={form.nps.throttleDays}
                onChange={(v) => setNps({ throttleDays: asNumber(v) })}
                min={30}
                max={365}
                allowDecimal={false}
                error={err('nps.throttleDays')}
                required
              />
            </Group>
            <ScopeFields scope={form.nps} onChange={setNps} teams={teams.data ?? []} err={(f) => err(`nps.${f}`)} />
            <TextsFields
              scope="nps"
              texts={form.nps.texts}
              onChange={(texts) => setNps({ texts })}
              error={save.error}
            />
          </Stack>
        </Card>

        <Card withBorder padding="md" component="section" aria-labelledby="survey-product">
          <Stack gap="sm">
            <Title order={3} size="h4" id="survey-product">
              {t('feedback.settings.product.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('feedback.settings.product.help')}
            </Text>
            <Group grow align="flex-start">
              <TextInput
                type="email"
                label={t('feedback.settings.product.email')}
                placeholder="product@example.com"
                value={form.productFeedback.email}
                onChange={(e) => setProduct({ email: e.currentTarget.value })}
                error={err('productFeedback.email')}
                dir="ltr"
              />
              <TextInput
                type="url"
                label={t('feedback.settings.product.webhook')}
                placeholder="https://example.com/hooks/feedback"
                value={form.productFeedback.webhookUrl}
                onChange={(e) => setProduct({ webhookUrl: e.currentTarget.value })}
                error={err('productFeedback.webhookUrl')}
                dir="ltr"
              />
            </Group>
          </Stack>
        </Card>

        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SurveySettingsPage() {
  const { t } = useTranslation();
  const settings = useSurveySettings();
  return (
    <>
      <PageHeader title={t('feedback.settings.title')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('feedback.settings.help')}
      </Text>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm current={settings.data} />
      )}
    </>
  );
}
