import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../i18n/format';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useRevokeSession, useSessions } from '../api';

/** "Chrome", "Linux" … from a User-Agent string; product names are the same in every language. */
export function describeUserAgent(userAgent: string | null | undefined): { browser?: string; os?: string } {
  if (!userAgent) return {};
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  return { browser, os };
}

export function SessionsList() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const sessions = useSessions();
  const revoke = useRevokeSession();

  if (sessions.isPending) return <Loading />;
  if (sessions.isError) return <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />;

  const device = (userAgent: string | null | undefined) => {
    const { browser, os } = describeUserAgent(userAgent);
    if (browser && os) return t('account.sessions.browserOn', { browser, os });
    return browser ?? os ?? t('account.sessions.unknownDevice');
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('account.sessions.help')}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('account.sessions.device')}</Table.Th>
              <Table.Th>{t('account.sessions.ip')}</Table.Th>
              <Table.Th>{t('account.sessions.signedIn')}</Table.Th>
              <Table.Th>{t('account.sessions.lastActive')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>
                  {device(session.userAgent)}{' '}
                  {session.current && (
                    <Badge size="sm" variant="light" ml="xs" miw="max-content">
                      {t('account.sessions.current')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{session.ip || '—'}</Table.Td>
                <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>
                  {!session.current && (
                    <ConfirmButton
                      label={t('account.sessions.revoke')}
                      title={t('account.sessions.revokeTitle')}
                      message={t('account.sessions.revokeMessage')}
                      confirmLabel={t('account.sessions.revoke')}
                      pending={revoke.isPending}
                      error={revoke.error}
                      onConfirm={() => revoke.mutateAsync(session.id)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
