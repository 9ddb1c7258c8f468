// Users: everyone in the company; admins create and edit, managers read.
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../auth/api';
import { can, useCurrentUser } from '../../auth/session';
import { useFormatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type UserFilter, useTeams, useUsers } from '../api';
import { UserFormModal } from '../components/UserFormModal';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const editable = can.editUsers(me.role);
  const formatDateTime = useFormatDateTime();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [role, setRole] = useState<UserFilter['role']>('');
  const [active, setActive] = useState<UserFilter['active']>('');
  const users = useUsers({ q: debouncedQ, role, active });
  const teams = useTeams();
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const teamNames = useMemo(() => new Map((teams.data ?? []).map((team) => [team.id, team.name])), [teams.data]);
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('people.users.title')}
        actions={editable && <Button onClick={() => setEditing('new')}>{t('people.users.new')}</Button>}
      />
      <Stack gap="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('common.search')}
            placeholder={t('people.users.searchPlaceholder')}
            type="search"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={280}
          />
          <Select
            label={t('people.users.role')}
            value={role || 'all'}
            allowDeselect={false}
            onChange={(value) => setRole(ROLES.includes(value as Role) ? (value as Role) : '')}
            data={[
              { value: 'all', label: t('people.users.allRoles') },
              ...ROLES.map((value) => ({ value, label: t(`roles.${value}`) })),
            ]}
            w={180}
          />
          <Select
            label={t('common.status')}
            value={active || 'all'}
            allowDeselect={false}
            onChange={(value) => setActive(value === 'true' || value === 'false' ? value : '')}
            data={[
              { value: 'all', label: t('people.users.allStatuses') },
              { value: 'true', label: t('people.users.active') },
              { value: 'false', label: t('people.users.inactive') },
            ]}
            w={180}
          />
        </Group>

        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
        ) : rows.length === 0 ? (
          <Text c="dimmed">{t('people.users.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('auth.fields.name')}</Table.Th>
                  <Table.Th>{t('auth.fields.email')}</Table.Th>
                  <Table.Th>{t('people.users.role')}</Table.Th>
                  <Table.Th>{t('people.users.teams')}</Table.Th>
                  <Table.Th>{t('people.users.capacity')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('people.users.lastLogin')}</Table.Th>
                  {editable && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.name}</Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                    <Table.Td>
                      {user.teamIds
                        .map((id) => teamNames.get(id))
                        .filter(Boolean)
                        .join(', ') || '—'}
                    </Table.Td>
                    <Table.Td>{user.capacity ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={user.active ? 'green' : 'gray'} variant="light" miw="max-content">
                        {user.active ? t('people.users.active') : t('people.users.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(user.lastLoginAt)}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setEditing(user)}
                          aria-label={t('people.users.editNamed', { name: user.name })}
                        >
                          {t('common.edit')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {users.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      {editing && (
        <UserFormModal
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
