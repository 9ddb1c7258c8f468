import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEMES, type Theme, usePatchMe } from '../../auth/api';
import { useCurrentUser } from '../../auth/session';
import type { Locale } from '../../i18n';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { TimeZoneSelect } from '../../ui/TimeZoneSelect';

function isTheme(value: string | null): value is Theme {
  return THEMES.includes(value as Theme);
}

export function ProfileForm() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const patchMe = usePatchMe();
  const [name, setName] = useState(user.name);
  const [locale, setFormLocale] = useState<Locale>(user.locale);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [theme, setTheme] = useState<Theme>(user.theme);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    patchMe.mutate(
      { name: name.trim(), locale, timeZone, theme },
      { onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={480}>
        <ErrorAlert error={patchMe.error} />
        <TextInput
          label={t('auth.fields.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(patchMe.error, 'name')}
        />
        <div>
          <Text size="sm" fw={500}>
            {t('auth.fields.email')}
          </Text>
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
        </div>
        <LocaleSelect value={locale} onChange={setFormLocale} error={fieldError(patchMe.error, 'locale')} />
        <TimeZoneSelect
          value={timeZone}
          onChange={setTimeZone}
          keep={user.timeZone}
          error={fieldError(patchMe.error, 'timeZone')}
        />
        <Select
          label={t('account.profile.theme')}
          allowDeselect={false}
          value={theme}
          onChange={(value) => {
            if (isTheme(value)) setTheme(value);
          }}
          data={THEMES.map((value) => ({ value, label: t(`themes.${value}`) }))}
          error={fieldError(patchMe.error, 'theme')}
        />
        <Group>
          <Button type="submit" loading={patchMe.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
