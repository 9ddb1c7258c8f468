// One ticket (/tickets/:number): header, conversation and composer, history, properties, requester.
import { Alert, Button, Grid, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { ApplyMacro } from '../../automation/components/ApplyMacro';
import { EscalateButton } from '../../escalation/components/EscalateButton';
import { queryKeys } from '../../lib/queryKeys';
import { useAllUsers, useTeams } from '../../people/api';
import { SlaPanel } from '../../sla/components/SlaPanel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { isNotFound, useCustomFields, useTicket } from '../api';
import { Composer } from '../components/Composer';
import { Conversation } from '../components/Conversation';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { PropertiesPanel } from '../components/PropertiesPanel';
import { RequesterPanel } from '../components/RequesterPanel';
import { TicketHeader } from '../components/TicketHeader';
import { usePresence } from '../hooks/usePresence';

function NotFound({ number }: { number: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('tickets.notFound.title')} />
      <Alert color="gray" title={t('tickets.notFound.heading', { number: number ?? '' })}>
        <Text size="sm" mb="sm">
          {t('tickets.notFound.message')}
        </Text>
        <Button component={Link} to="/tickets" variant="light" size="xs">
          {t('tickets.notFound.back')}
        </Button>
      </Alert>
    </>
  );
}

function Ticket({ number }: { number: number }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const ticket = useTicket(number);
  const users = useAllUsers();
  const teams = useTeams();
  const fields = useCustomFields();
  const { others, setTyping } = usePresence(number, me.id);
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState<string | null>('conversation');
  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);

  if (ticket.isPending) return <Loading />;
  if (ticket.isError) {
    if (isNotFound(ticket.error)) return <NotFound number={String(number)} />;
    return <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />;
  }
  const data = ticket.data;

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(number) }).then(() => setConflict(false));
  };

  return (
    <>
      <TicketHeader ticket={data} others={others} onConflict={() => setConflict(true)} />
      {conflict && (
        <Alert color="orange" title={t('tickets.conflict.title')} role="alert" mb="md">
          <Text size="sm" mb="sm">
            {t('tickets.conflict.message')}
          </Text>
          <Button size="xs" color="orange" onClick={reload} loading={ticket.isFetching}>
            {t('tickets.conflict.reload')}
          </Button>
        </Alert>
      )}
      {data.mergedInto !== null && (
        <Alert color="blue" mb="md">
          <Group gap="xs">
            <Text size="sm">{t('tickets.header.mergedInto', { number: data.mergedInto })}</Text>
            <Button component={Link} to={`/tickets/${data.mergedInto}`} size="xs" variant="light">
              {t('tickets.header.openSurvivor', { number: data.mergedInto })}
            </Button>
          </Group>
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="conversation">{t('tickets.tabs.conversation')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('tickets.tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="conversation">
              <Stack gap="md">
                <Conversation number={number} />
                {data.status !== 'closed' && data.mergedInto === null && (
                  <ApplyMacro ticket={data} fields={fields.data ?? []} onConflict={() => setConflict(true)} />
                )}
                {data.status !== 'closed' && data.mergedInto === null ? (
                  <Composer
                    key={number}
                    ticket={data}
                    users={users.data ?? []}
                    onTyping={setTyping}
                    onConflict={() => setConflict(true)}
                  />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('tickets.composer.closed')}
                  </Text>
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryTimeline number={number} userNames={userNames} teamNames={teamNames} fields={fields.data ?? []} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {data.status !== 'closed' && data.mergedInto === null && (
              <Group justify="flex-end">
                <EscalateButton ticket={data} teams={teams.data ?? []} onConflict={() => setConflict(true)} />
              </Group>
            )}
            <SlaPanel timers={data.sla} />
            <PropertiesPanel
              ticket={data}
              users={users.data ?? []}
              teams={teams.data ?? []}
              fields={fields.data ?? []}
              selfId={me.id}
              onConflict={() => setConflict(true)}
            />
            <RequesterPanel ticket={data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

export function TicketPage() {
  const params = useParams();
  const number = Number(params.number);
  if (!Number.isInteger(number) || number <= 0) {
    return params.number === undefined ? <Navigate to="/tickets" replace /> : <NotFound number={params.number} />;
  }
  return <Ticket key={number} number={number} />;
}
