// Who asked: name, contact, organisation, who else is copied on the mail, and their other tickets.
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCustomer } from '../../customers/api';
import { ScoreBadge } from '../../feedback/components/ScoreBadge';
import { useFormatRelative } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type TicketDetail, useRequesterTickets } from '../api';
import { StatusBadge } from './TicketBadges';

export function RequesterPanel({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const formatRelative = useFormatRelative();
  const customer = useCustomer(ticket.requester.id);
  const others = useRequesterTickets(ticket.requester.id);
  const otherTickets = (others.data ?? []).filter((x) => x.number !== ticket.number);
  const organisation = ticket.organisation ?? customer.data?.organisation ?? null;

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('tickets.requester.title')}>
      <Stack gap="xs">
        <Title order={3} size="h6" c="dimmed" tt="uppercase">
          {t('tickets.requester.title')}
        </Title>
        <Text fw={600}>{ticket.requester.name}</Text>
        {ticket.requester.email && (
          <Anchor href={`mailto:${ticket.requester.email}`} size="sm">
            {ticket.requester.email}
          </Anchor>
        )}
        {customer.data?.phone && <Text size="sm">{customer.data.phone}</Text>}
        <Text size="sm" c="dimmed">
          {organisation
            ? t('tickets.requester.organisation', { name: organisation.name })
            : t('tickets.requester.noOrganisation')}
        </Text>
        {ticket.cc.length > 0 && (
          <Stack gap={2} aria-label={t('tickets.requester.cc')}>
            <Text size="sm" fw={600}>
              {t('tickets.requester.cc')}
            </Text>
            {ticket.cc.map((c) => (
              <Text key={c.id} size="sm">
                {c.name}
                {c.email && c.email !== c.name ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({c.email})
                  </Text>
                ) : null}
              </Text>
            ))}
          </Stack>
        )}
        {ticket.satisfaction && <Satisfaction survey={ticket.satisfaction} />}
        <Title order={4} size="h6" mt="xs">
          {t('tickets.requester.otherTickets')}
        </Title>
        <ErrorAlert error={others.error} />
        {others.isSuccess && otherTickets.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('tickets.requester.noOtherTickets')}
          </Text>
        )}
        {otherTickets.map((other) => (
          <Stack key={other.number} gap={2}>
            <Anchor component={Link} to={`/tickets/${other.number}`} size="sm" lineClamp={1}>
              #{other.number} {other.subject}
            </Anchor>
            <Group gap="xs">
              <StatusBadge status={other.status} />
              <Text size="xs" c="dimmed">
                {formatRelative(other.createdAt).relative}
              </Text>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

/** The customer's rating of the latest solve, or that the survey is still waiting for one. */
function Satisfaction({ survey }: { survey: NonNullable<TicketDetail['satisfaction']> }) {
  const { t } = useTranslation();
  const formatRelative = useFormatRelative();
  const sent = formatRelative(survey.sentAt);
  return (
    <Stack gap={4} component="section" aria-label={t('tickets.requester.satisfaction')}>
      <Text size="sm" fw={600}>
        {t('tickets.requester.satisfaction')}
      </Text>
      {survey.score !== null && survey.answeredAt ? (
        <>
          <Group gap="xs">
            <ScoreBadge kind="csat" score={survey.score} />
            <Text size="xs" c="dimmed" title={formatRelative(survey.answeredAt).exact}>
              {formatRelative(survey.answeredAt).relative}
            </Text>
          </Group>
          {survey.comment && (
            <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
              “{survey.comment}”
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed" title={sent.exact}>
          {t(
            Date.parse(survey.expiresAt) < Date.now()
              ? 'tickets.requester.surveyExpired'
              : 'tickets.requester.surveyWaiting',
            {
              time: sent.relative,
            },
          )}
        </Text>
      )}
    </Stack>
  );
}
