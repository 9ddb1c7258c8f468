// The conversation, oldest first: customer messages, our replies, internal notes (yellow), system lines.
import { Anchor, Avatar, Badge, Box, Button, Group, Paper, Stack, Text, Tooltip, Typography } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatNumber, useFormatRelative } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PaperclipIcon } from '../../ui/Icons';
import { Loading } from '../../ui/Loading';
import { type Message, useMessages } from '../api';
import { formatSize } from './Composer';

function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

function MessageItem({ message }: { message: Message }) {
  const { t } = useTranslation();
  const formatRelative = useFormatRelative();
  const formatNumber = useFormatNumber();
  const time = formatRelative(message.createdAt);
  const note = message.kind === 'note';
  const fromCustomer = message.kind === 'customer';

  if (message.kind === 'system') {
    return (
      <Text size="sm" c="dimmed" ta="center" component="article">
        {message.text} · <time dateTime={message.createdAt}>{time.relative}</time>
      </Text>
    );
  }

  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      radius="md"
      aria-label={t(`tickets.message.label.${message.kind}`, { name: message.author.name })}
      bg={note ? 'var(--mantine-color-yellow-light)' : fromCustomer ? undefined : 'var(--mantine-color-blue-light)'}
      style={note ? { borderColor: 'var(--mantine-color-yellow-5)' } : undefined}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Avatar size="sm" radius="xl" color={fromCustomer ? 'teal' : 'blue'}>
            {initials(message.author.name)}
          </Avatar>
          <Text size="sm" fw={600}>
            {message.author.name}
          </Text>
          {note ? (
            <Badge color="yellow" variant="filled" size="sm">
              {t('tickets.message.internalNote')}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {fromCustomer
                ? t('tickets.message.via', { channel: t(`tickets.channel.${message.channel}`) })
                : t('tickets.message.publicReply')}
            </Text>
          )}
        </Group>
        <Tooltip label={time.exact}>
          <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
            {time.relative}
          </Text>
        </Tooltip>
      </Group>
      <Typography>
        {/* The server sanitised this HTML before storing it. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side */}
        <Box fz="sm" style={{ overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: message.html }} />
      </Typography>
      {message.attachments.length > 0 && (
        <Group gap="sm" mt="xs" aria-label={t('tickets.message.attachments')}>
          {message.attachments.map((a) => (
            <Anchor key={a.id} href={a.url} size="sm" download={a.fileName}>
              <Group gap={4} wrap="nowrap" component="span">
                <PaperclipIcon size={14} />
                {a.fileName} ({formatSize(a.size, formatNumber)})
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
    </Paper>
  );
}

export function Conversation({ number }: { number: number }) {
  const { t } = useTranslation();
  const messages = useMessages(number);
  if (messages.isPending) return <Loading />;
  if (messages.isError) return <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />;
  const items = messages.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="sm">
      {items.length === 0 && <Text c="dimmed">{t('tickets.message.none')}</Text>}
      {items.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
      {messages.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            size="xs"
            loading={messages.isFetchingNextPage}
            onClick={() => void messages.fetchNextPage()}
          >
            {t('tickets.message.later')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
