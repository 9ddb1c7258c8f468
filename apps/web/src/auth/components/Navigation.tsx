// Navigation lists only the areas that exist, and only those the role may use.
import { NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../api';
import { can } from '../session';

interface Item {
  to: string;
  label: string;
}

function Section({ title, items }: { title?: string; items: Item[] }) {
  const { pathname } = useLocation();
  return (
    <Stack gap={2} mb="md">
      {title && (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={4} component="h2">
          {title}
        </Text>
      )}
      {items.map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={active}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
    </Stack>
  );
}

export function Navigation({ role }: { role: Role }) {
  const { t } = useTranslation();
  const people: Item[] = [
    { to: '/admin/users', label: t('nav.users') },
    { to: '/admin/teams', label: t('nav.teams') },
    ...(can.manageOrganisations(role) ? [{ to: '/admin/organisations', label: t('nav.organisations') }] : []),
    ...(can.manageSurveys(role) ? [{ to: '/admin/surveys', label: t('feedback.settings.nav') }] : []),
    ...(can.manageCalendars(role)
      ? [
          { to: '/admin/calendars', label: t('nav.calendars') },
          // The same roles as calendars (the server's sla.manage).
          { to: '/admin/sla-policies', label: t('nav.slaPolicies') },
          { to: '/admin/escalation-rules', label: t('escalation.rules.nav') },
          // Triggers and time rules: the same roles (the server's automation.manage).
          { to: '/admin/triggers', label: t('automation.triggers.nav') },
          { to: '/admin/time-rules', label: t('automation.timeRules.nav') },
        ]
      : []),
  ];
  // Every member of staff keeps personal macros; admins and managers find them beside SLA policies.
  const macros: Item = { to: '/admin/macros', label: t('automation.macros.nav') };
  return (
    <>
      <Section
        items={[
          ...(can.workTickets(role) ? [{ to: '/tickets', label: t('nav.tickets') }] : []),
          ...(can.viewEscalations(role) ? [{ to: '/escalations', label: t('escalation.view.nav') }] : []),
          // Every member of staff; the server narrows what each role's figures cover.
          { to: '/analytics', label: t('analytics.name') },
          // Every member of staff; an agent sees the answers on their own tickets.
          { to: '/feedback', label: t('feedback.nav') },
          ...(can.viewPeople(role) ? [] : [macros]),
          { to: '/account', label: t('nav.myAccount') },
        ]}
      />
      {can.administer(role) ? (
        <Section
          title={t('nav.admin')}
          items={[
            ...people,
            macros,
            ...(can.manageChannels(role)
              ? [
                  { to: '/admin/email/addresses', label: t('nav.supportAddresses') },
                  { to: '/admin/email/mailboxes', label: t('nav.mailboxes') },
                  { to: '/admin/email/outgoing', label: t('nav.outgoingMail') },
                ]
              : []),
            { to: '/admin/tokens', label: t('nav.apiTokens') },
            { to: '/admin/custom-fields', label: t('nav.customFields') },
            { to: '/admin/audit-log', label: t('nav.auditLog') },
            { to: '/admin/settings', label: t('nav.settings') },
          ]}
        />
      ) : (
        can.viewPeople(role) && <Section title={t('nav.people')} items={[...people, macros]} />
      )}
    </>
  );
}
