// Ticket custom fields: admins add, edit and deactivate them (deactivated fields keep their values).
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomField, localLabel, useCustomFields, useSaveCustomField } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { CustomFieldFormModal } from '../components/CustomFieldFormModal';

export function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const fields = useCustomFields();
  const toggle = useSaveCustomField();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('admin.customFields.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('admin.customFields.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('admin.customFields.help')}
      </Text>
      <ErrorAlert error={toggle.error} />
      {fields.isPending ? (
        <Loading />
      ) : fields.isError ? (
        <ErrorAlert error={fields.error} onRetry={() => void fields.refetch()} />
      ) : fields.data.length === 0 ? (
        <Text c="dimmed">{t('admin.customFields.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.customFields.label')}</Table.Th>
                <Table.Th>{t('admin.customFields.key')}</Table.Th>
                <Table.Th>{t('admin.customFields.kind')}</Table.Th>
                <Table.Th>{t('admin.customFields.requiredOnSolve')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.data.map((field) => {
                const label = localLabel(field, i18n.language);
                return (
                  <Table.Tr key={field.id}>
                    <Table.Td>{label}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {field.key}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`admin.customFields.kinds.${field.kind}`)}</Table.Td>
                    <Table.Td>{field.requiredOnSolve ? t('tickets.history.yes') : t('tickets.history.no')}</Table.Td>
                    <Table.Td>
                      <Badge color={field.active ? 'green' : 'gray'} variant="light">
                        {field.active ? t('people.users.active') : t('people.users.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setEditing(field)}
                          aria-label={t('admin.customFields.editNamed', { name: label })}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          color={field.active ? 'red' : 'green'}
                          loading={toggle.isPending && toggle.variables?.id === field.id}
                          onClick={() => toggle.mutate({ id: field.id, body: { active: !field.active } })}
                          aria-label={
                            field.active
                              ? t('admin.customFields.deactivateNamed', { name: label })
                              : t('admin.customFields.activateNamed', { name: label })
                          }
                        >
                          {field.active ? t('admin.customFields.deactivate') : t('admin.customFields.activate')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <CustomFieldFormModal
          key={editing === 'new' ? 'new' : editing.id}
          field={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
