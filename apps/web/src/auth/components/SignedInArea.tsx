// Everything behind sign-in: loads the user, applies their language and theme, opens live updates.
import { Box, Center, Group, useMantineColorScheme } from '@mantine/core';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { setLocale } from '../../i18n';
import { TimeZoneProvider } from '../../i18n/format';
import { isUnauthenticated } from '../../lib/api';
import { useLiveUpdates } from '../../lib/live';
import { NotificationBell } from '../../notifications/components/NotificationBell';
import { AppShellLayout } from '../../ui/AppShellLayout';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useMe } from '../api';
import { signInPath } from '../redirect';
import { SessionProvider } from '../session';
import { Navigation } from './Navigation';
import { UserMenu } from './UserMenu';

export function SignedInArea() {
  const me = useMe();
  const location = useLocation();
  const user = me.data?.user;
  const { setColorScheme } = useMantineColorScheme();

  const locale = user?.locale;
  const theme = user?.theme;

  useEffect(() => {
    if (locale) setLocale(locale);
  }, [locale]);
  useEffect(() => {
    if (theme) setColorScheme(theme);
  }, [theme, setColorScheme]);
  useLiveUpdates(!!user);

  if (isUnauthenticated(me.error)) {
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  }
  if (!user) {
    if (me.isPending) return <Loading fullScreen />;
    return (
      <Center mih="100vh" p="md">
        <Box maw={480} w="100%">
          <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        </Box>
      </Center>
    );
  }

  return (
    <SessionProvider user={user}>
      <TimeZoneProvider timeZone={user.timeZone}>
        <AppShellLayout
          navigation={<Navigation role={user.role} />}
          userMenu={
            <Group gap="sm" wrap="nowrap">
              <NotificationBell />
              <UserMenu user={user} />
            </Group>
          }
        >
          <Outlet />
        </AppShellLayout>
      </TimeZoneProvider>
    </SessionProvider>
  );
}
