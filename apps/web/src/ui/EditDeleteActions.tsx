// The actions of a row in an admin list: Edit, and a Delete that asks first and says when it is done.
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './ConfirmButton';

interface Props {
  /** Names the row, e.g. "Edit Acme Traders". */
  editLabel: string;
  onEdit: () => void;
  /** Names the row, e.g. "Delete Acme Traders". */
  deleteLabel: string;
  deleteTitle: string;
  deleteMessage: string;
  onDelete: () => Promise<unknown>;
  /** Shown once the row is gone; none: the row's disappearance says it. */
  deleted?: string;
  pending: boolean;
  error: unknown;
}

export function EditDeleteActions({
  editLabel,
  onEdit,
  deleteLabel,
  deleteTitle,
  deleteMessage,
  onDelete,
  deleted,
  pending,
  error,
}: Props) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" onClick={onEdit} aria-label={editLabel}>
        {t('common.edit')}
      </Button>
      <ConfirmButton
        label={t('common.delete')}
        ariaLabel={deleteLabel}
        title={deleteTitle}
        message={deleteMessage}
        confirmLabel={t('common.delete')}
        pending={pending}
        error={error}
        onConfirm={() =>
          onDelete().then(() => {
            if (deleted) notifications.show({ color: 'green', message: deleted });
          })
        }
      />
    </Group>
  );
}
