// Audit log: who changed what and when, newest first, with the before/after of each change.
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../i18n/format';
import { useAllUsers } from '../../people/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditFilter, useAuditLog } from '../api';
import { AuditDiff } from '../components/AuditDiff';

const emptyFilter: AuditFilter = { actorId: '', action: '', entityType: '', from: '', to: '' };

export function AuditLogPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [filter, setFilter] = useState<AuditFilter>(emptyFilter);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const users = useAllUsers();
  const log = useAuditLog(filter);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const actionLabel = (action: string) =>
    (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`admin.audit.actions.${action}`) : action;
  const entityLabel = (type: string) =>
    (AUDIT_ENTITY_TYPES as readonly string[]).includes(type) ? t(`admin.audit.entityTypes.${type}`) : type;

  return (
    <>
      <PageHeader title={t('admin.audit.title')} />
      <Stack gap="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('admin.audit.actor')}
            placeholder={t('admin.audit.anyone')}
            searchable
            clearable
            value={filter.actorId || null}
            onChange={(value) => set({ actorId: value ?? '' })}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            w={220}
          />
          <Select
            label={t('admin.audit.action')}
            placeholder={t('admin.audit.anyAction')}
            clearable
            value={filter.action || null}
            onChange={(value) => set({ action: value ?? '' })}
            data={AUDIT_ACTIONS.map((value) => ({ value, label: actionLabel(value) }))}
            w={240}
          />
          <Select
            label={t('admin.audit.entityType')}
            placeholder={t('admin.audit.anyType')}
            clearable
            value={filter.entityType || null}
            onChange={(value) => set({ entityType: value ?? '' })}
            data={AUDIT_ENTITY_TYPES.map((value) => ({ value, label: entityLabel(value) }))}
            w={180}
          />
          <TextInput
            label={t('admin.audit.from')}
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            onChange={(e) => set({ from: e.currentTarget.value })}
          />
          <TextInput
            label={t('admin.audit.to')}
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            onChange={(e) => set({ to: e.currentTarget.value })}
          />
          <Button variant="default" onClick={() => setFilter(emptyFilter)}>
            {t('admin.audit.clearFilters')}
          </Button>
        </Group>

        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <Text c="dimmed">{t('admin.audit.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.audit.time')}</Table.Th>
                  <Table.Th>{t('admin.audit.actor')}</Table.Th>
                  <Table.Th>{t('admin.audit.action')}</Table.Th>
                  <Table.Th>{t('admin.audit.entity')}</Table.Th>
                  <Table.Th>{t('admin.audit.ip')}</Table.Th>
                  <Table.Th>{t('admin.audit.changes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => {
                  const expanded = open.has(entry.id);
                  return (
                    <Fragment key={entry.id}>
                      <Table.Tr>
                        <Table.Td>{formatDateTime(entry.createdAt)}</Table.Td>
                        <Table.Td>{entry.actorName ?? t('admin.audit.system')}</Table.Td>
                        <Table.Td>{actionLabel(entry.action)}</Table.Td>
                        <Table.Td>
                          {entityLabel(entry.entityType)}
                          {entry.entityId && (
                            <Text span c="dimmed" size="xs" ml={6}>
                              {entry.entityId}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{entry.ip ?? '—'}</Table.Td>
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-expanded={expanded}
                            aria-controls={`audit-${entry.id}`}
                            onClick={() => toggle(entry.id)}
                          >
                            {expanded ? t('admin.audit.hideChanges') : t('admin.audit.showChanges')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                      {expanded && (
                        <Table.Tr id={`audit-${entry.id}`}>
                          <Table.Td colSpan={6}>
                            <AuditDiff entry={entry} />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {log.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
