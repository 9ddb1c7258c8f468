// The page a mailed sign-in link opens: it trades the link's token for a portal session once.
import { Anchor, Paper, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useVerifySignInLink } from '../api';

export function PortalVerifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifySignInLink();
  const navigate = useNavigate();
  // A link works once: never send it twice (React runs effects twice while developing).
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    verify.mutate(token, { onSuccess: () => void navigate('/portal', { replace: true }) });
  }, [token, verify, navigate]);

  if (!verify.isError) return <Loading />;
  return (
    <Paper withBorder shadow="sm" p="lg" radius="md" maw={460} mx="auto">
      <Stack gap="md">
        <Title order={2}>{t('portal.verify.title')}</Title>
        <ErrorAlert error={verify.error} />
        <Anchor component={Link} to="/portal/sign-in">
          {t('portal.verify.again')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
