// Target of the emailed reset and invitation links: /reset-password?token=…
import { Alert, Anchor, Button, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fieldError } from '../../lib/api';
import { CenteredCard } from '../../ui/CenteredCard';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useConfirmPasswordReset } from '../api';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const newPassword = useNewPassword();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.confirm()) return;
    confirm.mutate({ token, password: newPassword.password });
  };

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" role="alert">
        {t('auth.reset.missingToken')}
      </Alert>
    );
  } else if (confirm.isSuccess) {
    body = (
      <Alert color="green" role="status" title={t('auth.reset.doneTitle')}>
        {t('auth.reset.done')}
      </Alert>
    );
  } else {
    body = (
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={confirm.error} />
          <NewPasswordFields {...newPassword.fields} error={fieldError(confirm.error, 'password')} />
          <Button type="submit" loading={confirm.isPending} fullWidth>
            {t('auth.reset.submit')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <CenteredCard title={t('auth.reset.title')}>
      {body}
      <Anchor component={Link} to="/sign-in" size="sm" ta="center">
        {confirm.isSuccess ? t('auth.reset.signInNow') : t('auth.backToSignIn')}
      </Anchor>
    </CenteredCard>
  );
}
