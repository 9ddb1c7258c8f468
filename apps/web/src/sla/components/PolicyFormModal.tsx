// Create or edit an SLA policy: name, description, the tickets it applies to, targets per priority
// (hours and minutes for first reply, next reply and resolution), which hours count, and the
// statuses that pause the clock.
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTiers } from '../../customers/api';
import { OrganisationPicker } from '../../customers/components/OrganisationPicker';
import { fieldError } from '../../lib/api';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES, type TicketPriority } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import {
  PAUSING_STATUSES,
  type PolicyConditions,
  SLA_METRICS,
  type SlaMetric,
  type SlaPolicy,
  useSavePolicy,
} from '../api';
import { joinMinutes, splitMinutes } from '../targets';

interface Props {
  policy: SlaPolicy | null;
  onClose: () => void;
}

/** What the two inputs of one target hold: a number, or '' when empty. */
type Cell = { hours: number | ''; minutes: number | '' };
type Grid = Record<TicketPriority, Record<SlaMetric, Cell>>;

const EMPTY: Cell = { hours: '', minutes: '' };

function gridOf(targets: SlaPolicy['targets'] | undefined): Grid {
  return Object.fromEntries(
    TICKET_PRIORITIES.map((priority) => [
      priority,
      Object.fromEntries(
        SLA_METRICS.map((metric) => {
          const minutes = targets?.[priority]?.[metric];
          if (minutes === undefined) return [metric, EMPTY];
          // "8 h", not "8 h 0 min": an empty input reads as none.
          const split = splitMinutes(minutes);
          return [metric, { hours: split.hours || '', minutes: split.minutes || (split.hours ? '' : 0) }];
        }),
      ),
    ]),
  ) as Grid;
}

function targetsOf(grid: Grid): SlaPolicy['targets'] {
  const out: SlaPolicy['targets'] = {};
  for (const priority of TICKET_PRIORITIES) {
    for (const metric of SLA_METRICS) {
      const minutes = joinMinutes(grid[priority][metric].hours, grid[priority][metric].minutes);
      if (minutes !== undefined) out[priority] = { ...out[priority], [metric]: minutes };
    }
  }
  return out;
}

const asNumber = (v: string | number): number | '' => (v === '' ? '' : Number(v));

export function PolicyFormModal({ policy, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSavePolicy();
  const tiers = useTiers();
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [active, setActive] = useState(policy?.active ?? true);
  const [conditions, setConditions] = useState<PolicyConditions>(policy?.conditions ?? {});
  const [grid, setGrid] = useState<Grid>(() => gridOf(policy?.targets));
  const [businessHours, setBusinessHours] = useState(policy?.businessHours ?? true);
  const [pauseOn, setPauseOn] = useState<string[]>(policy?.pauseOn ?? [...PAUSING_STATUSES]);

  const setCondition = <K extends keyof PolicyConditions>(key: K, value: PolicyConditions[K]) =>
    setConditions((c) => ({ ...c, [key]: value }));
  const setCell = (priority: TicketPriority, metric: SlaMetric, patch: Partial<Cell>) =>
    setGrid((g) => ({ ...g, [priority]: { ...g[priority], [metric]: { ...g[priority][metric], ...patch } } }));
  const options = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const targetsError = fieldError(save.error, 'targets');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: policy?.id ?? null,
        body: {
          name: name.trim(),
          description: description.trim(),
          active,
          conditions,
          targets: targetsOf(grid),
          businessHours,
          pauseOn: PAUSING_STATUSES.filter((s) => pauseOn.includes(s)),
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={policy ? t('sla.policies.editTitle') : t('sla.policies.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('sla.policies.name')}
            required
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            data-autofocus
          />
          <Textarea
            label={t('sla.policies.description')}
            value={description}
            maxLength={1000}
            autosize
            minRows={1}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(save.error, 'description')}
          />
          <Checkbox
            label={t('sla.policies.active')}
            description={t('sla.policies.activeHint')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />

          <Title order={3} size="h5" mt="sm">
            {t('sla.policies.conditions')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sla.policies.conditionsHint')}
          </Text>
          <Group grow align="flex-start">
            <MultiSelect
              label={t('sla.policies.priority')}
              placeholder={t('sla.policies.any')}
              value={conditions.priority ?? []}
              onChange={(v) => setCondition('priority', v as TicketPriority[])}
              data={options(TICKET_PRIORITIES, 'tickets.priority')}
              error={fieldError(save.error, 'conditions.priority')}
              clearable
            />
            <MultiSelect
              label={t('sla.policies.channel')}
              placeholder={t('sla.policies.any')}
              value={conditions.channel ?? []}
              onChange={(v) => setCondition('channel', v as PolicyConditions['channel'])}
              data={options(TICKET_CHANNELS, 'tickets.channel')}
              error={fieldError(save.error, 'conditions.channel')}
              clearable
            />
          </Group>
          <Group grow align="flex-start">
            <MultiSelect
              label={t('sla.policies.type')}
              placeholder={t('sla.policies.any')}
              value={conditions.type ?? []}
              onChange={(v) => setCondition('type', v as PolicyConditions['type'])}
              data={options(TICKET_TYPES, 'tickets.type')}
              error={fieldError(save.error, 'conditions.type')}
              clearable
            />
            <TagsInput
              label={t('sla.policies.tags')}
              description={t('sla.policies.tagsHint')}
              value={conditions.tags ?? []}
              onChange={(v) => setCondition('tags', v)}
              error={fieldError(save.error, 'conditions.tags')}
              clearable
            />
          </Group>
          <OrganisationPicker
            label={t('sla.policies.organisations')}
            value={conditions.organisationIds ?? []}
            onChange={(ids) => setCondition('organisationIds', ids)}
            description={t('sla.policies.organisationsHint')}
            error={fieldError(save.error, 'conditions.organisationIds')}
          />
          <TagsInput
            label={t('sla.policies.tiers')}
            description={t('sla.policies.tiersHint')}
            placeholder={t('sla.policies.any')}
            value={conditions.organisationTiers ?? []}
            onChange={(v) => setCondition('organisationTiers', v)}
            data={(tiers.data ?? []).map((x) => x.tier)}
            error={
              fieldError(save.error, 'conditions.organisationTiers') ??
              (conditions.organisationTiers ?? [])
                .map((_, i) => fieldError(save.error, `conditions.organisationTiers.${i}`))
                .find(Boolean)
            }
            clearable
          />

          <Title order={3} size="h5" mt="sm">
            {t('sla.policies.targets')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sla.policies.targetsHint')}
          </Text>
          {targetsError && (
            <Text c="red" size="sm" role="alert">
              {targetsError}
            </Text>
          )}
          <Table withRowBorders={false} verticalSpacing={4} aria-label={t('sla.policies.targets')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sla.policies.priority')}</Table.Th>
                {SLA_METRICS.map((metric) => (
                  <Table.Th key={metric}>{t(`sla.policies.metric.${metric}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...TICKET_PRIORITIES].reverse().map((priority) => {
                const label = t(`tickets.priority.${priority}`);
                return (
                  <Table.Tr key={priority}>
                    <Table.Th scope="row" style={{ verticalAlign: 'top', paddingTop: 10 }}>
                      {label}
                    </Table.Th>
                    {SLA_METRICS.map((metric) => {
                      const cell = grid[priority][metric];
                      const what = { priority: label, metric: t(`sla.policies.metric.${metric}`) };
                      const error =
                        fieldError(save.error, `targets.${priority}.${metric}`) ??
                        fieldError(save.error, `targets.${priority}`);
                      return (
                        <Table.Td key={metric} style={{ verticalAlign: 'top' }}>
                          <Group gap={4} wrap="nowrap">
                            <NumberInput
                              aria-label={t('sla.policies.hoursOf', what)}
                              w={82}
                              size="xs"
                              value={cell.hours}
                              onChange={(v) => setCell(priority, metric, { hours: asNumber(v) })}
                              allowDecimal={false}
                              allowNegative={false}
                              hideControls
                              rightSection={<Text size="xs">{t('sla.policies.h')}</Text>}
                              error={!!error}
                            />
                            <NumberInput
                              aria-label={t('sla.policies.minutesOf', what)}
                              w={82}
                              size="xs"
                              value={cell.minutes}
                              onChange={(v) => setCell(priority, metric, { minutes: asNumber(v) })}
                              allowDecimal={false}
                              allowNegative={false}
                              hideControls
                              rightSection={<Text size="xs">{t('sla.policies.min')}</Text>}
                              error={!!error}
                            />
                          </Group>
                          {error && (
                            <Text c="red" size="xs" mt={2} maw={170}>
                              {error}
                            </Text>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>

          <Radio.Group
            label={t('sla.policies.clock')}
            value={businessHours ? 'business' : 'calendar'}
            onChange={(v) => setBusinessHours(v === 'business')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="business" label={t('sla.policies.businessHours')} />
              <Radio value="calendar" label={t('sla.policies.calendarHours')} />
            </Stack>
          </Radio.Group>
          <Checkbox.Group
            label={t('sla.policies.pauseOn')}
            value={pauseOn}
            onChange={setPauseOn}
            error={fieldError(save.error, 'pauseOn')}
          >
            <Group gap="lg" mt={6}>
              {PAUSING_STATUSES.map((status) => (
                <Checkbox key={status} value={status} label={t(`tickets.status.${status}`)} />
              ))}
            </Group>
          </Checkbox.Group>

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
