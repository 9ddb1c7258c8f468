// One answer in the feedback inbox: score, comment, who and which ticket, its themes (tags), and what
// was done about it (a follow-up ticket, a forward to the product team).
import { Anchor, Badge, Button, Card, Group, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type FeedbackItem, useSetFeedbackTags } from '../api';
import { isoFromMs } from '../format';
import { cleanTags, MAX_TAGS } from '../tags';
import { FollowUpModal } from './FollowUpModal';
import { ForwardModal } from './ForwardModal';
import { ScoreBadge } from './ScoreBadge';

function ThemesEditor({ item, onDone }: { item: FeedbackItem; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSetFeedbackTags();
  const [tags, setTags] = useState(item.tags);
  return (
    <Stack gap="xs">
      <ErrorAlert error={save.error} />
      <TagsInput
        label={t('feedback.item.themes')}
        description={t('feedback.item.themesHint')}
        value={tags}
        onChange={(v) => setTags(cleanTags(v))}
        maxTags={MAX_TAGS}
        clearable
        data-autofocus
      />
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          size="xs"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { id: item.id, tags },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('feedback.item.themesSaved') });
                  onDone();
                },
              },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function FeedbackItemCard({ item }: { item: FeedbackItem }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [editingThemes, setEditingThemes] = useState(false);
  const [dialog, setDialog] = useState<'follow-up' | 'forward' | null>(null);

  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      aria-label={t('feedback.item.label', { name: item.customer.name })}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="wrap">
            <ScoreBadge kind={item.kind} score={item.score} />
            <Text fw={600} size="sm">
              {item.customer.name}
            </Text>
            <Text size="sm" c="dimmed" dir="ltr">
              {item.customer.email}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" component="time" dateTime={isoFromMs(item.answeredAt)}>
            {formatDateTime(isoFromMs(item.answeredAt))}
          </Text>
        </Group>

        {item.comment ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            “{item.comment}”
          </Text>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {t('feedback.item.noComment')}
          </Text>
        )}

        <Group gap="md" wrap="wrap">
          {item.ticket ? (
            <Text size="xs">
              <Anchor component={Link} to={`/tickets/${item.ticket.number}`} size="xs">
                #{item.ticket.number} {item.ticket.subject}
              </Anchor>
              <Text span c="dimmed" size="xs">
                {' '}
                · {t(`tickets.channel.${item.ticket.channel}`)}
              </Text>
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {t('feedback.item.noTicket')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('feedback.item.agent', { name: item.agent?.name ?? t('feedback.item.nobody') })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('feedback.item.team', { name: item.team?.name ?? t('feedback.item.nobody') })}
          </Text>
        </Group>

        {editingThemes ? (
          <ThemesEditor item={item} onDone={() => setEditingThemes(false)} />
        ) : (
          <Group gap={4} wrap="wrap">
            {item.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray" tt="none">
                {tag}
              </Badge>
            ))}
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => setEditingThemes(true)}
              aria-label={t('feedback.item.editThemesFor', { name: item.customer.name })}
            >
              {item.tags.length ? t('feedback.item.editThemes') : t('feedback.item.addThemes')}
            </Button>
          </Group>
        )}

        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={2}>
            {item.followUpTicketNumber !== null && (
              <Text size="xs">
                {t('feedback.item.followedUp')}{' '}
                <Anchor component={Link} to={`/tickets/${item.followUpTicketNumber}`} size="xs">
                  #{item.followUpTicketNumber}
                </Anchor>
              </Text>
            )}
            {item.forwarded && (
              <Text size="xs" c="dimmed">
                {item.forwarded.by
                  ? t('feedback.item.forwardedBy', {
                      to: item.forwarded.to,
                      when: formatDateTime(isoFromMs(item.forwarded.at)),
                      name: item.forwarded.by.name,
                    })
                  : t('feedback.item.forwarded', {
                      to: item.forwarded.to,
                      when: formatDateTime(isoFromMs(item.forwarded.at)),
                    })}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            {item.followUpTicketNumber === null && (
              <Button size="xs" variant="light" onClick={() => setDialog('follow-up')}>
                {t('feedback.item.followUp')}
              </Button>
            )}
            {!item.forwarded && (
              <Button size="xs" variant="default" onClick={() => setDialog('forward')}>
                {t('feedback.item.forward')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
      {dialog === 'follow-up' && <FollowUpModal item={item} onClose={() => setDialog(null)} />}
      {dialog === 'forward' && <ForwardModal item={item} onClose={() => setDialog(null)} />}
    </Card>
  );
}
