// The frame of the public survey pages: the company's name and one card, nothing of the staff app or
// the portal (the customer came from a mail and is usually not signed in anywhere).
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The company's name once the survey loaded. */
  companyName?: string;
  title: string;
  subtitle?: string;
  children?: ReactNode;
}

export function SurveyFrame({ companyName, title, subtitle, children }: Props) {
  const { t } = useTranslation();
  const brand = companyName || t('app.name');
  useEffect(() => {
    document.title = `${title} · ${brand}`;
  }, [title, brand]);
  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={720}>
        <Text fw={700} size="xl" c="blue" mb="md">
          {brand}
        </Text>
        <Paper withBorder shadow="sm" p="lg" radius="md" component="main">
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
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
