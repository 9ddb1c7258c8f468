// The conversation, oldest first: customer messages, our replies, internal notes (yellow), system lines.
import {
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  Tooltip,
  Typography,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatNumber, useFormatRelative } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PaperclipIcon } from '../../ui/Icons';
import { Loading } from '../../ui/Loading';
import { type Message, useMessages, useRetryMail } from '../api';
import { formatSize } from './Composer';

function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

/** How a reply's mail fares: on its way, sent, or refused (with the retry button). */
function Delivery({ number, message }: { number: number; message: Message }) {
  const { t } = useTranslation();
  const retry = useRetryMail(number);
  const d = message.delivery;
  if (!d) return null;
  if (d.status === 'sent') {
    return (
      <Text size="xs" c="dimmed" mt="xs">
        {t('tickets.message.delivery.sent')}
      </Text>
    );
  }
  if (d.status === 'queued') {
    return (
      <Text size="xs" c={d.error ? 'orange' : 'dimmed'} mt="xs" role="status">
        {d.error ? t('tickets.message.delivery.queuedError', { error: d.error }) : t('tickets.message.delivery.queued')}
      </Text>
    );
  }
  return (
    <Group gap="xs" mt="xs" wrap="nowrap" role="alert">
      <Text size="xs" c="red">
        {t('tickets.message.delivery.failed', { error: d.error ?? '' })}
      </Text>
      <Button
        size="compact-xs"
        variant="light"
        color="red"
        loading={retry.isPending}
        onClick={() =>
          retry.mutate(message.id, {
            onSuccess: () => notifications.show({ message: t('tickets.message.delivery.retried') }),
            onError: (error) => notifications.show({ color: 'red', message: error.message }),
          })
        }
      >
        {t('tickets.message.delivery.retry')}
      </Button>
    </Group>
  );
}

/** A customer's mail: its quoted history folded under the new text, and the original to download. */
function MailExtras({ number, message }: { number: number; message: Message }) {
  const { t } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  const mail = message.mail;
  if (!mail) return null;
  return (
    <Stack gap={4} mt="xs">
      {mail.quotedHtml && (
        <>
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={toggle}
            aria-expanded={open}
            style={{ alignSelf: 'flex-start' }}
          >
            {open ? t('tickets.message.hideQuoted') : t('tickets.message.showQuoted')}
          </Anchor>
          <Collapse in={open}>
            <Typography>
              <Box
                fz="sm"
                c="dimmed"
                style={{ overflowWrap: 'anywhere' }}
                // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side
                dangerouslySetInnerHTML={{ __html: mail.quotedHtml }}
              />
            </Typography>
          </Collapse>
        </>
      )}
      {mail.hasOriginal && (
        <Anchor size="xs" href={`/api/v1/tickets/${number}/messages/${message.id}/original`} download>
          {t('tickets.message.original')}
        </Anchor>
      )}
    </Stack>
  );
}

/** Loads the remote images of a mail, which the server keeps unloaded under data-remote-src. */
function loadRemoteImages(root: HTMLElement | null) {
  for (const img of root?.querySelectorAll<HTMLImageElement>('img[data-remote-src]') ?? []) {
    const url = img.dataset.remoteSrc ?? '';
    if (/^https?:\/\//i.test(url)) img.src = url;
  }
}

function MessageItem({ number, message }: { number: number; message: Message }) {
  const { t } = useTranslation();
  const body = useRef<HTMLDivElement>(null);
  const [remoteShown, setRemoteShown] = useState(false);
  const hasRemote = message.html.includes('data-remote-src') || !!message.mail?.quotedHtml?.includes('data-remote-src');
  const showRemote = () => {
    setRemoteShown(true);
    // The whole message: its text and its folded history.
    loadRemoteImages(body.current?.parentElement ?? null);
  };
  const formatRelative = useFormatRelative();
  const formatNumber = useFormatNumber();
  const time = formatRelative(message.createdAt);
  const note = message.kind === 'note';
  const fromCustomer = message.kind === 'customer';

  if (message.kind === 'system') {
    return (
      <Text size="sm" c="dimmed" ta="center" component="article">
        {message.system ? t(`tickets.system.${message.system.key}`, message.system.params) : message.text} ·{' '}
        <time dateTime={message.createdAt}>{time.relative}</time>
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
      <Typography ref={body}>
        {/* The server sanitised this HTML before storing it. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side */}
        <Box fz="sm" style={{ overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: message.html }} />
      </Typography>
      {hasRemote && !remoteShown && (
        <Button size="compact-xs" variant="default" mt="xs" onClick={showRemote}>
          {t('tickets.message.showRemoteImages')}
        </Button>
      )}
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
      <MailExtras number={number} message={message} />
      <Delivery number={number} message={message} />
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
        <MessageItem key={m.id} number={number} message={m} />
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
