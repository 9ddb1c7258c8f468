// The last two cells of a row in an ordered list of rules (SLA policies, escalation rules, triggers,
// time rules): the on/off switch, and moving the rule up or down, editing and deleting it. Each list
// names its own labels under `keys`: activeNamed, moveUp, moveDown, editNamed, deleteNamed,
// deleteTitle, deleteMessage and deleted (the last three may come from `deleteKeys`).
import { ActionIcon, Button, Group, Switch, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './ConfirmButton';

interface Props {
  name: string;
  keys: string;
  deleteKeys?: string;
  /** Position in the list, and how many there are. */
  index: number;
  count: number;
  active: boolean;
  onActive: (active: boolean) => Promise<unknown>;
  toggling: boolean;
  onMove: (index: number, by: -1 | 1) => void;
  moving: boolean;
  onEdit: () => void;
  onDelete: () => Promise<unknown>;
  deleting: boolean;
  deleteError: unknown;
}

export function OrderedRuleCells(p: Props) {
  const { t } = useTranslation();
  const named = { name: p.name };
  const del = p.deleteKeys ?? p.keys;
  return (
    <>
      <Table.Td>
        <Switch
          checked={p.active}
          aria-label={t(`${p.keys}.activeNamed`, named)}
          disabled={p.toggling}
          onChange={(e) =>
            p.onActive(e.currentTarget.checked).catch((error: Error) => {
              notifications.show({ color: 'red', message: error.message });
            })
          }
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label={t(`${p.keys}.moveUp`, named)}
            disabled={p.index === 0 || p.moving}
            onClick={() => p.onMove(p.index, -1)}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={t(`${p.keys}.moveDown`, named)}
            disabled={p.index === p.count - 1 || p.moving}
            onClick={() => p.onMove(p.index, 1)}
          >
            ↓
          </ActionIcon>
          <Button size="xs" variant="light" onClick={p.onEdit} aria-label={t(`${p.keys}.editNamed`, named)}>
            {t('common.edit')}
          </Button>
          <ConfirmButton
            label={t('common.delete')}
            ariaLabel={t(`${p.keys}.deleteNamed`, named)}
            title={t(`${del}.deleteTitle`)}
            message={t(`${del}.deleteMessage`, named)}
            confirmLabel={t('common.delete')}
            pending={p.deleting}
            error={p.deleteError}
            onConfirm={() =>
              p.onDelete().then(() => notifications.show({ color: 'green', message: t(`${del}.deleted`) }))
            }
          />
        </Group>
      </Table.Td>
    </>
  );
}
