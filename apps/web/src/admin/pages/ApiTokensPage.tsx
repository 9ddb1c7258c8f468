// Every user's API tokens, for admins to see and revoke.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTokens } from '../../account/api';
import { TokensTable } from '../../account/components/TokensTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens('all');
  return (
    <>
      <PageHeader title={t('admin.tokens.title')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('admin.tokens.help')}
      </Text>
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <TokensTable tokens={tokens.data} showOwner />
      )}
    </>
  );
}
