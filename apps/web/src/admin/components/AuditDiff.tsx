// Before and after of one audit entry, field by field.
import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AuditEntry, auditChanges } from '../api';

function Value({ value }: { value: unknown }) {
  if (value === undefined || value === null || value === '') {
    return <Text c="dimmed">—</Text>;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return <Text size="sm">{String(value)}</Text>;
  }
  return <Code block>{JSON.stringify(value, null, 2)}</Code>;
}

export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.audit.noChanges')}
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders aria-label={t('admin.audit.changes')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.audit.field')}</Table.Th>
          <Table.Th>{t('admin.audit.before')}</Table.Th>
          <Table.Th>{t('admin.audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field} bg={change.changed ? 'var(--mantine-color-yellow-light)' : undefined}>
            <Table.Td>
              <Code>{change.field}</Code>
            </Table.Td>
            <Table.Td>
              <Value value={change.before} />
            </Table.Td>
            <Table.Td>
              <Value value={change.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
