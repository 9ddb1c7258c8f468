// My API tokens: create one (its secret is shown once), list them, revoke.
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type TokenScope, useCreateToken, useTokens } from '../api';
import { TokensTable } from './TokensTable';

function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={t('tokens.createdTitle', { name })} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('tokens.secretOnce')}</Text>
        <Code block aria-label={t('tokens.secret')}>
          {secret}
        </Code>
        <Group gap="xs">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'teal' : 'blue'} onClick={copy}>
                {copied ? t('common.copied') : t('tokens.copySecret')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('tokens.secretSaved')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

export function TokensPanel() {
  const { t } = useTranslation();
  const tokens = useTokens('me');
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [days, setDays] = useState<number | ''>('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), scope, ...(days === '' ? {} : { expiresInDays: days }) },
      {
        onSuccess: ({ token, secret }) => {
          setCreated({ name: token.name, secret });
          setName('');
          setDays('');
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          {t('tokens.createTitle')}
        </Title>
        {created ? (
          <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm" maw={480}>
              <Text size="sm" c="dimmed">
                {t('tokens.help')}
              </Text>
              <ErrorAlert error={create.error} />
              <TextInput
                label={t('tokens.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldError(create.error, 'name')}
              />
              <Select
                label={t('tokens.scope')}
                allowDeselect={false}
                value={scope}
                onChange={(value) => {
                  if (value === 'read' || value === 'write') setScope(value);
                }}
                data={[
                  { value: 'read', label: t('tokens.scopes.read') },
                  { value: 'write', label: t('tokens.scopes.write') },
                ]}
                error={fieldError(create.error, 'scope')}
              />
              <NumberInput
                label={t('tokens.expiresInDays')}
                description={t('tokens.expiresInDaysHint')}
                min={1}
                max={3650}
                allowDecimal={false}
                value={days}
                onChange={(value) => setDays(typeof value === 'number' ? value : '')}
                error={fieldError(create.error, 'expiresInDays')}
              />
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('tokens.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
      <div>
        <Title order={3} size="h4" mb="sm">
          {t('tokens.listTitle')}
        </Title>
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <TokensTable tokens={tokens.data} />
        )}
      </div>
    </Stack>
  );
}
