// Changes to every selected ticket at once; what the server refused is listed, not hidden.
import { Button, Group, Modal, Paper, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import type { Team } from '../../people/api';
import { ErrorAlert, errorText } from '../../ui/ErrorAlert';
import {
  type BulkChanges,
  type BulkResult,
  SETTABLE_STATUSES,
  TICKET_PRIORITIES,
  type TicketSummary,
  useBulkUpdate,
  useMergeMany,
} from '../api';

interface Props {
  selected: number[];
  tickets: TicketSummary[];
  users: User[];
  teams: Team[];
  selfId: number;
  onDone: () => void;
}

/** Reports a bulk result: how many changed, and each refusal in the server's words. */
export function useReportBulk() {
  const { t } = useTranslation();
  return (result: BulkResult) => {
    if (result.updated.length > 0) {
      notifications.show({ color: 'green', message: t('tickets.bulk.updated', { count: result.updated.length }) });
    }
    if (result.failed.length > 0) {
      notifications.show({
        color: 'red',
        title: t('tickets.bulk.failed', { count: result.failed.length }),
        message: result.failed.map((f) => `#${f.number}: ${f.message}`).join('\n'),
        autoClose: false,
      });
    }
  };
}

function MergeModal({
  numbers,
  tickets,
  onClose,
  onDone,
}: {
  numbers: number[];
  tickets: TicketSummary[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const merge = useMergeMany();
  const report = useReportBulk();
  const [into, setInto] = useState<string>(String(Math.min(...numbers)));
  const subject = (n: number) => tickets.find((x) => x.number === n)?.subject ?? '';
  return (
    <Modal opened onClose={onClose} title={t('tickets.bulk.mergeTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('tickets.bulk.mergeHelp')}</Text>
        <ErrorAlert error={merge.error} />
        <Radio.Group value={into} onChange={setInto} label={t('tickets.bulk.mergeInto')}>
          <Stack gap="xs" mt="xs">
            {numbers.map((n) => (
              <Radio key={n} value={String(n)} label={`#${n} ${subject(n)}`} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={merge.isPending}
            onClick={() =>
              merge.mutate(
                { numbers, intoNumber: Number(into) },
                {
                  onSuccess: (result) => {
                    report(result);
                    onClose();
                    onDone();
                  },
                },
              )
            }
          >
            {t('tickets.bulk.mergeConfirm', { number: into })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function BulkActionBar({ selected, tickets, users, teams, selfId, onDone }: Props) {
  const { t } = useTranslation();
  const bulk = useBulkUpdate();
  const report = useReportBulk();
  const [tag, setTag] = useState('');
  const [merging, setMerging] = useState(false);

  const apply = (changes: BulkChanges) =>
    bulk.mutate(
      { numbers: selected, changes },
      {
        onSuccess: (result) => {
          report(result);
          if (result.failed.length === 0) onDone();
        },
        onError: (error) =>
          notifications.show({ color: 'red', title: t('errors.title'), message: errorText(error, t) }),
      },
    );

  return (
    <Paper withBorder p="xs" mb="sm" role="region" aria-label={t('tickets.bulk.label')}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {t('tickets.bulk.selected', { count: selected.length })}
        </Text>
        <Select
          aria-label={t('tickets.bulk.assign')}
          placeholder={t('tickets.bulk.assign')}
          searchable
          size="xs"
          value={null}
          onChange={(v) => {
            if (v) apply({ assigneeId: v === 'none' ? null : Number(v) });
          }}
          data={[
            { value: String(selfId), label: t('tickets.inbox.me') },
            { value: 'none', label: t('tickets.inbox.unassigned') },
            ...users.filter((u) => u.active && u.id !== selfId).map((u) => ({ value: String(u.id), label: u.name })),
          ]}
          w={170}
        />
        <Select
          aria-label={t('tickets.bulk.status')}
          placeholder={t('tickets.bulk.status')}
          size="xs"
          value={null}
          onChange={(v) => {
            const status = SETTABLE_STATUSES.find((s) => s === v);
            if (status) apply({ status });
          }}
          data={SETTABLE_STATUSES.map((value) => ({ value, label: t(`tickets.status.${value}`) }))}
          w={150}
        />
        <Select
          aria-label={t('tickets.bulk.priority')}
          placeholder={t('tickets.bulk.priority')}
          size="xs"
          value={null}
          onChange={(v) => {
            const priority = TICKET_PRIORITIES.find((p) => p === v);
            if (priority) apply({ priority });
          }}
          data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))}
          w={150}
        />
        <Select
          aria-label={t('tickets.bulk.team')}
          placeholder={t('tickets.bulk.team')}
          size="xs"
          value={null}
          onChange={(v) => {
            if (v) apply({ teamId: v === 'none' ? null : Number(v) });
          }}
          data={[
            { value: 'none', label: t('tickets.inbox.noTeam') },
            ...teams.map((team) => ({ value: String(team.id), label: team.name })),
          ]}
          w={150}
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.trim()) {
              apply({ addTags: [tag.trim()] });
              setTag('');
            }
          }}
        >
          <Group gap={4} wrap="nowrap">
            <TextInput
              size="xs"
              aria-label={t('tickets.bulk.tag')}
              placeholder={t('tickets.bulk.tag')}
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
              w={130}
            />
            <Button size="xs" type="submit" variant="light" disabled={!tag.trim()}>
              {t('tickets.bulk.addTag')}
            </Button>
          </Group>
        </form>
        <Button size="xs" variant="light" color="red" disabled={selected.length < 2} onClick={() => setMerging(true)}>
          {t('tickets.bulk.merge')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('tickets.bulk.clear')}
        </Button>
      </Group>
      {merging && <MergeModal numbers={selected} tickets={tickets} onClose={() => setMerging(false)} onDone={onDone} />}
    </Paper>
  );
}
