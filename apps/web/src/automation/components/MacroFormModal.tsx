// Create or edit a macro: name, description, shared or personal, the reply in English and Hindi
// with placeholders, whether it is a public reply or an internal note, and its actions.
import { Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { fieldError } from '../../lib/api';
import { useAllUsers, useTeams } from '../../people/api';
import { useCustomFields } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type Macro, type MacroAction, REPLY_KINDS, type ReplyKind, useSaveMacro } from '../api';
import { refusedPlaceholders } from '../macros';
import { ActionEditor } from './ActionEditor';
import { ReplyInput } from './ReplyInput';

interface Props {
  macro: Macro | null;
  placeholders: string[];
  /** Whether the user may make it shared (admins and managers). */
  canShare: boolean;
  onClose: () => void;
}

export function MacroFormModal({ macro, placeholders, canShare, onClose }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const save = useSaveMacro();
  const users = useAllUsers();
  const teams = useTeams();
  const fields = useCustomFields();
  const [name, setName] = useState(macro?.name ?? '');
  const [description, setDescription] = useState(macro?.description ?? '');
  const [shared, setShared] = useState(macro?.shared ?? canShare);
  const [active, setActive] = useState(macro?.active ?? true);
  const [replyKind, setReplyKind] = useState<ReplyKind>(macro?.replyKind ?? 'public');
  const [replyEn, setReplyEn] = useState(macro?.replyEn ?? '');
  const [replyHi, setReplyHi] = useState(macro?.replyHi ?? '');
  const [actions, setActions] = useState<MacroAction[]>(macro?.actions ?? []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: macro?.id ?? null,
        body: {
          name: name.trim(),
          description: description.trim(),
          // Only sent when it may change: an agent's personal macro stays personal.
          ...(canShare ? { shared } : {}),
          active,
          replyKind,
          replyEn,
          replyHi,
          actions,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={macro ? t('automation.macros.editTitle') : t('automation.macros.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('automation.macros.name')}
            required
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            data-autofocus
          />
          <Textarea
            label={t('automation.macros.description')}
            value={description}
            maxLength={500}
            autosize
            minRows={1}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(save.error, 'description')}
          />
          {canShare ? (
            <Radio.Group
              label={t('automation.macros.visibility')}
              value={shared ? 'shared' : 'personal'}
              onChange={(v) => setShared(v === 'shared')}
            >
              <Group mt={4}>
                <Radio value="shared" label={t('automation.macros.sharedHelp')} />
                <Radio value="personal" label={t('automation.macros.personalHelp', { name: me.name })} />
              </Group>
            </Radio.Group>
          ) : (
            <Text size="sm" c="dimmed">
              {macro?.shared ? t('automation.macros.sharedReadonly') : t('automation.macros.personalOnly')}
            </Text>
          )}
          <Checkbox
            label={t('automation.macros.activeHelp')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />

          <Title order={4} mt="sm">
            {t('automation.macros.reply')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('automation.macros.replyHelp')}
          </Text>
          <Radio.Group
            label={t('automation.macros.replyKind')}
            value={replyKind}
            onChange={(v) => setReplyKind(v as ReplyKind)}
          >
            <Group mt={4}>
              {REPLY_KINDS.map((kind) => (
                <Radio key={kind} value={kind} label={t(`automation.macros.kind.${kind}`)} />
              ))}
            </Group>
          </Radio.Group>
          <ReplyInput
            lang="en"
            label={t('automation.macros.replyEn')}
            value={replyEn}
            onChange={setReplyEn}
            placeholders={placeholders}
            serverError={fieldError(save.error, 'replyEn')}
            refused={refusedPlaceholders(save.error, 'replyEn')}
          />
          <ReplyInput
            lang="hi"
            label={t('automation.macros.replyHi')}
            value={replyHi}
            onChange={setReplyHi}
            placeholders={placeholders}
            serverError={fieldError(save.error, 'replyHi')}
            refused={refusedPlaceholders(save.error, 'replyHi')}
          />

          <Title order={4} mt="sm">
            {t('automation.macros.actionsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('automation.macros.actionsHelp')}
          </Text>
          {fieldError(save.error, 'actions') && (
            <Text size="sm" c="red" role="alert">
              {fieldError(save.error, 'actions')}
            </Text>
          )}
          <ActionEditor
            actions={actions}
            onChange={setActions}
            users={users.data ?? []}
            teams={teams.data ?? []}
            fields={fields.data ?? []}
            error={save.error}
          />

          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
