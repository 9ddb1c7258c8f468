// Sign-in to the portal: the customer's email, then "check your mail" (the same answer whether or
// not the address is known).
import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { currentLocale } from '../../i18n';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { usePortalMe, useRequestSignInLink } from '../api';

export function PortalSignInPage() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const ask = useRequestSignInLink();
  const [email, setEmail] = useState('');

  if (me.data) return <Navigate to="/portal" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate({ email: email.trim(), locale: currentLocale() });
  };

  return (
    <Paper withBorder shadow="sm" p="lg" radius="md" maw={460} mx="auto">
      <Stack gap="md">
        <div>
          <Title order={2}>{t('portal.signIn.title')}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('portal.signIn.subtitle')}
          </Text>
        </div>
        {ask.isSuccess ? (
          <Alert color="green" role="status" title={t('portal.signIn.sentTitle')}>
            {t('portal.signIn.sent', { email: email.trim() })}
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <ErrorAlert error={ask.error} />
              <TextInput
                label={t('portal.fields.email')}
                type="email"
                required
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fieldError(ask.error, 'email')}
              />
              <Button type="submit" loading={ask.isPending} fullWidth>
                {t('portal.signIn.submit')}
              </Button>
            </Stack>
          </form>
        )}
        <Text size="sm" ta="center">
          {t('portal.signIn.newHere')}{' '}
          <Anchor component={Link} to="/contact">
            {t('portal.signIn.contactLink')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
