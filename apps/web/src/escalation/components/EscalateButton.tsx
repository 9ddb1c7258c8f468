// "Escalate" on a ticket: a dialog asking why (required), to which team of a higher support tier
// (the next tier up is chosen for you) and, optionally, a new priority. The team's lead is notified.
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import type { Team } from '../../people/api';
import { isVersionConflict, TICKET_PRIORITIES, type TicketDetail, type TicketPriority } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useEscalate } from '../api';

interface Props {
  ticket: TicketDetail;
  teams: Team[];
  onConflict: () => void;
}

const REASON_MIN = 3;
const REASON_MAX = 500;

/** Teams above the ticket's tier (a ticket without a team counts as first line), lowest tier first. */
export function higherTeams(teams: Team[], teamId: number | null): Team[] {
  const current = teams.find((x) => x.id === teamId)?.tier ?? 1;
  return teams
    .filter((x) => (x.tier ?? 1) > current)
    .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name) || a.id - b.id);
}

export function EscalateButton({ ticket, teams, onConflict }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" color="orange" size="xs" onClick={() => setOpen(true)}>
        {t('escalation.escalate')}
      </Button>
      {open && <EscalateDialog ticket={ticket} teams={teams} onConflict={onConflict} onClose={() => setOpen(false)} />}
    </>
  );
}

function EscalateDialog({ ticket, teams, onConflict, onClose }: Props & { onClose: () => void }) {
  const { t } = useTranslation();
  const escalate = useEscalate(ticket.number);
  const targets = higherTeams(teams, ticket.team?.id ?? null);
  const [reason, setReason] = useState('');
  const [teamId, setTeamId] = useState<string | null>(targets[0] ? String(targets[0].id) : null);
  const [priority, setPriority] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const trimmed = reason.trim();
  const reasonProblem =
    trimmed.length < REASON_MIN
      ? t('escalation.dialog.reasonTooShort', { min: REASON_MIN })
      : trimmed.length > REASON_MAX
        ? t('escalation.dialog.reasonTooLong', { max: REASON_MAX })
        : null;
  const currentTier = teams.find((x) => x.id === ticket.team?.id)?.tier ?? 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (reasonProblem || !teamId) return;
    escalate.mutate(
      {
        version: ticket.version,
        reason: trimmed,
        teamId: Number(teamId),
        ...(priority ? { priority: priority as TicketPriority } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('escalation.dialog.done') });
          onClose();
        },
        onError: (error) => {
          if (isVersionConflict(error)) {
            onClose();
            onConflict();
          }
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('escalation.dialog.title', { number: ticket.number })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('escalation.dialog.help', { tier: t('escalation.tier.name', { n: currentTier }) })}
          </Text>
          {targets.length === 0 && (
            <Alert color="gray" role="status">
              {t('escalation.dialog.noHigherTier')}
            </Alert>
          )}
          <Textarea
            label={t('escalation.dialog.reason')}
            description={t('escalation.dialog.reasonHint', { min: REASON_MIN, max: REASON_MAX })}
            required
            autosize
            minRows={3}
            maxLength={REASON_MAX + 100}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={(touched && reasonProblem) || fieldError(escalate.error, 'reason')}
          />
          <Select
            label={t('escalation.dialog.team')}
            description={t('escalation.dialog.teamHint')}
            required
            allowDeselect={false}
            disabled={targets.length === 0}
            value={teamId}
            onChange={setTeamId}
            data={targets.map((x) => ({
              value: String(x.id),
              label: `${x.name} (${t('escalation.tier.name', { n: x.tier })})`,
            }))}
            error={fieldError(escalate.error, 'teamId')}
          />
          <Select
            label={t('escalation.dialog.priority')}
            placeholder={t('escalation.dialog.keepPriority', { priority: t(`tickets.priority.${ticket.priority}`) })}
            clearable
            value={priority}
            onChange={setPriority}
            data={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))}
            error={fieldError(escalate.error, 'priority')}
          />
          {escalate.error && !isVersionConflict(escalate.error) && !fieldError(escalate.error, 'reason') && (
            <ErrorAlert error={escalate.error} />
          )}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={escalate.isPending} disabled={targets.length === 0}>
              {t('escalation.dialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
