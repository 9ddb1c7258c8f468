// SLA policies (/admin/sla-policies): the ordered rules that give tickets their first-reply,
// next-reply and resolution targets. The first active policy whose conditions hold applies, so the
// order matters: move a policy up or down to change it. Admins and managers change them.
import { Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { OrderedRuleCells } from '../../ui/OrderedRuleCells';
import { PageHeader } from '../../ui/PageHeader';
import { type SlaPolicy, useDeletePolicy, useReorderPolicies, useSavePolicy, useSlaPolicies } from '../api';
import { PolicyFormModal } from '../components/PolicyFormModal';
import { durationParts, targetLines } from '../targets';

export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const remove = useDeletePolicy();
  const reorder = useReorderPolicies();
  const toggle = useSavePolicy();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);

  const duration = (minutes: number) =>
    durationParts(minutes)
      .map((p) => t(`sla.policies.unit.${p.unit}`, { n: p.n }))
      .join(' ');
  const conditionsInWords = (c: SlaPolicy['conditions']) => {
    const list = (label: string, values: string[] | undefined, prefix?: string) =>
      values?.length ? [`${label}: ${values.map((v) => (prefix ? t(`${prefix}.${v}`) : v)).join(', ')}`] : [];
    const parts = [
      ...list(t('sla.policies.priority'), c.priority, 'tickets.priority'),
      ...list(t('sla.policies.channel'), c.channel, 'tickets.channel'),
      ...list(t('sla.policies.type'), c.type, 'tickets.type'),
      ...list(t('sla.policies.tags'), c.tags),
      ...(c.organisationIds?.length ? [t('sla.policies.organisations', { n: c.organisationIds.length })] : []),
      ...list(t('sla.policies.tiers'), c.organisationTiers),
    ];
    return parts.length ? parts : [t('sla.policies.everyTicket')];
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = (policies.data ?? []).map((p) => p.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, {
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  };

  return (
    <>
      <PageHeader
        title={t('sla.policies.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('sla.policies.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('sla.policies.help')}
      </Text>
      {policies.isPending ? (
        <Loading />
      ) : policies.isError ? (
        <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />
      ) : policies.data.length === 0 ? (
        <Text c="dimmed">{t('sla.policies.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table striped highlightOnHover aria-label={t('sla.policies.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>{t('sla.policies.order')}</Table.Th>
                <Table.Th>{t('sla.policies.name')}</Table.Th>
                <Table.Th>{t('sla.policies.appliesTo')}</Table.Th>
                <Table.Th>{t('sla.policies.targets')}</Table.Th>
                <Table.Th>{t('sla.policies.clock')}</Table.Th>
                <Table.Th>{t('sla.policies.active')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.map((policy, index) => {
                const lines = targetLines(policy.targets);
                return (
                  <Table.Tr key={policy.id}>
                    <Table.Td>{policy.position}</Table.Td>
                    <Table.Th scope="row">
                      <Text fw={600} size="sm" c={policy.active ? undefined : 'dimmed'}>
                        {policy.name}
                      </Text>
                      {policy.description && (
                        <Text size="xs" c="dimmed">
                          {policy.description}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Stack gap={0}>
                        {conditionsInWords(policy.conditions).map((line) => (
                          <Text key={line} size="sm">
                            {line}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {lines.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('sla.policies.noTargets')}
                        </Text>
                      ) : (
                        <Stack gap={0}>
                          {lines.map((line) => (
                            <Text key={line.priority ?? 'all'} size="sm">
                              {`${line.priority ? t(`tickets.priority.${line.priority}`) : t('sla.policies.everyPriority')}: `}
                              {line.targets
                                .map((x) => `${t(`sla.policies.metricInLine.${x.metric}`)} ${duration(x.minutes)}`)
                                .join(' · ')}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {policy.businessHours
                          ? t('sla.policies.businessHoursShort')
                          : t('sla.policies.calendarHoursShort')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {policy.pauseOn.length
                          ? t('sla.policies.pausedWhen', {
                              statuses: policy.pauseOn.map((s) => t(`tickets.status.${s}`)).join(', '),
                            })
                          : t('sla.policies.neverPaused')}
                      </Text>
                    </Table.Td>
                    <OrderedRuleCells
                      name={policy.name}
                      keys="sla.policies"
                      index={index}
                      count={policies.data.length}
                      active={policy.active}
                      onActive={(active) => toggle.mutateAsync({ id: policy.id, body: { active } })}
                      toggling={toggle.isPending}
                      onMove={move}
                      moving={reorder.isPending}
                      onEdit={() => setEditing(policy)}
                      onDelete={() => remove.mutateAsync(policy.id)}
                      deleting={remove.isPending}
                      deleteError={remove.error}
                    />
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <PolicyFormModal
          key={editing === 'new' ? 'new' : editing.id}
          policy={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
