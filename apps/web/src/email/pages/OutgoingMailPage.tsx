// Outgoing mail (/admin/email/outgoing): the SMTP server every mail goes out through, set here or
// taken from SMTP_URL, with a test mail for the settings in the form or the ones in use. Admins only.
import { Alert, Button, Group, NumberInput, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { fieldError } from '../../lib/api';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import {
  type MailSecurityMode,
  type OutgoingBody,
  type OutgoingSettings,
  useClearOutgoing,
  useOutgoing,
  useSaveOutgoing,
  useTestOutgoing,
} from '../api';

const MODES: MailSecurityMode[] = ['starttls', 'tls', 'none'];

function OutgoingForm({ current }: { current: OutgoingSettings }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const save = useSaveOutgoing();
  const clear = useClearOutgoing();
  const test = useTestOutgoing();
  const smtp = current.smtp;
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState<number | string>(smtp?.port ?? 587);
  const [security, setSecurity] = useState<MailSecurityMode>(smtp?.security ?? 'starttls');
  const [username, setUsername] = useState(smtp?.username ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const [to, setTo] = useState(me.email);

  const body = (): OutgoingBody => ({
    host: host.trim(),
    port: typeof port === 'number' ? port : Number(port),
    security,
    username: username.trim() || null,
    ...(password ? { password } : {}),
    from: from.trim(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(body(), {
      onSuccess: () => notifications.show({ color: 'green', message: t('email.outgoing.saved') }),
    });
  };
  const sendTest = (withForm: boolean) => test.mutate({ to: to.trim(), ...(withForm ? { smtp: body() } : {}) });

  return (
    <Stack gap="md" maw={640}>
      <Alert color={current.source === 'outbox' ? 'orange' : 'blue'} variant="light">
        {t(`email.outgoing.source.${current.source}`)}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <Group grow align="flex-start">
            <TextInput
              label={t('email.outgoing.host')}
              placeholder="smtp.example.com"
              value={host}
              onChange={(e) => setHost(e.currentTarget.value)}
              error={fieldError(save.error, 'host')}
              required
              dir="ltr"
            />
            <NumberInput
              label={t('email.outgoing.port')}
              value={port}
              onChange={setPort}
              min={1}
              max={65535}
              allowDecimal={false}
              error={fieldError(save.error, 'port')}
              required
              maw={140}
            />
          </Group>
          <Select
            label={t('email.outgoing.security')}
            value={security}
            onChange={(v) => v && setSecurity(v as MailSecurityMode)}
            data={MODES.map((m) => ({ value: m, label: t(`email.outgoing.securityOption.${m}`) }))}
            error={fieldError(save.error, 'security')}
            allowDeselect={false}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('email.outgoing.username')}
              description={t('email.outgoing.usernameHint')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={fieldError(save.error, 'username')}
              autoComplete="off"
              dir="ltr"
            />
            <PasswordInput
              label={t('email.outgoing.password')}
              description={smtp?.hasPassword ? t('email.outgoing.passwordKept') : ' '}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(save.error, 'password')}
              autoComplete="new-password"
            />
          </Group>
          <TextInput
            label={t('email.outgoing.from')}
            description={t('email.outgoing.fromHint')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={fieldError(save.error, 'from')}
            required
          />
          <Group justify="space-between">
            {current.source === 'admin' ? (
              <ConfirmButton
                label={t('email.outgoing.clear')}
                title={t('email.outgoing.clearTitle')}
                message={t('email.outgoing.clearMessage')}
                confirmLabel={t('email.outgoing.clear')}
                variant="subtle"
                color="red"
                pending={clear.isPending}
                error={clear.error}
                onConfirm={() =>
                  clear.mutateAsync().then(() => notifications.show({ message: t('email.outgoing.cleared') }))
                }
              />
            ) : (
              <span />
            )}
            <Button type="submit" loading={save.isPending}>
              {t('email.outgoing.save')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Stack gap="xs">
        <TextInput
          label={t('email.outgoing.testTo')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={fieldError(test.error, 'to')}
          dir="ltr"
        />
        <Group>
          <Button variant="light" loading={test.isPending} onClick={() => sendTest(true)}>
            {t('email.outgoing.testForm')}
          </Button>
          <Button variant="default" loading={test.isPending} onClick={() => sendTest(false)}>
            {t('email.outgoing.testCurrent')}
          </Button>
        </Group>
        <ErrorAlert error={test.error && !fieldError(test.error, 'to') ? test.error : null} />
        {test.data && (
          <Alert color={test.data.ok ? 'green' : 'red'} variant="light" role="status">
            {test.data.ok
              ? t('email.outgoing.testOk', { to: test.variables?.to ?? to })
              : t('email.outgoing.testFailed', { error: test.data.error ?? '' })}
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}

export function OutgoingMailPage() {
  const { t } = useTranslation();
  const outgoing = useOutgoing();
  return (
    <>
      <PageHeader title={t('email.outgoing.title')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('email.outgoing.help')}
      </Text>
      {outgoing.isPending ? (
        <Loading />
      ) : outgoing.isError ? (
        <ErrorAlert error={outgoing.error} onRetry={() => void outgoing.refetch()} />
      ) : (
        <OutgoingForm current={outgoing.data} />
      )}
    </>
  );
}
