// Scheduled reports (/analytics/schedules): my schedules (an admin sees everyone's), when each goes
// out next and how the last run went; each can be edited, previewed to me, sent now, paused or deleted.
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { useFormatDateTime } from '../../i18n/format';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type Schedule, useDeleteSchedule, useSaveSchedule, useSchedules, useSendSchedule } from '../api';
import { SectionNav } from '../components/SectionNav';
import { formatPeriod } from '../format';
import { whenLabel } from '../schedules';

function NewScheduleButton() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/analytics/schedules/new">
      {t('analytics.schedules.new')}
    </Button>
  );
}

function EmptyState() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" maw={720}>
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h4">
          {t('analytics.schedules.emptyTitle')}
        </Title>
        <Text>{t('analytics.schedules.empty')}</Text>
        <NewScheduleButton />
      </Stack>
    </Paper>
  );
}

function ScheduleActions({ schedule }: { schedule: Schedule }) {
  const { t, i18n } = useTranslation();
  const send = useSendSchedule();
  const save = useSaveSchedule();
  const remove = useDeleteSchedule();
  const { name } = schedule;

  const preview = () =>
    send.mutate(
      { id: schedule.id, to: 'me' },
      {
        onSuccess: (sent) =>
          notifications.show({
            color: 'green',
            message: t('analytics.schedules.previewSent', {
              period: formatPeriod(sent, i18n.language),
              to: sent.sentTo.join(', '),
            }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  const toggle = () =>
    save.mutate(
      { id: schedule.id, body: { enabled: !schedule.enabled } },
      {
        onSuccess: ({ schedule: saved }) =>
          notifications.show({
            color: 'green',
            message: t(saved.enabled ? 'analytics.schedules.resumedNotice' : 'analytics.schedules.pausedNotice', {
              name,
            }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );

  return (
    <Group gap="xs" wrap="wrap">
      <Button
        component={Link}
        to={`/analytics/schedules/${schedule.id}/edit`}
        size="xs"
        variant="light"
        aria-label={t('analytics.schedules.editOf', { name })}
      >
        {t('common.edit')}
      </Button>
      <Button
        size="xs"
        variant="light"
        onClick={preview}
        loading={send.isPending && send.variables?.to === 'me'}
        aria-label={t('analytics.schedules.previewOf', { name })}
      >
        {t('analytics.schedules.preview')}
      </Button>
      <ConfirmButton
        color="blue"
        confirmColor="blue"
        label={t('analytics.schedules.sendNow')}
        ariaLabel={t('analytics.schedules.sendNowOf', { name })}
        title={t('analytics.schedules.sendNowTitle')}
        message={t('analytics.schedules.sendNowMessage', { name, recipients: schedule.recipients.join(', ') })}
        confirmLabel={t('analytics.schedules.sendNowConfirm')}
        pending={send.isPending && send.variables?.to === 'recipients'}
        error={send.variables?.to === 'recipients' ? send.error : null}
        onConfirm={() =>
          send.mutateAsync({ id: schedule.id, to: 'recipients' }).then((sent) =>
            notifications.show({
              color: 'green',
              message: t('analytics.schedules.sentNow', {
                name,
                period: formatPeriod(sent, i18n.language),
                recipients: sent.sentTo.join(', '),
              }),
            }),
          )
        }
      />
      <Button
        size="xs"
        variant="light"
        color="gray"
        onClick={toggle}
        loading={save.isPending}
        aria-label={t(schedule.enabled ? 'analytics.schedules.pauseOf' : 'analytics.schedules.resumeOf', { name })}
      >
        {t(schedule.enabled ? 'analytics.schedules.pause' : 'analytics.schedules.resume')}
      </Button>
      <ConfirmButton
        label={t('common.delete')}
        ariaLabel={t('analytics.schedules.deleteOf', { name })}
        title={t('analytics.schedules.deleteTitle')}
        message={t('analytics.schedules.deleteMessage', { name })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove
            .mutateAsync(schedule.id)
            .then(() => notifications.show({ color: 'green', message: t('analytics.schedules.deleted') }))
        }
      />
    </Group>
  );
}

export function SchedulesPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const schedules = useSchedules();
  const formatDateTime = useFormatDateTime();

  return (
    <>
      <PageHeader
        title={t('analytics.titles.schedules')}
        actions={schedules.data && schedules.data.length > 0 && <NewScheduleButton />}
      />
      <SectionNav search="" />
      {schedules.isPending ? (
        <Loading />
      ) : schedules.isError ? (
        <ErrorAlert error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : schedules.data.length === 0 ? (
        <EmptyState />
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table striped highlightOnHover aria-label={t('analytics.schedules.list')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.schedules.columns.name')}</Table.Th>
                <Table.Th>{t('analytics.schedules.columns.content')}</Table.Th>
                <Table.Th>{t('analytics.schedules.columns.when')}</Table.Th>
                <Table.Th>{t('analytics.schedules.columns.recipients')}</Table.Th>
                <Table.Th>{t('analytics.schedules.columns.language')}</Table.Th>
                <Table.Th>{t('analytics.schedules.columns.nextRun')}</Table.Th>
                <Table.Th>{t('analytics.schedules.columns.lastSent')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schedules.data.map((schedule) => (
                <Table.Tr key={schedule.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/analytics/schedules/${schedule.id}/edit`} size="sm" fw={500}>
                      {schedule.name}
                    </Anchor>
                    {schedule.ownerId !== me.id && (
                      <Text size="xs" c="dimmed">
                        {t('analytics.schedules.byOwner', { owner: schedule.ownerName })}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    {schedule.reportId === null ? (
                      t('analytics.schedules.overview')
                    ) : (
                      <Anchor component={Link} to={`/analytics/reports/${schedule.reportId}`} size="sm">
                        {schedule.reportName ?? `#${schedule.reportId}`}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{whenLabel(schedule, t, i18n.language)}</Text>
                    <Text size="xs" c="dimmed">
                      {t('analytics.schedules.covers', {
                        period: t(`analytics.schedules.periods.${schedule.period}`),
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {schedule.recipients.map((address) => (
                      <Text key={address} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {address}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{t(`languages.${schedule.locale}`)}</Table.Td>
                  <Table.Td>
                    {schedule.enabled && schedule.nextRunAt ? (
                      formatDateTime(schedule.nextRunAt)
                    ) : (
                      <Badge variant="light" color="gray">
                        {t('analytics.schedules.paused')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {formatDateTime(schedule.lastSentAt)}
                    {schedule.lastError && (
                      <Alert color="yellow" variant="light" p={6} mt={4} role="status">
                        <Text size="xs">{t('analytics.schedules.lastError', { error: schedule.lastError })}</Text>
                      </Alert>
                    )}
                  </Table.Td>
                  <Table.Td miw={240}>
                    <ScheduleActions schedule={schedule} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
