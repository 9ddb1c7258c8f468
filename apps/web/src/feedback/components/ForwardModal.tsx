// "Forward to product": the comment goes to the product team's address or webhook from the survey
// settings, with an optional note. Without a target the server answers 409; admins and managers get a
// link to set one.
import { Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../auth/session';
import { ApiError, fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type FeedbackItem, useForwardFeedback } from '../api';

export function ForwardModal({ item, onClose }: { item: FeedbackItem; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const forward = useForwardFeedback();
  const [note, setNote] = useState('');
  const noTarget = forward.error instanceof ApiError && forward.error.code === 'no_product_feedback_target';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    forward.mutate(
      { id: item.id, note: note.trim() || undefined },
      {
        onSuccess: ({ item: saved }) => {
          notifications.show({
            color: 'green',
            message: t('feedback.forward.done', { to: saved.forwarded?.to ?? '' }),
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('feedback.forward.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('feedback.forward.help')}
          </Text>
          {item.comment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              “{item.comment}”
            </Text>
          )}
          <ErrorAlert error={forward.error && !fieldError(forward.error, 'note') ? forward.error : null} />
          {noTarget && can.manageSurveys(me.role) && (
            <Anchor component={Link} to="/admin/surveys" size="sm">
              {t('feedback.forward.setTarget')}
            </Anchor>
          )}
          <Textarea
            label={t('feedback.forward.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError(forward.error, 'note')}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={forward.isPending}>
              {t('feedback.forward.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
