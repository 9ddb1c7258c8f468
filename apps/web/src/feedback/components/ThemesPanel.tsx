// The themes of the comments for the same filters: each term with how often it came up, its trend
// against the period before, how many of its answers scored low, and a few of the comments.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type FeedbackTheme, useFeedbackThemes } from '../api';
import type { FeedbackFilters } from '../filters';
import { formatShare, TREND_ARROW, trendParts } from '../format';
import { scoreColor } from '../scores';

function Trend({ theme }: { theme: FeedbackTheme }) {
  const { t, i18n } = useTranslation();
  const trend = trendParts(theme.trend, i18n.language);
  if (!trend) {
    return (
      <Text size="sm" c="dimmed">
        {t('feedback.themes.new')}
      </Text>
    );
  }
  return (
    <Text size="sm" aria-label={t(`feedback.themes.trend.${trend.direction}`, { points: trend.points })}>
      <span aria-hidden>{TREND_ARROW[trend.direction]}</span> {t('feedback.themes.points', { points: trend.points })}
    </Text>
  );
}

export function ThemesPanel({ filters }: { filters: FeedbackFilters }) {
  const { t, i18n } = useTranslation();
  const themes = useFeedbackThemes(filters, true);
  if (themes.isPending) return <Loading />;
  if (themes.isError) return <ErrorAlert error={themes.error} onRetry={() => void themes.refetch()} />;
  const { themes: rows, comments, previousComments } = themes.data;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('feedback.themes.summary', { comments, previous: previousComments })}
      </Text>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('feedback.themes.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('feedback.themes.term')}</Table.Th>
                <Table.Th>{t('feedback.themes.count')}</Table.Th>
                <Table.Th>{t('feedback.themes.trendHeading')}</Table.Th>
                <Table.Th>{t('feedback.themes.lowScores')}</Table.Th>
                <Table.Th>{t('feedback.themes.examples')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((theme) => (
                <Table.Tr key={theme.term}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {theme.term}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{theme.count}</Text>
                    <Text size="xs" c="dimmed">
                      {t('feedback.themes.before', { count: theme.previousCount })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Trend theme={theme} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={theme.lowScoreShare >= 0.5 ? 'red' : 'gray'} variant="light">
                      {formatShare(theme.lowScoreShare, i18n.language)}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Stack gap={4}>
                      {theme.examples.map((example) => (
                        <Group key={example.id} gap={6} wrap="nowrap" align="flex-start">
                          <Badge size="sm" color={scoreColor(example.scale, example.score)} variant="light" miw={36}>
                            {example.score}
                          </Badge>
                          <Text size="xs" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                            “{example.text}”
                          </Text>
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
