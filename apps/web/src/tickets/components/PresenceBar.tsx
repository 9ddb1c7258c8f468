// Collision warning: who else has this ticket open, and who is typing on it.
import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../presence';

function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function PresenceBar({ others }: { others: PresenceEntry[] }) {
  const { t } = useTranslation();
  if (others.length === 0) return null;
  return (
    <Group gap="xs" role="status" aria-live="polite">
      <Avatar.Group spacing="sm">
        {others.map((o) => (
          <Tooltip key={o.userId} label={o.name}>
            <Avatar size="sm" radius="xl" color={o.typing ? 'orange' : 'grape'}>
              {initials(o.name)}
            </Avatar>
          </Tooltip>
        ))}
      </Avatar.Group>
      <Text size="sm" c="dimmed">
        {others
          .map((o) =>
            o.typing ? t('tickets.presence.typing', { name: o.name }) : t('tickets.presence.viewing', { name: o.name }),
          )
          .join(' · ')}
      </Text>
    </Group>
  );
}
