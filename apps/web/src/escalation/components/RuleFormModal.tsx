// Create or edit an escalation rule: when (priority, team, tier, and at least one timed condition:
// minutes unassigned, minutes without a reply, an SLA target breached) and then (tell the lead,
// escalate to the next tier or a chosen team, raise the priority). The server's field messages show
// under the inputs they are about.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import type { Team } from '../../people/api';
import { TICKET_PRIORITIES, type TicketPriority } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import {
  type EscalationRule,
  type RuleConditions,
  SLA_BREACH_METRICS,
  type SlaBreachMetric,
  useSaveRule,
} from '../api';

interface Props {
  rule: EscalationRule | null;
  teams: Team[];
  onClose: () => void;
}

const minutesOrUndefined = (v: number | '') => (v === '' ? undefined : v);

export function RuleFormModal({ rule, teams, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSaveRule();
  const c = rule?.conditions ?? {};
  const a = rule?.actions;
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [priority, setPriority] = useState<string[]>(c.priority ?? []);
  const [teamIds, setTeamIds] = useState<string[]>((c.teamIds ?? []).map(String));
  const [tiers, setTiers] = useState<string[]>((c.tiers ?? []).map(String));
  const [unassigned, setUnassigned] = useState(c.unassigned ?? false);
  const [unassignedFor, setUnassignedFor] = useState<number | ''>(c.unassignedForMinutes ?? '');
  const [noReplyFor, setNoReplyFor] = useState<number | ''>(c.noReplyForMinutes ?? '');
  const [breached, setBreached] = useState<string[]>(c.slaBreached ?? []);
  const [notifyLead, setNotifyLead] = useState(a?.notifyLead ?? true);
  const [escalate, setEscalate] = useState(a?.escalate ?? false);
  const [toTeam, setToTeam] = useState<string | null>(a?.escalateToTeamId ? String(a.escalateToTeamId) : null);
  const [raiseTo, setRaiseTo] = useState<string | null>(a?.raisePriorityTo ?? null);
  const [touched, setTouched] = useState(false);

  const noTiming = unassignedFor === '' && noReplyFor === '' && breached.length === 0;
  const noAction = !notifyLead && !escalate && !raiseTo;
  const tierOptions = Array.from({ length: 9 }, (_, i) => ({
    value: String(i + 1),
    label: t('escalation.tier.name', { n: i + 1 }),
  }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || noTiming || noAction) return;
    const conditions: RuleConditions = {
      ...(priority.length ? { priority: priority as TicketPriority[] } : {}),
      ...(teamIds.length ? { teamIds: teamIds.map(Number) } : {}),
      ...(tiers.length ? { tiers: tiers.map(Number) } : {}),
      ...(unassigned ? { unassigned: true } : {}),
      ...(minutesOrUndefined(unassignedFor) !== undefined ? { unassignedForMinutes: Number(unassignedFor) } : {}),
      ...(minutesOrUndefined(noReplyFor) !== undefined ? { noReplyForMinutes: Number(noReplyFor) } : {}),
      ...(breached.length ? { slaBreached: breached as SlaBreachMetric[] } : {}),
    };
    save.mutate(
      {
        id: rule?.id ?? null,
        body: {
          name: name.trim(),
          description: description.trim(),
          active,
          conditions,
          actions: {
            notifyLead,
            escalate,
            escalateToTeamId: escalate && toTeam ? Number(toTeam) : null,
            raisePriorityTo: (raiseTo as TicketPriority | null) ?? null,
          },
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

  const fe = (field: string) => fieldError(save.error, field);
  return (
    <Modal
      opened
      onClose={onClose}
      title={rule ? t('escalation.rules.editTitle') : t('escalation.rules.newTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('escalation.rules.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={(touched && !name.trim() && t('escalation.rules.nameRequired')) || fe('name')}
          />
          <Textarea
            label={t('escalation.rules.description')}
            description={t('escalation.rules.descriptionHint')}
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fe('description')}
          />
          <Switch
            label={t('escalation.rules.active')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />

          <Title order={4}>{t('escalation.rules.when')}</Title>
          <MultiSelect
            label={t('escalation.rules.priority')}
            placeholder={t('escalation.rules.any')}
            data={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))}
            value={priority}
            onChange={setPriority}
            error={fe('conditions.priority')}
          />
          <Group grow align="start">
            <MultiSelect
              label={t('escalation.rules.teams')}
              placeholder={t('escalation.rules.any')}
              data={teams.map((x) => ({ value: String(x.id), label: x.name }))}
              value={teamIds}
              onChange={setTeamIds}
              error={fe('conditions.teamIds')}
            />
            <MultiSelect
              label={t('escalation.rules.tiers')}
              placeholder={t('escalation.rules.any')}
              data={tierOptions}
              value={tiers}
              onChange={setTiers}
              error={fe('conditions.tiers')}
            />
          </Group>
          <Checkbox
            label={t('escalation.rules.unassignedNow')}
            checked={unassigned}
            onChange={(e) => setUnassigned(e.currentTarget.checked)}
          />
          <Group grow align="start">
            <NumberInput
              label={t('escalation.rules.unassignedForLabel')}
              description={t('escalation.rules.minutesHint')}
              min={1}
              allowDecimal={false}
              value={unassignedFor}
              onChange={(v) => setUnassignedFor(v === '' ? '' : Number(v))}
              error={fe('conditions.unassignedForMinutes')}
            />
            <NumberInput
              label={t('escalation.rules.noReplyForLabel')}
              description={t('escalation.rules.minutesHint')}
              min={1}
              allowDecimal={false}
              value={noReplyFor}
              onChange={(v) => setNoReplyFor(v === '' ? '' : Number(v))}
              error={fe('conditions.noReplyForMinutes')}
            />
          </Group>
          <Checkbox.Group
            label={t('escalation.rules.breachedLabel')}
            description={t('escalation.rules.breachedHint')}
            value={breached}
            onChange={setBreached}
          >
            <Group mt={4}>
              {SLA_BREACH_METRICS.map((m) => (
                <Checkbox key={m} value={m} label={t(`tickets.history.slaMetric.${m}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          {((touched && noTiming) || fe('conditions')) && (
            <Alert color="red" role="alert">
              {fe('conditions') ?? t('escalation.rules.needsTiming')}
            </Alert>
          )}

          <Title order={4}>{t('escalation.rules.then')}</Title>
          <Checkbox
            label={t('escalation.rules.notifyLead')}
            checked={notifyLead}
            onChange={(e) => setNotifyLead(e.currentTarget.checked)}
          />
          <Checkbox
            label={t('escalation.rules.escalateLabel')}
            checked={escalate}
            onChange={(e) => setEscalate(e.currentTarget.checked)}
          />
          {escalate && (
            <Select
              label={t('escalation.rules.escalateToLabel')}
              placeholder={t('escalation.rules.escalateNext')}
              clearable
              data={teams.map((x) => ({
                value: String(x.id),
                label: `${x.name} (${t('escalation.tier.name', { n: x.tier ?? 1 })})`,
              }))}
              value={toTeam}
              onChange={setToTeam}
              error={fe('actions.escalateToTeamId')}
            />
          )}
          <Select
            label={t('escalation.rules.raiseLabel')}
            placeholder={t('escalation.rules.keepPriority')}
            clearable
            data={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))}
            value={raiseTo}
            onChange={setRaiseTo}
            error={fe('actions.raisePriorityTo')}
          />
          {((touched && noAction) || fe('actions')) && (
            <Alert color="red" role="alert">
              {fe('actions') ?? t('escalation.rules.needsAction')}
            </Alert>
          )}
          {save.error && !fe('name') && !fe('conditions') && !fe('actions') && <ErrorAlert error={save.error} />}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {rule ? t('common.save') : t('escalation.rules.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
