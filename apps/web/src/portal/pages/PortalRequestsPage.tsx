// "My requests": the customer's tickets, latest first, with their organisation's when it shares them.
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePortalMe, usePortalTickets } from '../api';
import { StatusBadge } from '../components/StatusBadge';
import { formatWhen } from '../format';

export function PortalRequestsPage() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const tickets = usePortalTickets();
  const items = tickets.data?.pages.flatMap((p) => p.items) ?? [];
  const org = me.data?.customer.organisation;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            {t('portal.requests.title')}
          </Title>
          {org?.sharesTickets && (
            <Text size="sm" c="dimmed">
              {t('portal.requests.shared', { organisation: org.name })}
            </Text>
          )}
        </div>
        <Button component={Link} to="/portal/requests/new">
          {t('portal.nav.newRequest')}
        </Button>
      </Group>
      {tickets.isPending ? (
        <Loading />
      ) : tickets.isError ? (
        <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('portal.requests.empty')}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((ticket) => (
            <Card key={ticket.number} withBorder padding="sm" component="li">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/portal/requests/${ticket.number}`} fw={600}>
                    {ticket.subject}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    #{ticket.number} · {t('portal.requests.updated', { when: formatWhen(ticket.updatedAt) })}
                    {ticket.relation === 'organisation' &&
                      ` · ${t('portal.requests.askedBy', { name: ticket.requesterName })}`}
                  </Text>
                </div>
                <Group gap={6} wrap="nowrap">
                  {ticket.relation === 'organisation' && (
                    <Badge variant="outline" color="grape">
                      {t('portal.requests.organisation')}
                    </Badge>
                  )}
                  {ticket.relation === 'cc' && (
                    <Badge variant="outline" color="gray">
                      {t('portal.requests.copied')}
                    </Badge>
                  )}
                  <StatusBadge status={ticket.status} />
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {tickets.hasNextPage && (
        <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
