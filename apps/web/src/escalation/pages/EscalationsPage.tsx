// Escalations (/escalations): escalated tickets with their latest escalation — how long ago, from
// and to which tier and team, why, and who or which rule — oldest first, for leads (their teams)
// and managers (all).
import { Anchor, Badge, Group, SegmentedControl, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../i18n/format';
import { useTeams } from '../../people/api';
import { durationParts } from '../../sla/targets';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type EscalationFilter, useEscalations } from '../api';

export function EscalationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<EscalationFilter>({ status: 'open', teamId: null });
  const escalations = useEscalations(filter);
  const teams = useTeams();
  const formatDateTime = useFormatDateTime();
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);
  const tier = (n: number | null) => t('escalation.tier.name', { n: n ?? 1 });
  const team = (id: number | null) => (id === null ? t('escalation.view.noTeam') : (teamNames.get(id) ?? `#${id}`));
  const age = (seconds: number) =>
    durationParts(Math.max(1, Math.round(seconds / 60)))
      .slice(0, 2)
      .map((p) => t(`sla.policies.unit.${p.unit}`, { n: p.n }))
      .join(' ');

  return (
    <>
      <PageHeader title={t('escalation.view.title')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('escalation.view.help')}
      </Text>
      <Group mb="md" align="end">
        <SegmentedControl
          aria-label={t('escalation.view.status')}
          value={filter.status}
          onChange={(v) => setFilter((f) => ({ ...f, status: v === 'all' ? 'all' : 'open' }))}
          data={[
            { value: 'open', label: t('escalation.view.open') },
            { value: 'all', label: t('escalation.view.all') },
          ]}
        />
        <Select
          label={t('escalation.view.team')}
          placeholder={t('escalation.view.allTeams')}
          clearable
          value={filter.teamId ? String(filter.teamId) : null}
          onChange={(v) => setFilter((f) => ({ ...f, teamId: v ? Number(v) : null }))}
          data={(teams.data ?? []).map((x) => ({ value: String(x.id), label: `${x.name} (${tier(x.tier)})` }))}
          w={260}
        />
      </Group>
      {escalations.isPending ? (
        <Loading />
      ) : escalations.isError ? (
        <ErrorAlert error={escalations.error} onRetry={() => void escalations.refetch()} />
      ) : escalations.data.length === 0 ? (
        <Text c="dimmed">{t('escalation.view.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('escalation.view.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('escalation.view.ticket')}</Table.Th>
                <Table.Th>{t('escalation.view.age')}</Table.Th>
                <Table.Th>{t('escalation.view.move')}</Table.Th>
                <Table.Th>{t('escalation.view.reason')}</Table.Th>
                <Table.Th>{t('escalation.view.by')}</Table.Th>
                <Table.Th>{t('escalation.view.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {escalations.data.map((e) => (
                <Table.Tr key={e.ticketNumber}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/tickets/${e.ticketNumber}`} size="sm" fw={600}>
                      #{e.ticketNumber} {e.subject}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <Tooltip label={formatDateTime(e.escalatedAt)}>
                      <Text size="sm">{age(e.ageSeconds)}</Text>
                    </Tooltip>
                    {e.count > 1 && (
                      <Text size="xs" c="dimmed">
                        {t('escalation.view.times', { n: e.count })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {tier(e.fromTier)} → {tier(e.toTier)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {team(e.fromTeamId)} → {team(e.toTeamId)}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm">{e.reason}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {e.rule ? t('escalation.view.byRule', { name: e.rule.name }) : (e.actor?.name ?? '—')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Badge variant="light" color={e.priority === 'urgent' ? 'red' : 'gray'}>
                        {t(`tickets.priority.${e.priority}`)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {t(`tickets.status.${e.status}`)} · {team(e.teamId)}
                      </Text>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
