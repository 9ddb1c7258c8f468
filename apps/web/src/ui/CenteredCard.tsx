// Frame of the pages shown before sign-in: product name, language switch, one card.
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, setLocale } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function CenteredCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={420}>
        <Group justify="space-between" mb="md">
          <Text fw={700} size="xl" c="blue">
            {t('app.name')}
          </Text>
          <LanguageSwitch value={isLocale(i18n.language) ? i18n.language : 'en'} onChange={setLocale} />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md" component="main">
          <Stack gap="md">
            <div>
              <Title order={2}>{title}</Title>
              {subtitle && (
                <Text c="dimmed" size="sm" mt={4}>
                  {subtitle}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}
