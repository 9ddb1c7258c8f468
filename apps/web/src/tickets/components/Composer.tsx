// Writing to the customer or a note to colleagues: the draft survives reloads, files upload with
// progress, and the ticket's status can change with the message.
import {
  ActionIcon,
  Anchor,
  Button,
  CloseButton,
  FileButton,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import { useFormatNumber } from '../../i18n/format';
import { ErrorAlert, errorText } from '../../ui/ErrorAlert';
import {
  type Attachment,
  isVersionConflict,
  SETTABLE_STATUSES,
  type SettableStatus,
  type TicketDetail,
  uploadAttachment,
  useSendMessage,
} from '../api';
import { clearDraft, loadDraft, saveDraft } from '../draft';
import { type Mention, mentionsInText, textToHtml } from '../html';
import { MentionTextarea } from './MentionTextarea';

interface Upload {
  key: string;
  fileName: string;
  progress: number;
  error: string | null;
}

interface Props {
  ticket: TicketDetail;
  users: User[];
  onTyping: (typing: boolean) => void;
  onConflict: () => void;
  disabled?: boolean;
}

/** Stops announcing "typing" after this long without a keystroke. */
const TYPING_IDLE_MS = 3_000;

export function formatSize(bytes: number, formatNumber: (n: number) => string): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10)} KB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

export function Composer({ ticket, users, onTyping, onConflict, disabled }: Props) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const send = useSendMessage(ticket.number);
  const [initial] = useState(() => loadDraft(ticket.number));
  const [kind, setKind] = useState<'reply' | 'note'>(initial?.kind ?? 'reply');
  const [text, setText] = useState(initial?.text ?? '');
  const [mentions, setMentions] = useState<Mention[]>(initial?.mentions ?? []);
  const [status, setStatus] = useState<SettableStatus | ''>(initial?.status ?? '');
  const [attachments, setAttachments] = useState<Attachment[]>(initial?.attachments ?? []);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const typingTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    saveDraft(ticket.number, { kind, text, mentions, status, attachments, savedAt: Date.now() });
  }, [ticket.number, kind, text, mentions, status, attachments]);

  useEffect(
    () => () => {
      window.clearTimeout(typingTimer.current);
    },
    [],
  );

  const typed = (value: string) => {
    setText(value);
    onTyping(value.trim() !== '');
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(() => onTyping(false), TYPING_IDLE_MS);
  };

  const upload = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setUploads((u) => [...u, { key, fileName: file.name, progress: 0, error: null }]);
      uploadAttachment(file, (progress) =>
        setUploads((u) => u.map((x) => (x.key === key ? { ...x, progress } : x))),
      ).then(
        (attachment) => {
          setUploads((u) => u.filter((x) => x.key !== key));
          setAttachments((a) => [...a, attachment]);
        },
        (error: unknown) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, error: errorText(error, t) } : x))),
      );
    }
  };

  const uploading = uploads.some((u) => !u.error);
  const empty = text.trim() === '';
  const submit = () => {
    if (empty || uploading || send.isPending) return;
    send.mutate(
      {
        version: ticket.version,
        kind,
        html: textToHtml(text.trim(), kind === 'note' ? mentionsInText(text, mentions) : []),
        attachmentIds: attachments.map((a) => a.id),
        ...(status ? { status } : {}),
      },
      {
        onSuccess: () => {
          clearDraft(ticket.number);
          setText('');
          setMentions([]);
          setStatus('');
          setAttachments([]);
          setUploads([]);
          onTyping(false);
        },
        onError: (error) => {
          if (isVersionConflict(error)) onConflict();
        },
      },
    );
  };

  const note = kind === 'note';
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg={note ? 'var(--mantine-color-yellow-light)' : undefined}
      component="section"
      aria-label={t('tickets.composer.label')}
    >
      <Tabs
        value={kind}
        onChange={(v) => {
          if (v === 'reply' || v === 'note') setKind(v);
        }}
        mb="xs"
      >
        <Tabs.List>
          <Tabs.Tab value="reply">{t('tickets.composer.reply')}</Tabs.Tab>
          <Tabs.Tab value="note">{t('tickets.composer.note')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Stack gap="xs">
        {send.error && !isVersionConflict(send.error) ? <ErrorAlert error={send.error} /> : null}
        <MentionTextarea
          aria-label={note ? t('tickets.composer.noteText') : t('tickets.composer.replyText')}
          placeholder={note ? t('tickets.composer.notePlaceholder') : t('tickets.composer.replyPlaceholder')}
          autosize
          minRows={4}
          maxRows={16}
          value={text}
          onChange={typed}
          mentionable={note}
          users={users}
          onMention={(m) => setMentions((all) => [...all, m])}
          disabled={disabled}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {(attachments.length > 0 || uploads.length > 0) && (
          <Stack gap={4} aria-label={t('tickets.composer.attachments')}>
            {attachments.map((a) => (
              <Group key={a.id} gap="xs" wrap="nowrap">
                <Anchor href={a.url} size="sm" target="_blank" rel="noopener">
                  {a.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatSize(a.size, formatNumber)}
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={t('tickets.composer.removeAttachment', { name: a.fileName })}
                  onClick={() => setAttachments((all) => all.filter((x) => x.id !== a.id))}
                />
              </Group>
            ))}
            {uploads.map((u) => (
              <Group key={u.key} gap="xs" wrap="nowrap">
                <Text size="sm" c={u.error ? 'red' : undefined}>
                  {u.fileName}
                </Text>
                {u.error ? (
                  <>
                    <Text size="xs" c="red" role="alert">
                      {u.error}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('tickets.composer.dismissUpload', { name: u.fileName })}
                      onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}
                    >
                      ×
                    </ActionIcon>
                  </>
                ) : (
                  <Progress
                    value={u.progress * 100}
                    w={160}
                    aria-label={t('tickets.composer.uploading', { name: u.fileName })}
                  />
                )}
              </Group>
            ))}
          </Stack>
        )}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <FileButton onChange={upload} multiple>
            {(props) => (
              <Button {...props} variant="default" size="xs" disabled={disabled}>
                {t('tickets.composer.attach')}
              </Button>
            )}
          </FileButton>
          <Group gap="xs" wrap="wrap">
            <Select
              size="xs"
              aria-label={t('tickets.composer.statusOnSend')}
              value={status || 'keep'}
              allowDeselect={false}
              onChange={(v) => setStatus(SETTABLE_STATUSES.find((s) => s === v) ?? '')}
              data={[
                {
                  value: 'keep',
                  label: t('tickets.composer.keepStatus', { status: t(`tickets.status.${ticket.status}`) }),
                },
                ...SETTABLE_STATUSES.map((value) => ({
                  value,
                  label: t('tickets.composer.sendAs', { status: t(`tickets.status.${value}`) }),
                })),
              ]}
              w={220}
            />
            <Button
              size="xs"
              color={note ? 'yellow' : undefined}
              onClick={submit}
              loading={send.isPending}
              disabled={empty || uploading || disabled}
            >
              {note ? t('tickets.composer.sendNote') : t('tickets.composer.sendReply')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
