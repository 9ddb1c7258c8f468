// "At risk now": the tickets whose SLA target ran out or is in its last quarter, most overdue first,
// each with its countdown badge and a link to it. Asked again every minute; badges count down between.
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PriorityBadge } from '../../tickets/components/TicketBadges';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useAtRisk } from '../api';
import { SlaBadge } from './SlaBadge';

export function AtRiskList({ teamIds }: { teamIds: readonly number[] }) {
  const { t } = useTranslation();
  const atRisk = useAtRisk(teamIds);
  const title = t('sla.dashboard.atRisk.title');
  return (
    <Paper component="section" withBorder p="md" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h4">
            {title}
          </Title>
          {atRisk.data && atRisk.data.items.length > 0 && (
            <Badge variant="light" color="red">
              {atRisk.data.items.length}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('sla.dashboard.atRisk.hint')}
        </Text>
        {atRisk.isPending ? (
          <Loading />
        ) : atRisk.isError ? (
          <ErrorAlert error={atRisk.error} onRetry={() => void atRisk.refetch()} />
        ) : atRisk.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sla.dashboard.atRisk.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sla.timers.column')}</Table.Th>
                  <Table.Th>{t('tickets.fields.subject')}</Table.Th>
                  <Table.Th>{t('tickets.fields.priority')}</Table.Th>
                  <Table.Th>{t('sla.dashboard.atRisk.team')}</Table.Th>
                  <Table.Th>{t('tickets.fields.assignee')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {atRisk.data.items.map((ticket) => (
                  <Table.Tr key={ticket.number}>
                    <Table.Td>
                      <SlaBadge timers={ticket.sla} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/tickets/${ticket.number}`} size="sm" fw={500}>
                        #{ticket.number} {ticket.subject}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadge priority={ticket.priority} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={ticket.team ? undefined : 'dimmed'}>
                        {ticket.team?.name ?? t('tickets.inbox.noTeam')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={ticket.assignee ? undefined : 'dimmed'}>
                        {ticket.assignee?.name ?? t('tickets.inbox.unassigned')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
