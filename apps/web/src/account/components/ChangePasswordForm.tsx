import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../auth/api';
import { NewPasswordFields, useNewPassword } from '../../auth/components/NewPasswordFields';
import { ApiError, fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.confirm()) return;
    change.mutate(
      { currentPassword, newPassword: newPassword.password },
      {
        onSuccess: () => {
          setCurrentPassword('');
          newPassword.reset();
          notifications.show({ color: 'green', message: t('account.password.changed') });
        },
      },
    );
  };

  // The wrong current password belongs under its own field rather than in the alert above.
  const wrongCurrent =
    change.error instanceof ApiError && change.error.code === 'wrong_password' ? change.error.message : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={480}>
        <Text size="sm" c="dimmed">
          {t('account.password.help')}
        </Text>
        {!wrongCurrent && <ErrorAlert error={change.error} />}
        <PasswordInput
          label={t('auth.fields.currentPassword')}
          required
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={wrongCurrent ?? fieldError(change.error, 'currentPassword')}
        />
        <NewPasswordFields {...newPassword.fields} error={fieldError(change.error, 'newPassword')} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
