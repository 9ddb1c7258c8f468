import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** "username" where the address signs in; "email" elsewhere. */
  autoComplete?: 'email' | 'username';
  error?: string;
}

/** The required email field of the auth pages. */
export function EmailInput({ value, onChange, autoComplete = 'email', error }: Props) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('auth.fields.email')}
      type="email"
      required
      autoComplete={autoComplete}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}
