// The inbox's views: built-in and shared ones first, then my own, each with its live count.
import { Badge, Button, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatNumber } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useViewCounts, useViews, type View } from '../api';
import { useViewName } from '../hooks/useViewName';

interface Props {
  activeId: number | null;
  selfId: number;
  onNewView: () => void;
}

function ViewLink({ view, active, count }: { view: View; active: boolean; count: number | undefined }) {
  const viewName = useViewName();
  const formatNumber = useFormatNumber();
  return (
    <NavLink
      component={Link}
      to={`/tickets/views/${view.id}`}
      label={viewName(view)}
      active={active}
      aria-current={active ? 'page' : undefined}
      rightSection={
        count !== undefined && (
          <Badge size="sm" variant={active ? 'filled' : 'light'} circle={count < 10}>
            {/* The server counts up to 10,000. */}
            {count >= 10_000 ? `${formatNumber(10_000)}+` : formatNumber(count)}
          </Badge>
        )
      }
    />
  );
}

export function ViewSidebar({ activeId, selfId, onNewView }: Props) {
  const { t } = useTranslation();
  const views = useViews();
  const counts = useViewCounts();
  if (views.isPending) return <Loading />;
  if (views.isError) return <ErrorAlert error={views.error} onRetry={() => void views.refetch()} />;

  const mine = views.data.filter((v) => !v.systemKey && !v.shared && v.ownerId === selfId);
  const shared = views.data.filter((v) => !mine.includes(v));
  const countOf = (view: View) => counts.data?.[String(view.id)] ?? view.count;

  return (
    <Stack gap={2} component="nav" aria-label={t('tickets.views.title')}>
      <NavLink
        component={Link}
        to="/tickets"
        label={t('tickets.views.allTickets')}
        active={activeId === null}
        aria-current={activeId === null ? 'page' : undefined}
      />
      {shared.map((view) => (
        <ViewLink key={view.id} view={view} active={view.id === activeId} count={countOf(view)} />
      ))}
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4} component="h3">
        {t('tickets.views.mine')}
      </Text>
      {mine.length === 0 && (
        <Text size="xs" c="dimmed" px="sm">
          {t('tickets.views.noneMine')}
        </Text>
      )}
      {mine.map((view) => (
        <ViewLink key={view.id} view={view} active={view.id === activeId} count={countOf(view)} />
      ))}
      <Button variant="subtle" size="xs" mt="sm" onClick={onNewView}>
        {t('tickets.views.new')}
      </Button>
    </Stack>
  );
}
