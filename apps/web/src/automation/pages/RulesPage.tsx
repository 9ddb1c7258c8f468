// Triggers (/admin/triggers) and time rules (/admin/time-rules): the ordered list with on/off
// switches, moving a rule up or down, and the editor. Triggers run on every created or updated
// ticket, first to last; time rules run every hour on the hours since created, updated, pending or
// solved. Admins and managers change them.
import { Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { OrderedRuleCells } from '../../ui/OrderedRuleCells';
import { PageHeader } from '../../ui/PageHeader';
import { RuleFormModal } from '../components/RuleFormModal';
import {
  type Condition,
  isEffect,
  type RuleAction,
  type TimeRule,
  type Trigger,
  timeRuleApi,
  triggerApi,
} from '../rules-api';

function RulesPage({ kind }: { kind: 'trigger' | 'time_rule' }) {
  const { t } = useTranslation();
  const p = kind === 'trigger' ? 'automation.triggers' : 'automation.timeRules';
  const hooks = kind === 'trigger' ? triggerApi : timeRuleApi;
  const rules = hooks.useList();
  const remove = hooks.useDelete();
  const reorder = hooks.useReorder();
  const toggle = hooks.useSave();
  const [editing, setEditing] = useState<Trigger | TimeRule | 'new' | null>(null);

  const conditionWords = (c: Condition) => t(`automation.triggers.conditions.field.${c.field}`);
  const actionWords = (a: RuleAction) =>
    isEffect(a) ? t(`automation.triggers.effects.type.${a.type}`) : t(`automation.macros.actionType.${a.type}`);
  const move = (index: number, by: -1 | 1) => {
    const ids = (rules.data ?? []).map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, { onError: (error) => notifications.show({ color: 'red', message: error.message }) });
  };

  return (
    <>
      <PageHeader
        title={t(`${p}.title`)}
        actions={<Button onClick={() => setEditing('new')}>{t(`${p}.new`)}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t(`${p}.help`)}
      </Text>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <Text c="dimmed">{t(`${p}.empty`)}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t(`${p}.title`)}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>{t('automation.triggers.order')}</Table.Th>
                <Table.Th>{t('automation.triggers.name')}</Table.Th>
                <Table.Th>{t('automation.triggers.when')}</Table.Th>
                <Table.Th>{t('automation.triggers.then')}</Table.Th>
                <Table.Th>{t('automation.triggers.active')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((rule, index) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>{rule.position}</Table.Td>
                  <Table.Th scope="row">
                    <Text fw={600} size="sm" c={rule.active ? undefined : 'dimmed'}>
                      {rule.name}
                    </Text>
                    {rule.description && (
                      <Text size="xs" c="dimmed">
                        {rule.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Stack gap={0}>
                      {'since' in rule && (
                        <Text size="sm">
                          {t('automation.timeRules.sinceLine', {
                            hours: (rule as TimeRule).hours,
                            since: t(`automation.timeRules.sinceOption.${(rule as TimeRule).since}`),
                          })}
                        </Text>
                      )}
                      {rule.conditions.all.length > 0 && (
                        <Text size="sm">
                          {t('automation.triggers.allLine', {
                            list: rule.conditions.all.map(conditionWords).join(', '),
                          })}
                        </Text>
                      )}
                      {rule.conditions.any.length > 0 && (
                        <Text size="sm">
                          {t('automation.triggers.anyLine', {
                            list: rule.conditions.any.map(conditionWords).join(', '),
                          })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{rule.actions.map(actionWords).join(', ')}</Text>
                  </Table.Td>
                  <OrderedRuleCells
                    name={rule.name}
                    keys="automation.triggers"
                    deleteKeys={p}
                    index={index}
                    count={rules.data.length}
                    active={rule.active}
                    onActive={(active) => toggle.mutateAsync({ id: rule.id, body: { active } })}
                    toggling={toggle.isPending}
                    onMove={move}
                    moving={reorder.isPending}
                    onEdit={() => setEditing(rule)}
                    onDelete={() => remove.mutateAsync(rule.id)}
                    deleting={remove.isPending}
                    deleteError={remove.error}
                  />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing &&
        (kind === 'trigger' ? (
          <RuleFormModal
            key={editing === 'new' ? 'new' : editing.id}
            kind="trigger"
            rule={editing === 'new' ? null : (editing as Trigger)}
            onClose={() => setEditing(null)}
          />
        ) : (
          <RuleFormModal
            key={editing === 'new' ? 'new' : editing.id}
            kind="time_rule"
            rule={editing === 'new' ? null : (editing as TimeRule)}
            onClose={() => setEditing(null)}
          />
        ))}
    </>
  );
}

export function TriggersPage() {
  return <RulesPage kind="trigger" />;
}

export function TimeRulesPage() {
  return <RulesPage kind="time_rule" />;
}
