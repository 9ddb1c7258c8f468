// What only triggers and time rules do, beside the macro actions: notify people, email the requester
// (English and Hindi, with placeholders), call a webhook. Errors show at their row; `offset` is where
// these actions start in the rule's list (the server names them by their place in it).
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Menu,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import { actionError } from '../macros';
import { EFFECT_TYPES, type EffectAction } from '../rules-api';

interface Props {
  effects: EffectAction[];
  onChange: (effects: EffectAction[]) => void;
  users: User[];
  offset: number;
  error: unknown;
}

function newEffect(type: EffectAction['type']): EffectAction {
  if (type === 'notify') return { type, recipients: ['assignee'], userIds: [] };
  if (type === 'send_email') return { type, subjectEn: '', bodyEn: '', subjectHi: '', bodyHi: '' };
  return { type, url: 'https://' };
}

export function EffectsEditor({ effects, onChange, users, offset, error }: Props) {
  const { t } = useTranslation();
  const k = (key: string) => t(`automation.triggers.effects.${key}`);
  const set = (i: number, e: EffectAction) => onChange(effects.map((x, j) => (j === i ? e : x)));

  const body = (e: EffectAction, i: number) => {
    const err = actionError(error, offset + i);
    if (e.type === 'notify') {
      const toggle = (who: 'assignee' | 'team_lead', on: boolean) =>
        set(i, { ...e, recipients: on ? [...e.recipients, who] : e.recipients.filter((r) => r !== who) });
      return (
        <Stack gap={6}>
          <Group>
            <Checkbox
              label={k('assignee')}
              checked={e.recipients.includes('assignee')}
              onChange={(ev) => toggle('assignee', ev.currentTarget.checked)}
            />
            <Checkbox
              label={k('teamLead')}
              checked={e.recipients.includes('team_lead')}
              onChange={(ev) => toggle('team_lead', ev.currentTarget.checked)}
            />
          </Group>
          <MultiSelect
            label={k('users')}
            searchable
            data={users.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }))}
            value={e.userIds.map(String)}
            error={err}
            onChange={(v) => set(i, { ...e, userIds: v.map(Number) })}
          />
        </Stack>
      );
    }
    if (e.type === 'send_email') {
      return (
        <Stack gap={6}>
          <Text size="xs" c="dimmed">
            {t('automation.triggers.effects.emailHelp', { example: '{{ticket.number}}, {{requester.first_name}}' })}
          </Text>
          <TextInput
            label={k('subjectEn')}
            value={e.subjectEn}
            onChange={(ev) => set(i, { ...e, subjectEn: ev.currentTarget.value })}
          />
          <Textarea
            label={k('bodyEn')}
            autosize
            minRows={2}
            value={e.bodyEn}
            error={err}
            onChange={(ev) => set(i, { ...e, bodyEn: ev.currentTarget.value })}
          />
          <TextInput
            label={k('subjectHi')}
            value={e.subjectHi}
            onChange={(ev) => set(i, { ...e, subjectHi: ev.currentTarget.value })}
          />
          <Textarea
            label={k('bodyHi')}
            autosize
            minRows={2}
            value={e.bodyHi}
            onChange={(ev) => set(i, { ...e, bodyHi: ev.currentTarget.value })}
          />
        </Stack>
      );
    }
    return (
      <TextInput
        label={k('url')}
        description={k('urlHelp')}
        value={e.url}
        error={err}
        onChange={(ev) => set(i, { ...e, url: ev.currentTarget.value })}
      />
    );
  };

  return (
    <Stack gap="xs">
      {effects.map((e, i) => (
        <Paper
          // biome-ignore lint/suspicious/noArrayIndexKey: edited in place, in order
          key={i}
          withBorder
          p="xs"
          role="group"
          aria-label={t('automation.triggers.effects.rowLabel', { n: i + 1, what: k(`type.${e.type}`) })}
        >
          <Group align="flex-start" wrap="nowrap">
            <Text fw={600} size="sm" w={160} mt={4}>
              {k(`type.${e.type}`)}
            </Text>
            <div style={{ flex: 1 }}>{body(e, i)}</div>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('automation.triggers.effects.remove', { what: k(`type.${e.type}`) })}
              onClick={() => onChange(effects.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Menu position="bottom-start">
        <Menu.Target>
          <Button variant="light" size="xs" w="fit-content">
            {k('add')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {EFFECT_TYPES.map((type) => (
            <Menu.Item key={type} onClick={() => onChange([...effects, newEffect(type)])}>
              {k(`type.${type}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Stack>
  );
}
