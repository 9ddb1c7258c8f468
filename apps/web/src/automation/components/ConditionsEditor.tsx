// The conditions of a trigger or time rule: two lists, "all of these" and "any of these", one row per
// condition (what it looks at, how, and the values). Errors from the server show at their row.
import {
  ActionIcon,
  Button,
  Group,
  Menu,
  MultiSelect,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import { OrganisationPicker } from '../../customers/components/OrganisationPicker';
import { ApiError } from '../../lib/api';
import type { Team } from '../../people/api';
import {
  type CustomField,
  localLabel,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../../tickets/api';
import { CHANGE_FIELDS, CONDITION_FIELDS, type Condition, type ConditionField, type Conditions } from '../rules-api';

interface Props {
  value: Conditions;
  onChange: (value: Conditions) => void;
  /** Time rules look at resting tickets: no conditions about a change as it happens. */
  kind: 'trigger' | 'time_rule';
  users: User[];
  teams: Team[];
  fields: CustomField[];
  error: unknown;
}

const NONE = '__none__';

/** The server's message about this condition (conditions.all.2, conditions.all.2.value …). */
export function conditionError(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return undefined;
  return Object.entries(error.fields).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
}

export function newCondition(field: ConditionField): Condition {
  switch (field) {
    case 'status':
      return { field, op: 'is', value: ['open'] };
    case 'priority':
      return { field, op: 'is', value: ['urgent'] };
    case 'type':
      return { field, op: 'is', value: ['question'] };
    case 'channel':
      return { field, op: 'is', value: ['email'] };
    case 'team':
    case 'assignee':
    case 'organisation':
      return { field, op: 'is', value: [null] };
    case 'requester':
      return { field, op: 'is', value: [] };
    case 'requester_locale':
      return { field, op: 'is', value: ['hi'] };
    case 'tags':
      return { field, op: 'contains_any', value: [] };
    case 'custom_field':
      return { field, key: '', op: 'is_set' };
    case 'subject':
    case 'message':
      return { field, op: 'contains', value: '' };
    case 'update':
      return { field, op: 'is', value: 'created' };
    case 'changed':
      return { field, key: 'status' };
    case 'business_hours':
      return { field, op: 'is' };
  }
}

export function ConditionsEditor({ value, onChange, kind, users, teams, fields, error }: Props) {
  const { t, i18n } = useTranslation();
  const offered = CONDITION_FIELDS.filter((f) => kind === 'trigger' || !CHANGE_FIELDS.includes(f));
  const k = (key: string) => t(`automation.triggers.conditions.${key}`);
  const ops = (list: string[]) => list.map((op) => ({ value: op, label: k(`op.${op}`) }));
  const enumOptions = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  const valueInput = (c: Condition, set: (c: Condition) => void, err: string | undefined) => {
    const label = k('value');
    switch (c.field) {
      case 'status':
      case 'priority':
      case 'type':
      case 'channel': {
        const all = {
          status: TICKET_STATUSES,
          priority: TICKET_PRIORITIES,
          type: TICKET_TYPES,
          channel: TICKET_CHANNELS,
        }[c.field];
        return (
          <MultiSelect
            label={label}
            data={enumOptions(all, `tickets.${c.field}`)}
            value={c.value as string[]}
            error={err}
            onChange={(v) => set({ ...c, value: v } as Condition)}
          />
        );
      }
      case 'requester_locale':
        return (
          <MultiSelect
            label={label}
            data={[
              { value: 'en', label: 'English' },
              { value: 'hi', label: 'हिन्दी' },
            ]}
            value={c.value}
            error={err}
            onChange={(v) => set({ ...c, value: v as ('en' | 'hi')[] })}
          />
        );
      case 'team':
      case 'assignee': {
        const data = [
          { value: NONE, label: c.field === 'team' ? k('noTeam') : k('unassigned') },
          ...(c.field === 'team'
            ? teams.map((x) => ({ value: String(x.id), label: x.name }))
            : users.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }))),
        ];
        return (
          <MultiSelect
            label={label}
            searchable
            data={data}
            value={c.value.map((v) => (v === null ? NONE : String(v)))}
            error={err}
            onChange={(v) => set({ ...c, value: v.map((x) => (x === NONE ? null : Number(x))) })}
          />
        );
      }
      case 'organisation':
        return (
          <OrganisationPicker<number | null>
            label={label}
            noneLabel={k('noOrganisation')}
            value={c.value}
            error={err}
            onChange={(v) => set({ ...c, value: v })}
          />
        );
      case 'requester':
        return (
          <TagsInput
            label={k('ids')}
            value={c.value.map(String)}
            error={err}
            onChange={(v) => set({ ...c, value: v.map(Number).filter((x) => Number.isInteger(x) && x > 0) })}
          />
        );
      case 'tags':
        return <TagsInput label={k('tags')} value={c.value} error={err} onChange={(v) => set({ ...c, value: v })} />;
      case 'subject':
      case 'message':
        return (
          <TextInput
            label={k('words')}
            value={c.value}
            error={err}
            onChange={(e) => set({ ...c, value: e.currentTarget.value })}
          />
        );
      case 'update':
        return (
          <Select
            label={label}
            allowDeselect={false}
            data={[
              { value: 'created', label: k('created') },
              { value: 'updated', label: k('updated') },
            ]}
            value={c.value}
            error={err}
            onChange={(v) => v && set({ ...c, value: v as 'created' | 'updated' })}
          />
        );
      case 'changed': {
        const values =
          c.key === 'status'
            ? enumOptions(TICKET_STATUSES, 'tickets.status')
            : c.key === 'priority'
              ? enumOptions(TICKET_PRIORITIES, 'tickets.priority')
              : c.key === 'type'
                ? enumOptions(TICKET_TYPES, 'tickets.type')
                : c.key === 'team'
                  ? teams.map((x) => ({ value: String(x.id), label: x.name }))
                  : users.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }));
        const numeric = c.key === 'team' || c.key === 'assignee';
        return (
          <Group grow>
            <Select
              label={k('changedWhat')}
              allowDeselect={false}
              data={(['status', 'priority', 'type', 'assignee', 'team'] as const).map((x) => ({
                value: x,
                label: k(`changedKey.${x}`),
              }))}
              value={c.key}
              onChange={(v) => v && set({ field: 'changed', key: v as typeof c.key })}
            />
            <Select
              label={k('changedTo')}
              clearable
              placeholder={k('anyValue')}
              data={values}
              value={c.to === undefined || c.to === null ? null : String(c.to)}
              error={err}
              onChange={(v) => {
                const { to: _to, ...rest } = c;
                set(v === null ? rest : { ...rest, to: numeric ? Number(v) : v });
              }}
            />
          </Group>
        );
      }
      case 'custom_field':
        return (
          <Group grow>
            <Select
              label={k('customField')}
              data={fields.filter((f) => f.active).map((f) => ({ value: f.key, label: localLabel(f, i18n.language) }))}
              value={c.key || null}
              error={err}
              onChange={(v) => v && set({ ...c, key: v })}
            />
            {(c.op === 'is' || c.op === 'is_not') && (
              <TextInput
                label={label}
                value={c.value === undefined || c.value === null ? '' : String(c.value)}
                onChange={(e) => set({ ...c, value: e.currentTarget.value })}
              />
            )}
          </Group>
        );
      case 'business_hours':
        return null;
    }
  };

  const opsOf = (c: Condition) => {
    switch (c.field) {
      case 'tags':
        return ops(['contains_any', 'contains_all', 'contains_none']);
      case 'subject':
      case 'message':
        return ops(['contains', 'not_contains']);
      case 'custom_field':
        return ops(['is', 'is_not', 'is_set', 'is_not_set']);
      case 'update':
      case 'changed':
        return null;
      case 'business_hours':
        return ops(['is', 'is_not']).map((o) => ({ ...o, label: k(`hoursOp.${o.value}`) }));
      default:
        return ops(['is', 'is_not']);
    }
  };

  const list = (which: 'all' | 'any') => {
    const items = value[which];
    const setAt = (i: number, c: Condition) => onChange({ ...value, [which]: items.map((x, j) => (j === i ? c : x)) });
    const remove = (i: number) => onChange({ ...value, [which]: items.filter((_, j) => j !== i) });
    const add = (field: ConditionField) => onChange({ ...value, [which]: [...items, newCondition(field)] });
    return (
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {k(which === 'all' ? 'allTitle' : 'anyTitle')}
        </Text>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {k(which === 'all' ? 'allEmpty' : 'anyEmpty')}
          </Text>
        )}
        {items.map((c, i) => {
          const err = conditionError(error, `conditions.${which}.${i}`);
          const opData = opsOf(c);
          return (
            <Paper
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; edited in place, in order
              key={i}
              withBorder
              p="xs"
              role="group"
              aria-label={t(`automation.triggers.conditions.${which === 'all' ? 'allRow' : 'anyRow'}`, { n: i + 1 })}
            >
              <Group align="flex-start" wrap="nowrap">
                <Select
                  label={k('what')}
                  w={190}
                  allowDeselect={false}
                  data={offered.map((f) => ({ value: f, label: k(`field.${f}`) }))}
                  value={c.field}
                  onChange={(f) => f && f !== c.field && setAt(i, newCondition(f as ConditionField))}
                />
                {opData && 'op' in c && (
                  <Select
                    label={k('how')}
                    w={170}
                    allowDeselect={false}
                    data={opData}
                    value={c.op}
                    onChange={(op) => op && setAt(i, { ...c, op } as Condition)}
                  />
                )}
                <div style={{ flex: 1 }}>
                  {valueInput(c, (x) => setAt(i, x), err) ??
                    (err ? (
                      <Text c="red" size="sm" mt={28}>
                        {err}
                      </Text>
                    ) : null)}
                </div>
                <ActionIcon
                  mt={26}
                  variant="subtle"
                  color="red"
                  aria-label={t('automation.triggers.conditions.remove', { n: i + 1 })}
                  onClick={() => remove(i)}
                >
                  ×
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
        <Menu position="bottom-start">
          <Menu.Target>
            <Button variant="light" size="xs" w="fit-content">
              {k(which === 'all' ? 'addAll' : 'addAny')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {offered.map((f) => (
              <Menu.Item key={f} onClick={() => add(f)}>
                {k(`field.${f}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Stack>
    );
  };

  return (
    <Stack gap="md">
      {list('all')}
      {list('any')}
    </Stack>
  );
}
