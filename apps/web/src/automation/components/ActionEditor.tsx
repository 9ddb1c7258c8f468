// The actions of a macro, one row each: what it sets and to what. Errors from the server show at
// the row they are about.
import { ActionIcon, Button, Group, Menu, Paper, Select, Stack, TagsInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import type { Team } from '../../people/api';
import { type CustomField, type FieldValue, localLabel, TICKET_PRIORITIES, TICKET_TYPES } from '../../tickets/api';
import { CustomFieldInput } from '../../tickets/components/CustomFieldInput';
import { ACTION_STATUSES, ACTION_TYPES, type ActionType, type MacroAction } from '../api';
import { actionError, newAction } from '../macros';

interface Props {
  actions: MacroAction[];
  onChange: (actions: MacroAction[]) => void;
  users: User[];
  teams: Team[];
  fields: CustomField[];
  error: unknown;
  /** What an empty list means here (default: the macro's wording). */
  emptyText?: string;
}

const NONE = '__none__';
const CURRENT = 'current_user';

export function ActionEditor({ actions, onChange, users, teams, fields, error, emptyText }: Props) {
  const { t, i18n } = useTranslation();
  const set = (index: number, action: MacroAction) => onChange(actions.map((a, i) => (i === index ? action : a)));
  const remove = (index: number) => onChange(actions.filter((_, i) => i !== index));
  const add = (type: ActionType) => onChange([...actions, newAction(type)]);
  const options = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const activeFields = fields.filter((f) => f.active);

  const valueInput = (a: MacroAction, index: number) => {
    const label = t('automation.macros.actions.value');
    const err = actionError(error, index);
    switch (a.type) {
      case 'set_status':
        return (
          <Select
            label={label}
            data={options(ACTION_STATUSES, 'tickets.status')}
            value={a.value}
            allowDeselect={false}
            error={err}
            onChange={(v) => v && set(index, { ...a, value: v as typeof a.value })}
          />
        );
      case 'set_priority':
        return (
          <Select
            label={label}
            data={options(TICKET_PRIORITIES, 'tickets.priority')}
            value={a.value}
            allowDeselect={false}
            error={err}
            onChange={(v) => v && set(index, { ...a, value: v as typeof a.value })}
          />
        );
      case 'set_type':
        return (
          <Select
            label={label}
            data={options(TICKET_TYPES, 'tickets.type')}
            value={a.value}
            allowDeselect={false}
            error={err}
            onChange={(v) => v && set(index, { ...a, value: v as typeof a.value })}
          />
        );
      case 'set_assignee':
        return (
          <Select
            label={label}
            searchable
            allowDeselect={false}
            data={[
              { value: CURRENT, label: t('automation.macros.actions.currentUser') },
              { value: NONE, label: t('automation.macros.actions.nobody') },
              ...users.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name })),
            ]}
            value={a.value === null ? NONE : String(a.value)}
            error={err}
            onChange={(v) => v && set(index, { ...a, value: v === NONE ? null : v === CURRENT ? CURRENT : Number(v) })}
          />
        );
      case 'set_team':
        return (
          <Select
            label={label}
            searchable
            allowDeselect={false}
            data={[
              { value: NONE, label: t('automation.macros.actions.noTeam') },
              ...teams.map((x) => ({ value: String(x.id), label: x.name })),
            ]}
            value={a.value === null ? NONE : String(a.value)}
            error={err}
            onChange={(v) => v && set(index, { ...a, value: v === NONE ? null : Number(v) })}
          />
        );
      case 'add_tags':
      case 'remove_tags':
        return (
          <TagsInput
            label={t('automation.macros.actions.tags')}
            value={a.value}
            error={err}
            onChange={(value) => set(index, { ...a, value })}
          />
        );
      case 'set_field': {
        const field = activeFields.find((f) => f.key === a.key);
        return (
          <Stack gap={4}>
            <Select
              label={t('automation.macros.actions.field')}
              searchable
              data={activeFields.map((f) => ({ value: f.key, label: localLabel(f, i18n.language) }))}
              value={a.key || null}
              error={field ? undefined : err}
              onChange={(key) => set(index, { ...a, key: key ?? '', value: null })}
            />
            {field && (
              <CustomFieldInput
                key={field.key}
                field={field}
                value={a.value}
                error={err}
                onSave={(value: FieldValue) => set(index, { ...a, value })}
              />
            )}
          </Stack>
        );
      }
    }
  };

  return (
    <Stack gap="xs">
      {actions.length === 0 && (
        <Text size="sm" c="dimmed">
          {emptyText ?? t('automation.macros.actions.none')}
        </Text>
      )}
      {actions.map((a, index) => (
        <Paper
          // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; they are edited in place, in order
          key={index}
          withBorder
          p="xs"
          role="group"
          aria-label={t('automation.macros.actions.rowLabel', { n: index + 1 })}
        >
          <Group align="flex-start" wrap="nowrap">
            <Select
              label={t('automation.macros.actions.what')}
              w={220}
              allowDeselect={false}
              data={ACTION_TYPES.map((type) => ({ value: type, label: t(`automation.macros.actionType.${type}`) }))}
              value={a.type}
              onChange={(type) => type && type !== a.type && set(index, newAction(type as ActionType))}
            />
            <div style={{ flex: 1 }}>{valueInput(a, index)}</div>
            <ActionIcon
              mt={26}
              variant="subtle"
              color="red"
              aria-label={t('automation.macros.actions.remove', { n: index + 1 })}
              onClick={() => remove(index)}
            >
              ×
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Menu position="bottom-start">
        <Menu.Target>
          <Button variant="light" size="xs" w="fit-content">
            {t('automation.macros.actions.add')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {ACTION_TYPES.map((type) => (
            <Menu.Item key={type} onClick={() => add(type)}>
              {t(`automation.macros.actionType.${type}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Stack>
  );
}
