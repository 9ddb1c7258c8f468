// Escalation rules (/admin/escalation-rules): what happens to a ticket that waits too long — tell the
// lead, move it up a tier, raise its priority. Evaluated every minute in this order; each rule acts
// once per ticket (once per breach for SLA rules). Admins and managers change them.
import { Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../people/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { OrderedRuleCells } from '../../ui/OrderedRuleCells';
import { PageHeader } from '../../ui/PageHeader';
import { type EscalationRule, useDeleteRule, useEscalationRules, useReorderRules, useSaveRule } from '../api';
import { RuleFormModal } from '../components/RuleFormModal';

export function EscalationRulesPage() {
  const { t } = useTranslation();
  const rules = useEscalationRules();
  const teams = useTeams();
  const remove = useDeleteRule();
  const reorder = useReorderRules();
  const toggle = useSaveRule();
  const [editing, setEditing] = useState<EscalationRule | 'new' | null>(null);
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);

  const whenInWords = (c: EscalationRule['conditions']) => {
    const parts: string[] = [];
    if (c.priority?.length)
      parts.push(`${t('escalation.rules.priority')}: ${c.priority.map((p) => t(`tickets.priority.${p}`)).join(', ')}`);
    if (c.teamIds?.length)
      parts.push(`${t('escalation.rules.teams')}: ${c.teamIds.map((id) => teamNames.get(id) ?? `#${id}`).join(', ')}`);
    if (c.tiers?.length)
      parts.push(`${t('escalation.rules.tiers')}: ${c.tiers.map((n) => t('escalation.tier.name', { n })).join(', ')}`);
    if (c.unassigned) parts.push(t('escalation.rules.unassignedNow'));
    if (c.unassignedForMinutes) parts.push(t('escalation.rules.unassignedFor', { n: c.unassignedForMinutes }));
    if (c.noReplyForMinutes) parts.push(t('escalation.rules.noReplyFor', { n: c.noReplyForMinutes }));
    if (c.slaBreached?.length)
      parts.push(
        t('escalation.rules.breached', {
          targets: c.slaBreached.map((m) => t(`tickets.history.slaMetric.${m}`)).join(', '),
        }),
      );
    return parts;
  };
  const thenInWords = (a: EscalationRule['actions']) => [
    ...(a.notifyLead ? [t('escalation.rules.notifyLead')] : []),
    ...(a.escalate
      ? [
          a.escalateToTeamId
            ? t('escalation.rules.escalateTo', { team: teamNames.get(a.escalateToTeamId) ?? `#${a.escalateToTeamId}` })
            : t('escalation.rules.escalateNext'),
        ]
      : []),
    ...(a.raisePriorityTo
      ? [t('escalation.rules.raiseTo', { priority: t(`tickets.priority.${a.raisePriorityTo}`) })]
      : []),
  ];
  const move = (index: number, by: -1 | 1) => {
    const ids = (rules.data ?? []).map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, { onError: (error) => notifications.show({ color: 'red', message: error.message }) });
  };

  return (
    <>
      <PageHeader
        title={t('escalation.rules.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('escalation.rules.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('escalation.rules.help')}
      </Text>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <Text c="dimmed">{t('escalation.rules.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('escalation.rules.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>{t('escalation.rules.order')}</Table.Th>
                <Table.Th>{t('escalation.rules.name')}</Table.Th>
                <Table.Th>{t('escalation.rules.when')}</Table.Th>
                <Table.Th>{t('escalation.rules.then')}</Table.Th>
                <Table.Th>{t('escalation.rules.active')}</Table.Th>
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
                      {whenInWords(rule.conditions).map((line) => (
                        <Text key={line} size="sm">
                          {line}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {thenInWords(rule.actions).map((line) => (
                        <Text key={line} size="sm">
                          {line}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <OrderedRuleCells
                    name={rule.name}
                    keys="escalation.rules"
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
      {editing && (
        <RuleFormModal
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          teams={teams.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
