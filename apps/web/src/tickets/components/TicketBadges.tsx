// The status and priority of a ticket as small coloured badges, in the UI language.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketPriority, TicketStatus } from '../api';

const STATUS_COLOURS: Record<TicketStatus, string> = {
  new: 'yellow',
  open: 'red',
  pending: 'blue',
  on_hold: 'dark',
  solved: 'gray',
  closed: 'gray',
};

const PRIORITY_COLOURS: Record<TicketPriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant={status === 'closed' ? 'outline' : 'light'} miw="max-content">
      {t(`tickets.status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLOURS[priority]} variant="dot" miw="max-content">
      {t(`tickets.priority.${priority}`)}
    </Badge>
  );
}
