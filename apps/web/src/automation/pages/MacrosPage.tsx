// Macros (/admin/macros): named bundles of ticket actions with a reply in English and Hindi. Every
// agent sees the shared ones and keeps personal ones; admins and managers change the shared ones.
// The list shows how often each was applied and when last.
import { Badge, Button, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../auth/session';
import { useFormatDateTime, useFormatNumber } from '../../i18n/format';
import { EditDeleteActions } from '../../ui/EditDeleteActions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type Macro, type MacroAction, useDeleteMacro, useMacros, useSaveMacro } from '../api';
import { MacroFormModal } from '../components/MacroFormModal';
import { filterMacros } from '../macros';

export function MacrosPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canShare = can.manageSharedMacros(me.role);
  const macros = useMacros();
  const remove = useDeleteMacro();
  const toggle = useSaveMacro();
  const formatDateTime = useFormatDateTime();
  const formatNumber = useFormatNumber();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);

  const actionInWords = (a: MacroAction) => {
    const what = t(`automation.macros.actionType.${a.type}`);
    switch (a.type) {
      case 'set_status':
        return `${what}: ${t(`tickets.status.${a.value}`)}`;
      case 'set_priority':
        return `${what}: ${t(`tickets.priority.${a.value}`)}`;
      case 'set_type':
        return `${what}: ${t(`tickets.type.${a.value}`)}`;
      case 'add_tags':
      case 'remove_tags':
        return `${what}: ${a.value.join(', ')}`;
      case 'set_assignee':
        return a.value === 'current_user' ? `${what}: ${t('automation.macros.actions.currentUser')}` : what;
      default:
        return what;
    }
  };

  const items = macros.data ? filterMacros(macros.data.items, query) : [];

  return (
    <>
      <PageHeader
        title={t('automation.macros.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('automation.macros.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {canShare ? t('automation.macros.helpManager') : t('automation.macros.helpAgent')}
      </Text>
      <TextInput
        mb="md"
        maw={360}
        type="search"
        label={t('automation.macros.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
      />
      {macros.isPending ? (
        <Loading />
      ) : macros.isError ? (
        <ErrorAlert error={macros.error} onRetry={() => void macros.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{query ? t('automation.macros.noMatch') : t('automation.macros.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('automation.macros.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('automation.macros.name')}</Table.Th>
                <Table.Th>{t('automation.macros.visibility')}</Table.Th>
                <Table.Th>{t('automation.macros.does')}</Table.Th>
                <Table.Th ta="right">{t('automation.macros.usageCount')}</Table.Th>
                <Table.Th>{t('automation.macros.lastUsed')}</Table.Th>
                <Table.Th>{t('automation.macros.active')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((macro) => (
                <Table.Tr key={macro.id}>
                  <Table.Th scope="row">
                    <Text fw={600} size="sm" c={macro.active ? undefined : 'dimmed'}>
                      {macro.name}
                    </Text>
                    {macro.description && (
                      <Text size="xs" c="dimmed">
                        {macro.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Badge variant="light" color={macro.shared ? 'blue' : 'gray'}>
                      {macro.shared ? t('automation.macros.shared') : t('automation.macros.personal')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {(macro.replyEn.trim() || macro.replyHi.trim()) && (
                        <Text size="sm">
                          {t(`automation.macros.kind.${macro.replyKind}`)}
                          {' · '}
                          {[macro.replyEn.trim() && t('languages.en'), macro.replyHi.trim() && t('languages.hi')]
                            .filter(Boolean)
                            .join(', ')}
                        </Text>
                      )}
                      {macro.actions.map((a, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a macro's actions are a fixed, ordered list
                        <Text key={i} size="sm">
                          {actionInWords(a)}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(macro.usageCount)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{macro.lastUsedAt ? formatDateTime(macro.lastUsedAt) : t('common.never')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={macro.active}
                      aria-label={t('automation.macros.activeNamed', { name: macro.name })}
                      disabled={!macro.editable || toggle.isPending}
                      onChange={(e) =>
                        toggle.mutate(
                          { id: macro.id, body: { active: e.currentTarget.checked } },
                          { onError: (error) => notifications.show({ color: 'red', message: error.message }) },
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {macro.editable ? (
                      <EditDeleteActions
                        editLabel={t('automation.macros.editNamed', { name: macro.name })}
                        onEdit={() => setEditing(macro)}
                        deleteLabel={t('automation.macros.deleteNamed', { name: macro.name })}
                        deleteTitle={t('automation.macros.deleteTitle')}
                        deleteMessage={t('automation.macros.deleteMessage', { name: macro.name })}
                        onDelete={() => remove.mutateAsync(macro.id)}
                        deleted={t('automation.macros.deleted')}
                        pending={remove.isPending}
                        error={remove.error}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('automation.macros.managedByManagers')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <MacroFormModal
          key={editing === 'new' ? 'new' : editing.id}
          macro={editing === 'new' ? null : editing}
          placeholders={macros.data?.placeholders ?? []}
          canShare={canShare}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
