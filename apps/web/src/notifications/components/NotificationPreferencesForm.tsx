// My account → Notifications: for each kind, in the app and/or by email.
import { Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import {
  NOTIFICATION_KINDS,
  type NotificationPreference,
  useNotificationPreferences,
  useSaveNotificationPreferences,
} from '../api';

function Form({ initial }: { initial: NotificationPreference[] }) {
  const { t } = useTranslation();
  const save = useSaveNotificationPreferences();
  const [prefs, setPrefs] = useState<NotificationPreference[]>(() =>
    NOTIFICATION_KINDS.map((kind) => initial.find((p) => p.kind === kind) ?? { kind, inApp: true, email: false }),
  );
  const set = (kind: string, patch: Partial<NotificationPreference>) =>
    setPrefs((all) => all.map((p) => (p.kind === kind ? { ...p, ...patch } : p)));

  return (
    <Stack gap="sm" maw={560}>
      <Text size="sm" c="dimmed">
        {t('notifications.preferences.help')}
      </Text>
      <ErrorAlert error={save.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('notifications.preferences.event')}</Table.Th>
            <Table.Th>{t('notifications.preferences.inApp')}</Table.Th>
            <Table.Th>{t('notifications.preferences.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {prefs.map((p) => {
            const label = t(`notifications.preferences.kinds.${p.kind}`);
            return (
              <Table.Tr key={p.kind}>
                <Table.Td>{label}</Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('notifications.preferences.inAppFor', { kind: label })}
                    checked={p.inApp}
                    onChange={(e) => set(p.kind, { inApp: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('notifications.preferences.emailFor', { kind: label })}
                    checked={p.email}
                    onChange={(e) => set(p.kind, { email: e.currentTarget.checked })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(prefs, { onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }) })
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function NotificationPreferencesForm() {
  const prefs = useNotificationPreferences();
  if (prefs.isPending) return <Loading />;
  if (prefs.isError) return <ErrorAlert error={prefs.error} onRetry={() => void prefs.refetch()} />;
  return <Form initial={prefs.data} />;
}
