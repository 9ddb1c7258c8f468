import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../auth/api';
import { PasswordRepeat, passwordsDiffer } from '../../auth/components/PasswordRepeat';
import { ApiError, fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (passwordsDiffer(newPassword, repeat)) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setRepeat('');
          setTouched(false);
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
        <PasswordInput
          label={t('auth.fields.newPassword')}
          description={t('auth.fields.passwordHint')}
          required
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={fieldError(change.error, 'newPassword')}
        />
        <PasswordRepeat password={newPassword} value={repeat} onChange={setRepeat} showMismatch={touched} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
