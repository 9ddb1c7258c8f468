// IMAP mailboxes (/admin/email/mailboxes): the mailboxes Sahayak polls for new mail, each with its last
// poll and last problem. Admins only; passwords are write-only.
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../i18n/format';
import { EditDeleteActions } from '../../ui/EditDeleteActions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type MailAccount, useDeleteMailAccount, useMailAccounts } from '../api';
import { MailAccountFormModal } from '../components/MailAccountFormModal';

function Status({ account }: { account: MailAccount }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Stack gap={2}>
      {!account.active ? (
        <Badge size="sm" color="gray" variant="light">
          {t('email.mailboxes.inactive')}
        </Badge>
      ) : account.lastError ? (
        <Badge size="sm" color="red" variant="light">
          {t('email.mailboxes.failing')}
        </Badge>
      ) : account.lastPollAt ? (
        <Badge size="sm" color="green" variant="light">
          {t('email.mailboxes.working')}
        </Badge>
      ) : (
        <Badge size="sm" color="yellow" variant="light">
          {t('email.mailboxes.waiting')}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {t('email.mailboxes.lastPoll', {
          time: account.lastPollAt ? formatDateTime(account.lastPollAt) : t('common.never'),
        })}
      </Text>
      {account.lastError && (
        <Text size="xs" c="red" dir="ltr" style={{ wordBreak: 'break-word' }}>
          {account.lastError}
        </Text>
      )}
    </Stack>
  );
}

export function MailAccountsPage() {
  const { t } = useTranslation();
  const accounts = useMailAccounts();
  const remove = useDeleteMailAccount();
  const [editing, setEditing] = useState<MailAccount | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('email.mailboxes.title')}
        actions={<Button onClick={() => setEditing('new')}>{t('email.mailboxes.new')}</Button>}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('email.mailboxes.help')}
      </Text>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <Text c="dimmed">{t('email.mailboxes.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover aria-label={t('email.mailboxes.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('email.mailboxes.name')}</Table.Th>
                <Table.Th>{t('email.mailboxes.server')}</Table.Th>
                <Table.Th>{t('email.mailboxes.folder')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row">{a.name}</Table.Th>
                  <Table.Td>
                    <Text size="sm" dir="ltr">
                      {a.username}
                    </Text>
                    <Text size="xs" c="dimmed" dir="ltr">
                      {a.host}:{a.port} · {t(`email.mailboxes.security.${a.security}`)}
                    </Text>
                    {a.allowSelfSigned && a.security !== 'none' && (
                      <Text size="xs" c="orange.8">
                        {t('email.mailboxes.selfSigned')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.mailbox}</Text>
                    <Text size="xs" c="dimmed">
                      {a.moveTo ? t('email.mailboxes.movesTo', { folder: a.moveTo }) : t('email.mailboxes.marksRead')}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Status account={a} />
                  </Table.Td>
                  <Table.Td>
                    <EditDeleteActions
                      editLabel={t('email.mailboxes.editNamed', { name: a.name })}
                      onEdit={() => setEditing(a)}
                      deleteLabel={t('email.mailboxes.deleteNamed', { name: a.name })}
                      deleteTitle={t('email.mailboxes.deleteTitle')}
                      deleteMessage={t('email.mailboxes.deleteMessage', { name: a.name })}
                      onDelete={() => remove.mutateAsync(a.id)}
                      deleted={t('email.mailboxes.deleted')}
                      pending={remove.isPending}
                      error={remove.error}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <MailAccountFormModal
          key={editing === 'new' ? 'new' : editing.id}
          account={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
