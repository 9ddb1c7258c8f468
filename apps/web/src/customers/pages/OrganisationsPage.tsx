// Organisations (/admin/organisations): the companies customers belong to, searched by name or domain
// and narrowed to a tier, with how many customers each has. Admins and managers create and change
// them; an organisation is deleted only when no customer or ticket belongs to it.
import { Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatNumber } from '../../i18n/format';
import { EditDeleteActions } from '../../ui/EditDeleteActions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type Organisation, useDeleteOrganisation, useOrganisationList, useTiers } from '../api';
import { OrganisationFormModal } from '../components/OrganisationFormModal';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const [tier, setTier] = useState<string | null>(null);
  const list = useOrganisationList(debounced, tier);
  const tiers = useTiers();
  const remove = useDeleteOrganisation();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('customers.organisations.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('customers.organisations.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('customers.organisations.help')}
      </Text>
      <Group mb="md" align="flex-end">
        <TextInput
          label={t('customers.organisations.search')}
          placeholder={t('customers.organisations.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={320}
        />
        <Select
          label={t('customers.organisations.tier')}
          placeholder={t('customers.organisations.anyTier')}
          value={tier}
          onChange={setTier}
          data={(tiers.data ?? []).map((x) => ({
            value: x.tier,
            label: `${x.tier} (${formatNumber(x.organisations)})`,
          }))}
          clearable
          w={220}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">
          {debounced || tier ? t('customers.organisations.noMatch') : t('customers.organisations.empty')}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover aria-label={t('customers.organisations.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customers.organisations.name')}</Table.Th>
                  <Table.Th>{t('customers.organisations.domain')}</Table.Th>
                  <Table.Th>{t('customers.organisations.tier')}</Table.Th>
                  <Table.Th>{t('customers.organisations.customers')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((org) => (
                  <Table.Tr key={org.id}>
                    <Table.Th scope="row">
                      {org.name}
                      {org.notes && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {org.notes}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td dir="ltr">{org.domain ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      {org.tier ? (
                        <Badge variant="light" tt="none">
                          {org.tier}
                        </Badge>
                      ) : (
                        <Text c="dimmed">—</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatNumber(org.customerCount)}</Table.Td>
                    <Table.Td>
                      <EditDeleteActions
                        editLabel={t('customers.organisations.editNamed', { name: org.name })}
                        onEdit={() => setEditing(org)}
                        deleteLabel={t('customers.organisations.deleteNamed', { name: org.name })}
                        deleteTitle={t('customers.organisations.deleteTitle')}
                        deleteMessage={t('customers.organisations.deleteMessage', { name: org.name })}
                        onDelete={() => remove.mutateAsync(org.id)}
                        deleted={t('customers.organisations.deleted')}
                        pending={remove.isPending}
                        error={remove.error}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
      {editing && (
        <OrganisationFormModal
          key={editing === 'new' ? 'new' : editing.id}
          organisation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
