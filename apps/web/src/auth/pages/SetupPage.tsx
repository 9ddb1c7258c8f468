// First run: creates the first admin, who is then signed in.
import { Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale, isLocale, type Locale, setLocale } from '../../i18n';
import { fieldError } from '../../lib/api';
import { CenteredCard } from '../../ui/CenteredCard';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { useSetup } from '../api';
import { EmailInput } from '../components/EmailInput';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const setup = useSetup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const newPassword = useNewPassword();
  // The admin's language is the page's: switching it above the card or in the form is one choice.
  const locale: Locale = isLocale(i18n.language) ? i18n.language : currentLocale();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.confirm()) return;
    setup.mutate(
      { name: name.trim(), email: email.trim(), password: newPassword.password, locale },
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
          <EmailInput value={email} onChange={setEmail} error={fieldError(setup.error, 'email')} />
          <NewPasswordFields {...newPassword.fields} error={fieldError(setup.error, 'password')} />
          <LocaleSelect value={locale} onChange={setLocale} error={fieldError(setup.error, 'locale')} />
          <Button type="submit" loading={setup.isPending} fullWidth>
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
