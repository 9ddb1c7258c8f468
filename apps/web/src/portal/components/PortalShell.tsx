// The frame of the customer portal and the contact form: the company's name, the language switch
// and, once signed in, the customer's requests and sign-out. Nothing of the staff app shows here.
import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { isLocale, type Locale, setLocale } from '../../i18n';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import {
  usePortalCompany,
  usePortalMe,
  usePortalSignedOutHandler,
  usePortalSignOut,
  useUpdatePortalLocale,
} from '../api';

export function PortalShell() {
  const { t, i18n } = useTranslation();
  const company = usePortalCompany();
  const me = usePortalMe();
  const signOut = usePortalSignOut();
  const updateLocale = useUpdatePortalLocale();
  const navigate = useNavigate();
  // A session that ends while the page is open sends the customer back to the sign-in.
  usePortalSignedOutHandler();
  const customer = me.data?.customer ?? null;
  const companyName = company.data?.companyName ?? t('app.name');

  // Signing in brings the language the customer chose before.
  const appliedFor = useRef<number | null>(null);
  useEffect(() => {
    if (customer && appliedFor.current !== customer.id) {
      appliedFor.current = customer.id;
      setLocale(customer.locale);
    }
  }, [customer]);

  useEffect(() => {
    document.title = `${t('portal.title')} · ${companyName}`;
  }, [t, companyName]);

  const changeLocale = (locale: Locale) => {
    setLocale(locale);
    if (customer) updateLocale.mutate(locale);
  };

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Container size="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="xs" align="baseline">
              <Anchor component={Link} to={customer ? '/portal' : '/portal/sign-in'} underline="never">
                <Text fw={700} size="lg" c="blue" component="span">
                  {companyName}
                </Text>
              </Anchor>
              <Text size="sm" c="dimmed" component="span">
                {t('portal.title')}
              </Text>
            </Group>
            <Group gap="sm">
              {customer && (
                <>
                  <Anchor component={Link} to="/portal" size="sm">
                    {t('portal.nav.requests')}
                  </Anchor>
                  <Anchor component={Link} to="/portal/requests/new" size="sm">
                    {t('portal.nav.newRequest')}
                  </Anchor>
                </>
              )}
              <LanguageSwitch value={isLocale(i18n.language) ? i18n.language : 'en'} onChange={changeLocale} />
              {customer && (
                <Button
                  size="xs"
                  variant="default"
                  loading={signOut.isPending}
                  onClick={() =>
                    signOut.mutate(undefined, { onSettled: () => void navigate('/portal/sign-in', { replace: true }) })
                  }
                >
                  {t('portal.signOut')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="md" py="lg" component="main">
        <Outlet />
      </Container>
    </Box>
  );
}
