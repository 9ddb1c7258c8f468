// Business calendars (/admin/calendars): the working hours and holidays that SLA clocks and the
// business-hours figures count in, and which teams use each. Admins and managers change them.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../people/api';
import { EditDeleteActions } from '../../ui/EditDeleteActions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type Calendar, useCalendars, useDeleteCalendar } from '../api';
import { CalendarFormModal } from '../components/CalendarFormModal';
import { weekSummary } from '../hours';

export function CalendarsPage() {
  const { t, i18n } = useTranslation();
  const calendars = useCalendars();
  const teams = useTeams();
  const remove = useDeleteCalendar();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const teamName = (id: number) => teams.data?.find((team) => team.id === id)?.name ?? `#${id}`;

  return (
    <>
      <PageHeader
        title={t('sla.calendars.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('sla.calendars.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('sla.calendars.help')}
      </Text>
      {calendars.isPending ? (
        <Loading />
      ) : calendars.isError ? (
        <ErrorAlert error={calendars.error} onRetry={() => void calendars.refetch()} />
      ) : calendars.data.length === 0 ? (
        <Text c="dimmed">{t('sla.calendars.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover aria-label={t('sla.calendars.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sla.calendars.name')}</Table.Th>
                <Table.Th>{t('sla.calendars.hours')}</Table.Th>
                <Table.Th>{t('sla.calendars.timeZone')}</Table.Th>
                <Table.Th>{t('sla.calendars.holidays')}</Table.Th>
                <Table.Th>{t('sla.calendars.teams')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calendars.data.map((cal) => (
                <Table.Tr key={cal.id}>
                  <Table.Th scope="row">
                    <Group gap="xs" wrap="nowrap">
                      {cal.name}
                      {cal.isDefault && (
                        <Badge size="sm" variant="light">
                          {t('sla.calendars.default')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{weekSummary(cal.hours, i18n.language)}</Text>
                    <Text size="xs" c="dimmed">
                      {t('sla.calendars.weeklyHours', { hours: cal.weeklyHours })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{cal.timeZone}</Table.Td>
                  <Table.Td>{cal.holidays.length}</Table.Td>
                  <Table.Td>
                    {cal.teamIds.length > 0 ? cal.teamIds.map(teamName).join(', ') : <Text c="dimmed">—</Text>}
                  </Table.Td>
                  <Table.Td>
                    <EditDeleteActions
                      editLabel={t('sla.calendars.editNamed', { name: cal.name })}
                      onEdit={() => setEditing(cal)}
                      deleteLabel={t('sla.calendars.deleteNamed', { name: cal.name })}
                      deleteTitle={t('sla.calendars.deleteTitle')}
                      deleteMessage={t('sla.calendars.deleteMessage', { name: cal.name })}
                      onDelete={() => remove.mutateAsync(cal.id)}
                      deleted={t('sla.calendars.deleted')}
                      pending={remove.isPending}
                      error={remove.error}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <CalendarFormModal
          key={editing === 'new' ? 'new' : editing.id}
          calendar={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
