// The user menu: availability, language and theme (applied at once, saved for the user), my account, sign out.
import {
  Avatar,
  Box,
  CheckIcon,
  Group,
  Indicator,
  Menu,
  Text,
  UnstyledButton,
  useMantineColorScheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LOCALES, type Locale, setLocale } from '../../i18n';
import { errorText } from '../../ui/ErrorAlert';
import { AVAILABILITIES, type Availability, THEMES, type Theme, type User, useLogout, usePatchMe } from '../api';

export const AVAILABILITY_COLOURS: Record<Availability, string> = { online: 'green', away: 'yellow', offline: 'gray' };

function Dot({ availability }: { availability: Availability }) {
  return (
    <Box
      aria-hidden
      w={10}
      h={10}
      style={{ borderRadius: '50%', background: `var(--mantine-color-${AVAILABILITY_COLOURS[availability]}-6)` }}
    />
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const patchMe = usePatchMe();
  const logout = useLogout();
  const { colorScheme, setColorScheme } = useMantineColorScheme();

  const save = (patch: { locale?: Locale; theme?: Theme; availability?: Availability }) => {
    patchMe.mutate(patch, {
      onError: (error) =>
        notifications.show({ color: 'red', title: t('shell.saveFailed'), message: errorText(error, t) }),
    });
  };

  const chooseLocale = (locale: Locale) => {
    setLocale(locale);
    if (user.locale !== locale) save({ locale });
  };

  const chooseTheme = (theme: Theme) => {
    setColorScheme(theme);
    if (user.theme !== theme) save({ theme });
  };

  const availability: Availability = user.availability ?? 'offline';
  const chooseAvailability = (next: Availability) => {
    if (availability !== next) save({ availability: next });
  };

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) });
  };

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')}>
          <Group gap="xs" wrap="nowrap">
            <Indicator
              color={AVAILABILITY_COLOURS[availability]}
              position="bottom-end"
              size={10}
              offset={3}
              withBorder
              title={t(`availability.${availability}`)}
            >
              <Avatar radius="xl" size="sm" color="blue">
                {initials(user.name)}
              </Avatar>
            </Indicator>
            <Text size="sm" fw={500} visibleFrom="xs" truncate maw={180}>
              {user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item onClick={() => navigate('/account')}>{t('nav.myAccount')}</Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('availability.title')}</Menu.Label>
        {AVAILABILITIES.map((value) => (
          <Menu.Item
            key={value}
            leftSection={<Dot availability={value} />}
            onClick={() => chooseAvailability(value)}
            rightSection={availability === value ? <CheckIcon size={12} aria-hidden /> : null}
          >
            {t(`availability.${value}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('common.language')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => chooseLocale(locale)}
            rightSection={i18n.language === locale ? <CheckIcon size={12} aria-hidden /> : null}
          >
            {t(`languages.${locale}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('account.profile.theme')}</Menu.Label>
        {THEMES.map((theme) => (
          <Menu.Item
            key={theme}
            onClick={() => chooseTheme(theme)}
            rightSection={colorScheme === theme ? <CheckIcon size={12} aria-hidden /> : null}
          >
            {t(`themes.${theme}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" onClick={signOut}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
