import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function passwordsDiffer(password: string, repeat: string): boolean {
  return password !== repeat;
}

interface Props {
  password: string;
  value: string;
  onChange: (value: string) => void;
  showMismatch: boolean;
}

export function PasswordRepeat({ password, value, onChange, showMismatch }: Props) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('auth.fields.repeatPassword')}
      required
      autoComplete="new-password"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={showMismatch && passwordsDiffer(password, value) ? t('auth.fields.passwordsDiffer') : undefined}
    />
  );
}
