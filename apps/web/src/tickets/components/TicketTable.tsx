// The inbox list: one row per ticket, a checkbox to select it, the keyboard cursor highlighted.
import { Anchor, Checkbox, Mark, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatRelative } from '../../i18n/format';
import { SlaBadge } from '../../sla/components/SlaBadge';
import type { TicketSummary } from '../api';
import { snippetParts } from '../html';
import { PriorityBadge, StatusBadge } from './TicketBadges';

interface Props {
  tickets: TicketSummary[];
  cursor: number;
  selected: number[];
  onToggle: (number: number) => void;
  onToggleAll: () => void;
  onCursor: (index: number) => void;
}

function Snippet({ text }: { text: string }) {
  return (
    <Text size="xs" c="dimmed" lineClamp={2}>
      {snippetParts(text).map((part, i) =>
        part.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed for one snippet
          <Mark key={i}>{part.text}</Mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed for one snippet
          <span key={i}>{part.text}</span>
        ),
      )}
    </Text>
  );
}

export function TicketTable({ tickets, cursor, selected, onToggle, onToggleAll, onCursor }: Props) {
  const { t } = useTranslation();
  const formatRelative = useFormatRelative();
  const cursorRow = useRef<HTMLTableRowElement>(null);
  const all = tickets.length > 0 && tickets.every((ticket) => selected.includes(ticket.number));
  const some = !all && tickets.some((ticket) => selected.includes(ticket.number));

  // Keep the keyboard's row in sight.
  useEffect(() => {
    if (cursor >= 0) cursorRow.current?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={t('tickets.inbox.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t('tickets.inbox.selectAll')}
                checked={all}
                indeterminate={some}
                onChange={onToggleAll}
              />
            </Table.Th>
            <Table.Th w={80}>#</Table.Th>
            <Table.Th>{t('tickets.fields.subject')}</Table.Th>
            <Table.Th>{t('tickets.fields.requester')}</Table.Th>
            <Table.Th>{t('tickets.fields.status')}</Table.Th>
            <Table.Th>{t('tickets.fields.priority')}</Table.Th>
            <Table.Th>{t('sla.timers.column')}</Table.Th>
            <Table.Th>{t('tickets.fields.assignee')}</Table.Th>
            <Table.Th>{t('tickets.fields.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket, index) => {
            const isCursor = index === cursor;
            const isSelected = selected.includes(ticket.number);
            const updated = formatRelative(ticket.updatedAt);
            return (
              <Table.Tr
                key={ticket.number}
                ref={isCursor ? cursorRow : undefined}
                aria-current={isCursor ? 'true' : undefined}
                bg={isCursor ? 'var(--mantine-primary-color-light)' : undefined}
                style={isCursor ? { boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)' } : undefined}
                onClick={() => onCursor(index)}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={t('tickets.inbox.selectTicket', { number: ticket.number })}
                    checked={isSelected}
                    onChange={() => onToggle(ticket.number)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    #{ticket.number}
                  </Text>
                </Table.Td>
                <Table.Td miw={260} maw={520}>
                  <Anchor component={Link} to={`/tickets/${ticket.number}`} size="sm" fw={500}>
                    {ticket.subject}
                  </Anchor>
                  {ticket.snippet && <Snippet text={ticket.snippet} />}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" miw={120}>
                    {ticket.requester.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={ticket.status} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={ticket.priority} />
                </Table.Td>
                <Table.Td>
                  <SlaBadge timers={ticket.sla} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={ticket.assignee ? undefined : 'dimmed'} miw={100}>
                    {ticket.assignee?.name ?? t('tickets.inbox.unassigned')}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip label={updated.exact}>
                    <Text size="sm" component="time" dateTime={ticket.updatedAt}>
                      {updated.relative}
                    </Text>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
