// The list of API tokens; also used by the admins' page of every user's tokens.
import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../i18n/format';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { type ApiToken, type TokenStatus, tokenStatus, useRevokeToken } from '../api';

const statusColor: Record<TokenStatus, string> = { active: 'green', revoked: 'red', expired: 'gray' };

export function TokensTable({ tokens, showOwner = false }: { tokens: ApiToken[]; showOwner?: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const revoke = useRevokeToken();

  if (tokens.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('tokens.empty')}
      </Text>
    );
  }

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tokens.name')}</Table.Th>
            {showOwner && <Table.Th>{t('tokens.owner')}</Table.Th>}
            <Table.Th>{t('tokens.prefix')}</Table.Th>
            <Table.Th>{t('tokens.scope')}</Table.Th>
            <Table.Th>{t('tokens.created')}</Table.Th>
            <Table.Th>{t('tokens.lastUsed')}</Table.Th>
            <Table.Th>{t('tokens.expires')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const status = tokenStatus(token);
            return (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                {showOwner && <Table.Td>{token.userName}</Table.Td>}
                <Table.Td>
                  <Code>{token.prefix}</Code>
                </Table.Td>
                <Table.Td>{t(`tokens.scopes.${token.scope}`)}</Table.Td>
                <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(token.lastUsedAt)}</Table.Td>
                <Table.Td>{token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.noExpiry')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={statusColor[status]} variant="light" miw="max-content">
                    {t(`tokens.status.${status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {status === 'active' && (
                    <ConfirmButton
                      label={t('tokens.revoke')}
                      ariaLabel={t('tokens.revokeNamed', { name: token.name })}
                      title={t('tokens.revokeTitle')}
                      message={t('tokens.revokeMessage', { name: token.name })}
                      confirmLabel={t('tokens.revoke')}
                      pending={revoke.isPending}
                      error={revoke.error}
                      onConfirm={() => revoke.mutateAsync(token.id)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
