import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordRepeat, passwordsDiffer } from './PasswordRepeat';

interface Props {
  value: string;
  onChange: (value: string) => void;
  repeat: string;
  onRepeatChange: (value: string) => void;
  /** Whether to flag a repeat that differs (after the first submit). */
  showMismatch: boolean;
  error?: string;
}

/** A new password with its length hint, and the same password repeated. */
export function NewPasswordFields({ value, onChange, repeat, onRepeatChange, showMismatch, error }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('auth.fields.newPassword')}
        description={t('auth.fields.passwordHint')}
        required
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
      <PasswordRepeat password={value} value={repeat} onChange={onRepeatChange} showMismatch={showMismatch} />
    </>
  );
}

/** The state behind NewPasswordFields: spread `fields` onto it. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  return {
    password,
    /** On submit: from now on flags a differing repeat; true when the two match. */
    confirm: () => {
      setTouched(true);
      return !passwordsDiffer(password, repeat);
    },
    reset: () => {
      setPassword('');
      setRepeat('');
      setTouched(false);
    },
    fields: { value: password, onChange: setPassword, repeat, onRepeatChange: setRepeat, showMismatch: touched },
  };
}
