// The ticket's properties, each saved as soon as it changes, with the version it was based on.
import {
  Anchor,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { User } from '../../auth/api';
import { ApiError, fieldError } from '../../lib/api';
import type { Team } from '../../people/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import {
  type CustomField,
  type FieldValue,
  isVersionConflict,
  SETTABLE_STATUSES,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type TicketChanges,
  type TicketDetail,
  useFollow,
  useMergeTicket,
  useUpdateTicket,
} from '../api';
import { CustomFieldInput } from './CustomFieldInput';
import { ReturnDetailsForm } from './ReturnDetailsForm';
import { StatusBadge } from './TicketBadges';

interface Props {
  ticket: TicketDetail;
  users: User[];
  teams: Team[];
  fields: CustomField[];
  selfId: number;
  onConflict: () => void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h6" c="dimmed" tt="uppercase">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function MergeModal({
  ticket,
  onClose,
  onConflict,
}: {
  ticket: TicketDetail;
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const merge = useMergeTicket(ticket.number);
  const [into, setInto] = useState<number | string>('');
  return (
    <Modal opened onClose={onClose} title={t('tickets.merge.title', { number: ticket.number })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (typeof into !== 'number') return;
          merge.mutate(into, {
            onSuccess: ({ ticket: survivor }) => {
              notifications.show({
                color: 'green',
                message: t('tickets.merge.done', { from: ticket.number, into: survivor.number }),
              });
              onClose();
              void navigate(`/tickets/${survivor.number}`);
            },
            onError: (error) => {
              if (isVersionConflict(error)) onConflict();
            },
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('tickets.merge.help')}</Text>
          <ErrorAlert error={merge.error} />
          <NumberInput
            label={t('tickets.merge.into')}
            data-autofocus
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={into}
            onChange={setInto}
            error={fieldError(merge.error, 'intoNumber')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={merge.isPending} disabled={typeof into !== 'number'}>
              {t('tickets.merge.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ProblemLink({
  ticket,
  save,
  disabled,
}: {
  ticket: TicketDetail;
  save: (changes: TicketChanges) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<number | string>('');
  if (ticket.problem) {
    return (
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Anchor component={Link} to={`/tickets/${ticket.problem.number}`} size="sm" lineClamp={1}>
          #{ticket.problem.number} {ticket.problem.subject}
        </Anchor>
        <Button size="xs" variant="subtle" disabled={disabled} onClick={() => save({ problemNumber: null })}>
          {t('tickets.problem.unlink')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <NumberInput
        size="sm"
        label={t('tickets.problem.number')}
        min={1}
        allowDecimal={false}
        allowNegative={false}
        value={problem}
        onChange={setProblem}
        disabled={disabled}
        style={{ flex: 1 }}
      />
      <Button
        size="sm"
        variant="light"
        disabled={disabled || typeof problem !== 'number'}
        onClick={() => {
          if (typeof problem === 'number') save({ problemNumber: problem });
        }}
      >
        {t('tickets.problem.link')}
      </Button>
    </Group>
  );
}

export function PropertiesPanel({ ticket, users, teams, fields, selfId, onConflict }: Props) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.number);
  const follow = useFollow(ticket.number);
  const [merging, setMerging] = useState(false);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const closed = ticket.status === 'closed' || ticket.mergedInto !== null;

  // While a change is on its way, show it already.
  const shown: TicketDetail = update.isPending && update.variables ? { ...ticket, ...update.variables } : ticket;
  const assigneeId =
    update.isPending && update.variables?.assigneeId !== undefined
      ? update.variables.assigneeId
      : (ticket.assignee?.id ?? null);
  const teamId =
    update.isPending && update.variables?.teamId !== undefined ? update.variables.teamId : (ticket.team?.id ?? null);

  const save = (changes: TicketChanges) =>
    update.mutate(
      { version: ticket.version, ...changes },
      {
        onError: (error) => {
          if (isVersionConflict(error)) onConflict();
        },
      },
    );
  // The server merges field values by key: send only the one that changed.
  const saveField = (key: string, value: FieldValue) => save({ fields: { [key]: value } });

  const showError =
    update.error && !isVersionConflict(update.error) && !(update.error instanceof ApiError && fieldsOnly(update.error));
  const statuses = SETTABLE_STATUSES.includes(shown.status as (typeof SETTABLE_STATUSES)[number])
    ? SETTABLE_STATUSES
    : [shown.status, ...SETTABLE_STATUSES];

  return (
    <Paper withBorder p="sm" radius="md" component="aside" aria-label={t('tickets.properties.title')}>
      <Stack gap="md">
        {showError && <ErrorAlert error={update.error} />}
        {update.error instanceof ApiError && update.error.code === 'validation_failed' && fieldsOnly(update.error) && (
          <Text size="sm" c="red" role="alert">
            {update.error.message}
          </Text>
        )}
        <Section title={t('tickets.properties.title')}>
          <Select
            label={t('tickets.fields.status')}
            allowDeselect={false}
            value={shown.status}
            onChange={(v) => {
              const status = SETTABLE_STATUSES.find((s) => s === v);
              if (status && status !== ticket.status) save({ status });
            }}
            data={statuses.map((value) => ({
              value,
              label: t(`tickets.status.${value}`),
              disabled: value === 'new' || value === 'closed',
            }))}
            disabled={closed}
            error={fieldError(update.error, 'status')}
          />
          <Select
            label={t('tickets.fields.priority')}
            allowDeselect={false}
            value={shown.priority}
            onChange={(v) => {
              const priority = TICKET_PRIORITIES.find((p) => p === v);
              if (priority && priority !== ticket.priority) save({ priority });
            }}
            data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))}
            disabled={closed}
          />
          <Select
            label={t('tickets.fields.type')}
            allowDeselect={false}
            value={shown.type}
            onChange={(v) => {
              const type = TICKET_TYPES.find((x) => x === v);
              if (type && type !== ticket.type) save({ type });
            }}
            data={TICKET_TYPES.map((value) => ({ value, label: t(`tickets.type.${value}`) }))}
            disabled={closed}
          />
          <div>
            <Select
              label={t('tickets.fields.assignee')}
              placeholder={t('tickets.inbox.unassigned')}
              searchable
              clearable
              value={assigneeId ? String(assigneeId) : null}
              onChange={(v) => save({ assigneeId: v ? Number(v) : null })}
              data={users
                .filter((u) => u.active || u.id === assigneeId)
                .map((u) => ({ value: String(u.id), label: u.name }))}
              disabled={closed}
              error={fieldError(update.error, 'assigneeId')}
            />
            {assigneeId !== selfId && !closed && (
              <Button size="compact-xs" variant="subtle" mt={4} onClick={() => save({ assigneeId: selfId })}>
                {t('tickets.properties.assignToMe')}
              </Button>
            )}
          </div>
          <Select
            label={t('tickets.fields.team')}
            placeholder={t('tickets.inbox.noTeam')}
            clearable
            value={teamId ? String(teamId) : null}
            onChange={(v) => save({ teamId: v ? Number(v) : null })}
            data={teams.map((team) => ({ value: String(team.id), label: team.name }))}
            disabled={closed}
            error={fieldError(update.error, 'teamId')}
          />
          <TagsInput
            label={t('tickets.fields.tags')}
            value={shown.tags}
            onChange={(tags) => save({ tags })}
            disabled={closed}
            error={fieldError(update.error, 'tags')}
            clearable
          />
        </Section>

        {fields.some((f) => f.active) && (
          <>
            <Divider />
            <Section title={t('tickets.properties.customFields')}>
              {fields
                .filter((f) => f.active)
                .map((field) => (
                  <CustomFieldInput
                    key={field.id}
                    field={field}
                    value={ticket.fields[field.key]}
                    onSave={(value) => saveField(field.key, value)}
                    error={fieldError(update.error, `fields.${field.key}`)}
                    disabled={closed}
                  />
                ))}
            </Section>
          </>
        )}

        {ticket.type === 'return' && (
          <>
            <Divider />
            <Section title={t('tickets.return.title')}>
              <ReturnDetailsForm
                key={JSON.stringify(ticket.returnDetails)}
                value={ticket.returnDetails}
                onSave={(returnDetails) => save({ returnDetails })}
                pending={update.isPending}
                error={update.error}
                disabled={closed}
              />
            </Section>
          </>
        )}

        {ticket.type === 'incident' && (
          <>
            <Divider />
            <Section title={t('tickets.problem.title')}>
              <ProblemLink ticket={ticket} save={save} disabled={closed} />
            </Section>
          </>
        )}

        {ticket.type === 'problem' && (
          <>
            <Divider />
            <Section title={t('tickets.problem.incidents')}>
              {ticket.incidents.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('tickets.problem.noIncidents')}
                </Text>
              ) : (
                ticket.incidents.map((i) => (
                  <Group key={i.number} gap="xs" wrap="nowrap" justify="space-between">
                    <Anchor component={Link} to={`/tickets/${i.number}`} size="sm" lineClamp={1}>
                      #{i.number} {i.subject}
                    </Anchor>
                    <StatusBadge status={i.status} />
                  </Group>
                ))
              )}
            </Section>
          </>
        )}

        <Divider />
        <Section title={t('tickets.followers.title')}>
          {ticket.followerIds.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('tickets.followers.none')}
            </Text>
          ) : (
            <Text size="sm">
              {ticket.followerIds.map((id) => names.get(id) ?? t('people.teams.unknownUser')).join(', ')}
            </Text>
          )}
          <ErrorAlert error={follow.error} />
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={follow.isPending}
              onClick={() =>
                follow.mutate({ follow: !ticket.following, userId: ticket.following ? selfId : undefined })
              }
            >
              {ticket.following ? t('tickets.followers.unfollow') : t('tickets.followers.follow')}
            </Button>
          </Group>
        </Section>

        {!closed && (
          <>
            <Divider />
            <Group>
              <Button size="xs" variant="light" color="red" onClick={() => setMerging(true)}>
                {t('tickets.merge.button')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      {merging && <MergeModal ticket={ticket} onClose={() => setMerging(false)} onConflict={onConflict} />}
    </Paper>
  );
}

/** A validation error whose every message belongs to a field shown beside its input. */
function fieldsOnly(error: ApiError): boolean {
  return error.code === 'validation_failed' && Object.keys(error.fields).length > 0;
}
