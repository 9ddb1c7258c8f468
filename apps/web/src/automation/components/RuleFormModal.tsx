// Create or edit a trigger or a time rule: name, description, on or off, (time rules: the hours since
// what), the conditions, the actions (the macro actions, then notices, emails and webhooks), and a
// preview of the unsolved tickets its conditions match now.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, fieldError } from '../../lib/api';
import { useAllUsers, useTeams } from '../../people/api';
import { useCustomFields } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { MacroAction } from '../api';
import {
  type Conditions,
  type EffectAction,
  isEffect,
  SINCE,
  type Since,
  type TimeRule,
  type Trigger,
  timeRuleApi,
  triggerApi,
  usePreviewConditions,
} from '../rules-api';
import { ActionEditor } from './ActionEditor';
import { ConditionsEditor } from './ConditionsEditor';
import { EffectsEditor } from './EffectsEditor';

type Props =
  | { kind: 'trigger'; rule: Trigger | null; onClose: () => void }
  | { kind: 'time_rule'; rule: TimeRule | null; onClose: () => void };

export function RuleFormModal(props: Props) {
  const { kind, rule, onClose } = props;
  const { t } = useTranslation();
  const p = kind === 'trigger' ? 'automation.triggers' : 'automation.timeRules';
  const saveTrigger = triggerApi.useSave();
  const saveTimeRule = timeRuleApi.useSave();
  const save = kind === 'trigger' ? saveTrigger : saveTimeRule;
  const preview = usePreviewConditions();
  const users = useAllUsers();
  const teams = useTeams();
  const fields = useCustomFields();
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [conditions, setConditions] = useState<Conditions>(rule?.conditions ?? { all: [], any: [] });
  const [actions, setActions] = useState<MacroAction[]>(
    (rule?.actions ?? []).filter((a): a is MacroAction => !isEffect(a)),
  );
  const [effects, setEffects] = useState<EffectAction[]>((rule?.actions ?? []).filter(isEffect));
  const timeRule = kind === 'time_rule' ? (props.rule as TimeRule | null) : null;
  const [since, setSince] = useState<Since>(timeRule?.since ?? 'pending');
  const [hours, setHours] = useState<number | string>(timeRule?.hours ?? 120);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      description: description.trim(),
      active,
      conditions,
      actions: [...actions, ...effects],
      ...(kind === 'time_rule' ? { since, hours: Number(hours) } : {}),
    };
    const done = {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('common.saved') });
        onClose();
      },
    };
    if (kind === 'trigger') saveTrigger.mutate({ id: rule?.id ?? null, body }, done);
    else saveTimeRule.mutate({ id: rule?.id ?? null, body }, done);
  };

  const loop = save.error instanceof ApiError && save.error.code === 'trigger_loop' ? save.error : null;

  return (
    <Modal opened onClose={onClose} title={t(rule ? `${p}.editTitle` : `${p}.createTitle`)} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {loop ? (
            <Alert color="red" title={t('automation.triggers.loopTitle')} role="alert">
              {String(loop.details?.explanation ?? loop.message)}
            </Alert>
          ) : (
            <ErrorAlert error={save.error} />
          )}
          <TextInput
            label={t('automation.triggers.name')}
            required
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            data-autofocus
          />
          <Textarea
            label={t('automation.triggers.description')}
            value={description}
            maxLength={500}
            autosize
            minRows={1}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(save.error, 'description')}
          />
          <Checkbox
            label={t(`${p}.activeHelp`)}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
          {kind === 'time_rule' && (
            <Group grow align="flex-start">
              <Select
                label={t('automation.timeRules.since')}
                allowDeselect={false}
                data={SINCE.map((s) => ({ value: s, label: t(`automation.timeRules.sinceOption.${s}`) }))}
                value={since}
                onChange={(v) => v && setSince(v as Since)}
                error={fieldError(save.error, 'since')}
              />
              <NumberInput
                label={t('automation.timeRules.hours')}
                description={t('automation.timeRules.hoursHelp')}
                min={1}
                max={8760}
                value={hours}
                onChange={setHours}
                error={fieldError(save.error, 'hours')}
              />
            </Group>
          )}

          <Title order={4} mt="sm">
            {t('automation.triggers.conditionsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`${p}.conditionsHelp`)}
          </Text>
          {fieldError(save.error, 'conditions.all') && (
            <Text size="sm" c="red" role="alert">
              {fieldError(save.error, 'conditions.all')}
            </Text>
          )}
          <ConditionsEditor
            value={conditions}
            onChange={setConditions}
            kind={kind}
            users={users.data ?? []}
            teams={teams.data ?? []}
            fields={fields.data ?? []}
            error={save.error}
          />
          <Group>
            <Button variant="light" size="xs" loading={preview.isPending} onClick={() => preview.mutate(conditions)}>
              {t('automation.triggers.preview.button')}
            </Button>
          </Group>
          {preview.error && <ErrorAlert error={preview.error} />}
          {preview.data && (
            <Stack gap={4} aria-live="polite">
              <Text size="sm" fw={600}>
                {t('automation.triggers.preview.count', { count: preview.data.count })}
              </Text>
              {preview.data.ignored.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t('automation.triggers.preview.ignored')}
                </Text>
              )}
              <List size="sm">
                {preview.data.items.slice(0, 10).map((x) => (
                  <List.Item key={x.number}>
                    <Anchor component={Link} to={`/tickets/${x.number}`} target="_blank">
                      #{x.number} {x.subject}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
              {preview.data.count > 10 && (
                <Text size="xs" c="dimmed">
                  {t('automation.triggers.preview.more', { count: preview.data.count - 10 })}
                </Text>
              )}
            </Stack>
          )}

          <Title order={4} mt="sm">
            {t('automation.triggers.actionsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('automation.triggers.actionsHelp')}
          </Text>
          {fieldError(save.error, 'actions') && (
            <Text size="sm" c="red" role="alert">
              {fieldError(save.error, 'actions')}
            </Text>
          )}
          <ActionEditor
            actions={actions}
            emptyText={t('automation.triggers.noChanges')}
            onChange={setActions}
            users={users.data ?? []}
            teams={teams.data ?? []}
            fields={fields.data ?? []}
            error={save.error}
          />
          <Title order={5} mt="xs">
            {t('automation.triggers.effects.title')}
          </Title>
          <EffectsEditor
            effects={effects}
            onChange={setEffects}
            users={users.data ?? []}
            offset={actions.length}
            error={save.error}
          />

          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
