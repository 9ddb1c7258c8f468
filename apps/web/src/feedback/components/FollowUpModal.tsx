// "Follow up" on an answer: a new ticket to the customer with this reply; afterwards a link to it.
import { Alert, Anchor, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldError } from '../../lib/api';
import { textToHtml } from '../../tickets/html';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type FeedbackItem, useFollowUp } from '../api';

export function FollowUpModal({ item, onClose }: { item: FeedbackItem; onClose: () => void }) {
  const { t } = useTranslation();
  const followUp = useFollowUp();
  const [subject, setSubject] = useState(
    item.ticket
      ? t('feedback.followUp.defaultSubject', { subject: item.ticket.subject })
      : t('feedback.followUp.subjectNoTicket'),
  );
  const [message, setMessage] = useState('');
  const created = followUp.data?.ticketNumber ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    followUp.mutate({ id: item.id, subject: subject.trim(), html: textToHtml(message.trim()) });
  };

  return (
    <Modal opened onClose={onClose} title={t('feedback.followUp.title', { name: item.customer.name })} size="lg">
      {created !== null ? (
        <Stack gap="md">
          <Alert color="green" variant="light" role="status">
            {t('feedback.followUp.created', { number: created })}{' '}
            <Anchor component={Link} to={`/tickets/${created}`}>
              {t('feedback.followUp.open', { number: created })}
            </Anchor>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('feedback.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={followUp.error} />
            <TextInput
              label={t('feedback.followUp.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={fieldError(followUp.error, 'subject')}
              required
              maxLength={250}
            />
            <Textarea
              label={t('feedback.followUp.message')}
              description={t('feedback.followUp.messageHint', { email: item.customer.email })}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={fieldError(followUp.error, 'html')}
              autosize
              minRows={5}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={followUp.isPending} disabled={!subject.trim() || !message.trim()}>
                {t('feedback.followUp.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
