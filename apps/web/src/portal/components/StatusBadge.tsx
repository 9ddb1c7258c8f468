import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PortalStatus } from '../api';

const colors: Record<PortalStatus, string> = { open: 'blue', pending: 'yellow', solved: 'green', closed: 'gray' };

/** A request's state as the customer is told it. */
export function StatusBadge({ status }: { status: PortalStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light">
      {t(`portal.status.${status}`)}
    </Badge>
  );
}
