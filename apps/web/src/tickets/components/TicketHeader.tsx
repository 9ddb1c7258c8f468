// The ticket's number, subject (editable in place), status and who else is here.
import { ActionIcon, Button, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { PencilIcon } from '../../ui/Icons';
import { isVersionConflict, type TicketDetail, useUpdateTicket } from '../api';
import type { PresenceEntry } from '../presence';
import { PresenceBar } from './PresenceBar';
import { PriorityBadge, StatusBadge } from './TicketBadges';

interface Props {
  ticket: TicketDetail;
  others: PresenceEntry[];
  onConflict: () => void;
}

export function TicketHeader({ ticket, others, onConflict }: Props) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.number);
  const [editing, setEditing] = useState(false);
  const [subject, setSubject] = useState(ticket.subject);
  useEffect(() => {
    document.title = `#${ticket.number} ${ticket.subject} · ${t('app.name')}`;
  }, [ticket.number, ticket.subject, t]);

  const save = () => {
    const next = subject.trim();
    if (!next || next === ticket.subject) {
      setEditing(false);
      return;
    }
    update.mutate(
      { version: ticket.version, subject: next },
      {
        onSuccess: () => setEditing(false),
        onError: (error) => {
          if (isVersionConflict(error)) onConflict();
        },
      },
    );
  };

  return (
    <Stack gap="xs" mb="md">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={t('tickets.fields.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setEditing(false);
              }}
              error={
                fieldError(update.error, 'subject') ??
                (update.error && !isVersionConflict(update.error) ? update.error.message : undefined)
              }
              data-autofocus
              autoFocus
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </form>
      ) : (
        <Group gap="xs" wrap="nowrap" align="center">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" inherit>
              #{ticket.number}
            </Text>{' '}
            {ticket.subject}
          </Title>
          {ticket.status !== 'closed' && (
            <Tooltip label={t('tickets.header.editSubject')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('tickets.header.editSubject')}
                onClick={() => {
                  setSubject(ticket.subject);
                  setEditing(true);
                }}
              >
                <PencilIcon size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      )}
      <Group gap="sm">
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <Text size="sm" c="dimmed">
          {t(`tickets.type.${ticket.type}`)} · {t(`tickets.channel.${ticket.channel}`)}
        </Text>
        {ticket.mergedInto !== null && (
          <Text size="sm" c="orange">
            {t('tickets.header.mergedInto', { number: ticket.mergedInto })}
          </Text>
        )}
        <PresenceBar others={others} />
      </Group>
    </Stack>
  );
}
