// Links between the analytics pages; each keeps the filters of the page it is on.
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { can, useCurrentUser } from '../../auth/session';

const SECTIONS = [
  { key: 'overview', to: '/analytics' },
  { key: 'agents', to: '/analytics/agents' },
  { key: 'teams', to: '/analytics/teams' },
  { key: 'channels', to: '/analytics/channels' },
  { key: 'hours', to: '/analytics/hours' },
  { key: 'sla', to: '/analytics/sla' },
  { key: 'reports', to: '/analytics/reports' },
  { key: 'schedules', to: '/analytics/schedules' },
] as const;

export function SectionNav({ search }: { search: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { role } = useCurrentUser();
  // Schedules are for the roles that may mail reports; an agent would only meet a refusal there.
  const sections = SECTIONS.filter((s) => s.key !== 'schedules' || can.scheduleReports(role));
  return (
    <Group component="nav" aria-label={t('analytics.sections.label')} gap={4} mb="md" wrap="wrap">
      {sections.map((section) => {
        const active = section.to === '/analytics' ? pathname === '/analytics' : pathname.startsWith(section.to);
        return (
          <Button
            key={section.key}
            component={Link}
            to={search ? `${section.to}?${search}` : section.to}
            variant={active ? 'light' : 'subtle'}
            size="compact-md"
            aria-current={active ? 'page' : undefined}
          >
            {t(`analytics.sections.${section.key}`)}
          </Button>
        );
      })}
    </Group>
  );
}
