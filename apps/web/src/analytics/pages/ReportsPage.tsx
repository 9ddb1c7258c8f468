// Saved reports (/analytics/reports): mine and those shared with my role; each opens, and its owner (or
// an admin) edits or deletes it.
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../auth/session';
import { useFormatDateTime } from '../../i18n/format';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useDeleteReport, useReports } from '../api';
import { SectionNav } from '../components/SectionNav';
import { periodLabel } from '../reports';

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const reports = useReports();
  const remove = useDeleteReport();
  const formatDateTime = useFormatDateTime();
  const me = useCurrentUser();

  return (
    <>
      <PageHeader
        title={t('analytics.titles.reports')}
        actions={
          <>
            {can.scheduleReports(me.role) && (
              <Button component={Link} to="/analytics/schedules" variant="light">
                {t('analytics.schedules.open')}
              </Button>
            )}
            <Button component={Link} to="/analytics/reports/new">
              {t('analytics.reports.new')}
            </Button>
          </>
        }
      />
      <SectionNav search="" />
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.length === 0 ? (
        <Text c="dimmed">{t('analytics.reports.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover aria-label={t('analytics.reports.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.reports.columns.name')}</Table.Th>
                <Table.Th>{t('analytics.reports.columns.owner')}</Table.Th>
                <Table.Th>{t('analytics.reports.columns.period')}</Table.Th>
                <Table.Th>{t('analytics.reports.columns.sharedWith')}</Table.Th>
                <Table.Th>{t('analytics.reports.columns.pinned')}</Table.Th>
                <Table.Th>{t('analytics.reports.columns.updated')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.data.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/analytics/reports/${report.id}`} size="sm" fw={500}>
                      {report.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{report.ownerName}</Table.Td>
                  <Table.Td>{periodLabel(report.definition.period, t, i18n.language)}</Table.Td>
                  <Table.Td>
                    {report.sharedRoles.length === 0
                      ? t('analytics.reports.notShared')
                      : report.sharedRoles.map((role) => t(`roles.${role}`)).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    {report.pinned ? (
                      <Badge variant="light">{t('analytics.reports.pinned')}</Badge>
                    ) : (
                      t('analytics.reports.notPinned')
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(report.updatedAt)}</Table.Td>
                  <Table.Td>
                    {report.editable && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          component={Link}
                          to={`/analytics/reports/${report.id}/edit`}
                          size="xs"
                          variant="light"
                          aria-label={t('analytics.reports.editOf', { name: report.name })}
                        >
                          {t('common.edit')}
                        </Button>
                        <ConfirmButton
                          label={t('common.delete')}
                          ariaLabel={t('analytics.reports.deleteOf', { name: report.name })}
                          title={t('analytics.reports.deleteTitle')}
                          message={t('analytics.reports.deleteMessage', { name: report.name })}
                          confirmLabel={t('common.delete')}
                          pending={remove.isPending}
                          error={remove.error}
                          onConfirm={() =>
                            remove
                              .mutateAsync(report.id)
                              .then(() =>
                                notifications.show({ color: 'green', message: t('analytics.reports.deleted') }),
                              )
                          }
                        />
                      </Group>
                    )}
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
