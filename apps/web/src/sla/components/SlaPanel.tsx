// The ticket page's SLA panel: every target the ticket still owes, with its countdown and due time.
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SlaTimer } from '../../tickets/api';
import { SlaBadge, useDueText } from './SlaBadge';

export function SlaPanel({ timers }: { timers: readonly SlaTimer[] }) {
  const { t } = useTranslation();
  const dueText = useDueText();
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('sla.timers.panel.title')}>
      <Stack gap="xs">
        <Title order={3} size="h6" c="dimmed" tt="uppercase">
          {t('sla.timers.panel.title')}
        </Title>
        {timers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sla.timers.panel.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {timers.map((timer) => (
              <li key={timer.metric}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <div>
                    <Text size="sm" fw={500}>
                      {t(`sla.timers.metric.${timer.metric}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {dueText(timer)}
                    </Text>
                  </div>
                  <SlaBadge timers={[timer]} />
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
