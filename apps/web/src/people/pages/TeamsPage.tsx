// Teams: admins and managers create, edit and delete; everyone else reads.
import { Button, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../auth/session';
import { EditDeleteActions } from '../../ui/EditDeleteActions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type Team, useAllUsers, useDeleteTeam, useTeams } from '../api';
import { TeamFormModal } from '../components/TeamFormModal';

export function TeamsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const editable = can.editTeams(me.role);
  const teams = useTeams();
  const users = useAllUsers();
  const remove = useDeleteTeam();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);

  const error = teams.error ?? users.error;
  return (
    <>
      <PageHeader
        title={t('people.teams.title')}
        actions={
          editable && (
            <Button onClick={() => setEditing('new')} disabled={!users.data}>
              {t('people.teams.new')}
            </Button>
          )
        }
      />
      {teams.isPending || users.isPending ? (
        <Loading />
      ) : error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void teams.refetch();
            void users.refetch();
          }}
        />
      ) : teams.data?.length === 0 ? (
        <Text c="dimmed">{t('people.teams.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.teams.name')}</Table.Th>
                <Table.Th>{t('people.teams.description')}</Table.Th>
                <Table.Th>{t('people.teams.lead')}</Table.Th>
                <Table.Th>{t('people.teams.members')}</Table.Th>
                <Table.Th>{t('people.teams.assignmentMode')}</Table.Th>
                <Table.Th>{t('escalation.tier.column')}</Table.Th>
                {editable && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data?.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td>{team.name}</Table.Td>
                  <Table.Td>{team.description || '—'}</Table.Td>
                  <Table.Td>{(team.leadId && names.get(team.leadId)) || '—'}</Table.Td>
                  <Table.Td>
                    {team.memberIds.length === 0
                      ? '—'
                      : team.memberIds.map((id) => names.get(id) ?? t('people.teams.unknownUser')).join(', ')}
                  </Table.Td>
                  <Table.Td>{t(`people.teams.assignmentModes.${team.assignmentMode ?? 'manual'}`)}</Table.Td>
                  <Table.Td>{t('escalation.tier.name', { n: team.tier ?? 1 })}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <EditDeleteActions
                        editLabel={t('people.teams.editNamed', { name: team.name })}
                        onEdit={() => setEditing(team)}
                        deleteLabel={t('people.teams.deleteNamed', { name: team.name })}
                        deleteTitle={t('people.teams.deleteTitle')}
                        deleteMessage={t('people.teams.deleteMessage', { name: team.name })}
                        onDelete={() => remove.mutateAsync(team.id)}
                        pending={remove.isPending}
                        error={remove.error}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && users.data && (
        <TeamFormModal
          key={editing === 'new' ? 'new' : editing.id}
          team={editing === 'new' ? null : editing}
          users={users.data}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
