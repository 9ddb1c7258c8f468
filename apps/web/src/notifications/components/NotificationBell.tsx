// The bell in the header: unread count, the latest notifications, a click opens the ticket.
import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormatRelative } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { BellIcon } from '../../ui/Icons';
import { Loading } from '../../ui/Loading';
import { type Notification, useMarkRead, useNotifications } from '../api';

function Item({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const formatRelative = useFormatRelative();
  const actor = n.actor?.name ?? t('notifications.someone');
  const ticket = n.ticketNumber ? `#${n.ticketNumber} ${n.ticketSubject ?? ''}`.trim() : '';
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      p="xs"
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      bg={n.readAt ? undefined : 'var(--mantine-primary-color-light)'}
      aria-label={`${t(`notifications.kinds.${n.kind}`, { actor, ticket })}${n.readAt ? '' : ` (${t('notifications.unreadMark')})`}`}
    >
      <Text size="sm" fw={n.readAt ? 400 : 600}>
        {t(`notifications.kinds.${n.kind}`, { actor, ticket })}
      </Text>
      <Text size="xs" c="dimmed">
        {formatRelative(n.createdAt).relative}
      </Text>
    </UnstyledButton>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const unread = list.data?.pages[0]?.unread ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    setOpened(false);
    if (n.ticketNumber) void navigate(`/tickets/${n.ticketNumber}`);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
          >
            <BellIcon size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({ all: true })}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" py="md" ta="center">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={400}>
            <Stack gap={2}>
              {items.map((n) => (
                <Item key={n.id} n={n} onOpen={open} />
              ))}
              {list.hasNextPage && (
                <Button
                  variant="subtle"
                  size="xs"
                  loading={list.isFetchingNextPage}
                  onClick={() => void list.fetchNextPage()}
                >
                  {t('common.loadMore')}
                </Button>
              )}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
