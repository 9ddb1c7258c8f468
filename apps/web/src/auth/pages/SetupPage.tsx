// First run: creates the first admin, who is then signed in.
import { Button, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale, isLocale, type Locale, setLocale } from '../../i18n';
import { fieldError } from '../../lib/api';
import { CenteredCard } from '../../ui/CenteredCard';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSetup } from '../api';
import { PasswordRepeat, passwordsDiffer } from '../components/PasswordRepeat';

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const setup = useSetup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  // The admin's language is the page's: switching it above the card or in the form is one choice.
  const locale: Locale = isLocale(i18n.language) ? i18n.language : currentLocale();
  const [touched, setTouched] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (passwordsDiffer(password, repeat)) return;
    setup.mutate(
      { name: name.trim(), email: email.trim(), password, locale },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  return (
    <CenteredCard title={t('auth.setup.title')} subtitle={t('auth.setup.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={setup.error} />
          <TextInput
            label={t('auth.fields.name')}
            required
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(setup.error, 'name')}
          />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            required
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(setup.error, 'email')}
          />
          <PasswordInput
            label={t('auth.fields.newPassword')}
            description={t('auth.fields.passwordHint')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(setup.error, 'password')}
          />
          <PasswordRepeat password={password} value={repeat} onChange={setRepeat} showMismatch={touched} />
          <Select
            label={t('common.language')}
            allowDeselect={false}
            value={locale}
            onChange={(value) => {
              if (isLocale(value)) setLocale(value);
            }}
            data={[
              { value: 'en', label: t('languages.en') },
              { value: 'hi', label: t('languages.hi') },
            ]}
            error={fieldError(setup.error, 'locale')}
          />
          <Button type="submit" loading={setup.isPending} fullWidth>
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
