// Support addresses (/admin/email/addresses): the addresses customers write to, the team each one's
// new tickets go to, the default, and the acknowledgement a new ticket gets. Admins only.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../people/api';
import { EditDeleteActions } from '../../ui/EditDeleteActions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type SupportAddress, useDeleteSupportAddress, useSupportAddresses } from '../api';
import { SupportAddressFormModal } from '../components/SupportAddressFormModal';

export function SupportAddressesPage() {
  const { t } = useTranslation();
  const addresses = useSupportAddresses();
  const teams = useTeams();
  const remove = useDeleteSupportAddress();
  const [editing, setEditing] = useState<SupportAddress | 'new' | null>(null);
  const teamName = (id: number) => teams.data?.find((team) => team.id === id)?.name ?? `#${id}`;

  return (
    <>
      <PageHeader
        title={t('email.addresses.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('email.addresses.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('email.addresses.help')}
      </Text>
      {addresses.isPending ? (
        <Loading />
      ) : addresses.isError ? (
        <ErrorAlert error={addresses.error} onRetry={() => void addresses.refetch()} />
      ) : addresses.data.items.length === 0 ? (
        <Text c="dimmed">{t('email.addresses.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover aria-label={t('email.addresses.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('email.addresses.address')}</Table.Th>
                <Table.Th>{t('email.addresses.name')}</Table.Th>
                <Table.Th>{t('email.addresses.team')}</Table.Th>
                <Table.Th>{t('email.addresses.ack')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {addresses.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row">
                    <Group gap="xs" wrap="nowrap">
                      <span dir="ltr">{a.address}</span>
                      {a.isDefault && (
                        <Badge size="sm" variant="light">
                          {t('email.addresses.default')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>{a.name || <Text c="dimmed">—</Text>}</Table.Td>
                  <Table.Td>{a.teamId !== null ? teamName(a.teamId) : <Text c="dimmed">—</Text>}</Table.Td>
                  <Table.Td>
                    {a.ackEnabled ? (
                      <Badge size="sm" color="green" variant="light">
                        {t('email.addresses.ackOn')}
                      </Badge>
                    ) : (
                      <Badge size="sm" color="gray" variant="light">
                        {t('email.addresses.ackOff')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <EditDeleteActions
                      editLabel={t('email.addresses.editNamed', { name: a.address })}
                      onEdit={() => setEditing(a)}
                      deleteLabel={t('email.addresses.deleteNamed', { name: a.address })}
                      deleteTitle={t('email.addresses.deleteTitle')}
                      deleteMessage={t('email.addresses.deleteMessage', { name: a.address })}
                      onDelete={() => remove.mutateAsync(a.id)}
                      deleted={t('email.addresses.deleted')}
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
      {editing && addresses.data && (
        <SupportAddressFormModal
          key={editing === 'new' ? 'new' : editing.id}
          supportAddress={editing === 'new' ? null : editing}
          placeholders={addresses.data.placeholders}
          defaults={addresses.data.defaultAcknowledgement}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
