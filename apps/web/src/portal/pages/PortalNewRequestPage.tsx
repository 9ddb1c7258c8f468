// A new request from a signed-in customer: subject, text and files.
import { Button, Group, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useCreatePortalTicket } from '../api';
import { FilesInput } from '../components/FilesInput';

export function PortalNewRequestPage() {
  const { t } = useTranslation();
  const create = useCreatePortalTicket();
  const navigate = useNavigate();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { subject: subject.trim(), text: text.trim(), files },
      { onSuccess: ({ ticket }) => void navigate(`/portal/requests/${ticket.number}`) },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={1} size="h2">
            {t('portal.newRequest.title')}
          </Title>
          <ErrorAlert error={create.error} />
          <TextInput
            label={t('portal.fields.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={fieldError(create.error, 'subject')}
            required
            maxLength={250}
            data-autofocus
          />
          <Textarea
            label={t('portal.fields.message')}
            description={t('portal.newRequest.messageHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldError(create.error, 'text')}
            autosize
            minRows={5}
            maxLength={20000}
            required
          />
          <FilesInput value={files} onChange={setFiles} error={fieldError(create.error, 'files')} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('portal.newRequest.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
