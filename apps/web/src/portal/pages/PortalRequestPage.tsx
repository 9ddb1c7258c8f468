// One request: its state and the public conversation, oldest first, with a box to answer (and files).
import { Alert, Anchor, Box, Button, Card, Group, Stack, Text, Textarea, Title, Typography } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PortalSurveyRef } from '../../feedback/api';
import { PortalSurveyCard } from '../../feedback/components/PortalSurveyCard';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PaperclipIcon } from '../../ui/Icons';
import { Loading } from '../../ui/Loading';
import { type PortalMessage, type PortalTicket, usePortalReply, usePortalTicket } from '../api';
import { FilesInput } from '../components/FilesInput';
import { StatusBadge } from '../components/StatusBadge';
import { formatWhen } from '../format';

function Message({ message }: { message: PortalMessage }) {
  const { t } = useTranslation();
  const fromUs = message.author.type === 'agent';
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      bg={fromUs ? 'var(--mantine-color-blue-light)' : undefined}
      ml={fromUs ? 0 : 'xl'}
      mr={fromUs ? 'xl' : 0}
    >
      <Group justify="space-between" mb={6} wrap="wrap" gap="xs">
        <Text fw={600} size="sm">
          {message.mine ? t('portal.request.you') : message.author.name}
          {fromUs && (
            <Text span c="dimmed" size="xs">
              {' '}
              · {t('portal.request.supportTeam')}
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {formatWhen(message.createdAt)}
        </Text>
      </Group>
      {/* The server sanitised every message before storing it; customers' own text was escaped. */}
      <Typography>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side */}
        <Box fz="sm" style={{ overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: message.html }} />
      </Typography>
      {message.attachments.length > 0 && (
        <Group gap="sm" mt="xs">
          {message.attachments.map((f) => (
            <Anchor key={f.id} href={f.url} size="sm" download={f.fileName}>
              <Group gap={4} wrap="nowrap" component="span">
                <PaperclipIcon size={14} />
                {f.fileName}
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
    </Card>
  );
}

export function PortalRequestPage() {
  const { t } = useTranslation();
  const number = Number(useParams().number);
  const query = usePortalTicket(number);
  const reply = usePortalReply(number);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Stack>
        <ErrorAlert error={query.error} />
        <Anchor component={Link} to="/portal">
          {t('portal.request.back')}
        </Anchor>
      </Stack>
    );
  }
  const ticket = query.data.ticket;
  // Solved and closed tickets with a CSAT survey carry it, to answer here as in the survey mail.
  const survey = (ticket as PortalTicket & { survey?: PortalSurveyRef | null }).survey ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reply.mutate(
      { text: text.trim(), files },
      {
        onSuccess: () => {
          setText('');
          setFiles([]);
          notifications.show({ color: 'green', message: t('portal.request.sent') });
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/portal" size="sm">
        ← {t('portal.request.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {ticket.subject}
          </Title>
          <Text size="sm" c="dimmed">
            #{ticket.number} · {t('portal.request.opened', { when: formatWhen(ticket.createdAt) })}
            {ticket.relation === 'organisation' && ` · ${t('portal.requests.askedBy', { name: ticket.requesterName })}`}
          </Text>
        </div>
        <StatusBadge status={ticket.status} />
      </Group>
      <Stack gap="sm" aria-label={t('portal.request.conversation')} component="section">
        {ticket.messages.map((m) => (
          <Message key={m.id} message={m} />
        ))}
      </Stack>
      {survey && <PortalSurveyCard key={survey.token} survey={survey} />}
      {ticket.status === 'closed' ? (
        <Alert color="gray" title={t('portal.request.closedTitle')}>
          {t('portal.request.closed')}{' '}
          <Anchor component={Link} to="/portal/requests/new">
            {t('portal.nav.newRequest')}
          </Anchor>
        </Alert>
      ) : (
        <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={reply.error} />
            {ticket.status === 'solved' && (
              <Text size="sm" c="dimmed">
                {t('portal.request.reopenHint')}
              </Text>
            )}
            <Textarea
              label={t('portal.request.reply')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={fieldError(reply.error, 'text')}
              autosize
              minRows={3}
              maxLength={20000}
              required
            />
            <FilesInput value={files} onChange={setFiles} error={fieldError(reply.error, 'files')} />
            <Group justify="flex-end">
              <Button type="submit" loading={reply.isPending} disabled={text.trim() === ''}>
                {t('portal.request.send')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
