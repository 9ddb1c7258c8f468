// Create or edit an IMAP mailbox: the server and how to reach it, the sign-in (the password is
// write-only: left empty on an edit, the stored one stays), the folder to read and where processed
// mail goes, and a "Test connection" that signs in and lists the folders found.
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import {
  DEFAULT_PORT,
  MAIL_SECURITY,
  type MailAccount,
  type MailSecurity,
  useSaveMailAccount,
  useTestMailAccount,
} from '../api';

interface Props {
  account: MailAccount | null;
  onClose: () => void;
}

export function MailAccountFormModal({ account, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSaveMailAccount();
  const test = useTestMailAccount();
  const [name, setName] = useState(account?.name ?? '');
  const [host, setHost] = useState(account?.host ?? '');
  const [security, setSecurity] = useState<MailSecurity>(account?.security ?? 'tls');
  const [port, setPort] = useState<number | string>(account?.port ?? DEFAULT_PORT.tls);
  const [username, setUsername] = useState(account?.username ?? '');
  const [password, setPassword] = useState('');
  const [mailbox, setMailbox] = useState(account?.mailbox ?? 'INBOX');
  const [moveTo, setMoveTo] = useState(account?.moveTo ?? '');
  const [active, setActive] = useState(account?.active ?? true);
  const [allowSelfSigned, setAllowSelfSigned] = useState(account?.allowSelfSigned ?? false);
  // Errors of either request: the last one made speaks.
  const [lastRequest, setLastRequest] = useState<'save' | 'test'>('save');
  const errorOf = (field: string) => fieldError(lastRequest === 'save' ? save.error : test.error, field);

  const connection = () => ({
    host: host.trim(),
    port: typeof port === 'number' ? port : Number(port) || 0,
    security,
    username: username.trim(),
    ...(password ? { password } : {}),
    // Without encryption there is no certificate to check.
    allowSelfSigned: security !== 'none' && allowSelfSigned,
  });

  const runTest = () => {
    setLastRequest('test');
    const body = connection();
    // A new mailbox has no stored password to fall back on: say so on the field.
    test.mutate({ id: account?.id ?? null, body: account ? body : { ...body, password } });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLastRequest('save');
    save.mutate(
      {
        id: account?.id ?? null,
        body: {
          ...connection(),
          name: name.trim(),
          mailbox: mailbox.trim(),
          moveTo: moveTo.trim() || null,
          active,
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
      title={account ? t('email.mailboxes.editTitle') : t('email.mailboxes.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={lastRequest === 'save' ? save.error : test.error} />
          <TextInput
            label={t('email.mailboxes.name')}
            description={t('email.mailboxes.nameHint')}
            required
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            error={lastRequest === 'save' ? fieldError(save.error, 'name') : undefined}
            data-autofocus
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('email.mailboxes.host')}
              description={t('email.mailboxes.hostHint')}
              required
              dir="ltr"
              placeholder="imap.example.com"
              value={host}
              maxLength={255}
              onChange={(e) => setHost(e.currentTarget.value)}
              error={errorOf('host')}
            />
            <Select
              label={t('email.mailboxes.securityLabel')}
              description={t('email.mailboxes.securityHint')}
              allowDeselect={false}
              value={security}
              onChange={(v) => {
                if (!v) return;
                const next = v as MailSecurity;
                // Follow the usual port unless one of one's own was typed.
                if (port === DEFAULT_PORT[security]) setPort(DEFAULT_PORT[next]);
                setSecurity(next);
              }}
              data={MAIL_SECURITY.map((value) => ({ value, label: t(`email.mailboxes.security.${value}`) }))}
              error={errorOf('security')}
            />
            <NumberInput
              label={t('email.mailboxes.port')}
              required
              min={1}
              max={65_535}
              allowDecimal={false}
              value={port}
              onChange={setPort}
              error={errorOf('port')}
            />
          </Group>
          {security !== 'none' && (
            <Switch
              label={t('email.mailboxes.allowSelfSigned')}
              description={t('email.mailboxes.allowSelfSignedHint')}
              checked={allowSelfSigned}
              onChange={(e) => setAllowSelfSigned(e.currentTarget.checked)}
            />
          )}
          <TextInput
            label={t('email.mailboxes.username')}
            required
            dir="ltr"
            autoComplete="off"
            value={username}
            maxLength={320}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errorOf('username')}
          />
          <PasswordInput
            label={t('email.mailboxes.password')}
            description={account ? t('email.mailboxes.passwordKeep') : t('email.mailboxes.passwordHint')}
            required={!account}
            autoComplete="new-password"
            value={password}
            maxLength={1000}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errorOf('password')}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('email.mailboxes.folder')}
              required
              value={mailbox}
              maxLength={200}
              onChange={(e) => setMailbox(e.currentTarget.value)}
              error={lastRequest === 'save' ? fieldError(save.error, 'mailbox') : undefined}
            />
            <TextInput
              label={t('email.mailboxes.moveTo')}
              description={t('email.mailboxes.moveToHint')}
              value={moveTo}
              maxLength={200}
              onChange={(e) => setMoveTo(e.currentTarget.value)}
              error={lastRequest === 'save' ? fieldError(save.error, 'moveTo') : undefined}
            />
          </Group>
          <Switch
            label={t('email.mailboxes.active')}
            description={t('email.mailboxes.activeHint')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />

          <Group>
            <Button variant="light" onClick={runTest} loading={test.isPending}>
              {t('email.mailboxes.test')}
            </Button>
          </Group>
          {lastRequest === 'test' && test.data && (
            <Alert
              color={test.data.ok ? 'green' : 'red'}
              title={test.data.ok ? t('email.mailboxes.testOk') : t('email.mailboxes.testFailed')}
              role={test.data.ok ? 'status' : 'alert'}
            >
              {test.data.ok ? (
                <Text size="sm">
                  {t('email.mailboxes.foldersFound', { folders: (test.data.mailboxes ?? []).join(', ') })}
                </Text>
              ) : (
                <Text size="sm" dir="ltr">
                  {test.data.error}
                </Text>
              )}
            </Alert>
          )}

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
