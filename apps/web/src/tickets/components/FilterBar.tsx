// The inbox's filters and search box; changes apply at once.
import { Button, Group, MultiSelect, Select, TagsInput, TextInput } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import type { Team } from '../../people/api';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SORTS,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketFilters,
  type TicketSort,
  useCustomFields,
} from '../api';
import { FieldFilters } from './FieldFilters';

interface Props {
  filters: TicketFilters;
  onFilters: (filters: TicketFilters) => void;
  q: string;
  onQ: (q: string) => void;
  sort: TicketSort;
  onSort: (sort: TicketSort) => void;
  users: User[];
  teams: Team[];
  searchRef: Ref<HTMLInputElement>;
}

function pick<T extends string>(all: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T => (all as readonly string[]).includes(v));
}

export function FilterBar({ filters, onFilters, q, onQ, sort, onSort, users, teams, searchRef }: Props) {
  const { t } = useTranslation();
  const customFields = useCustomFields();
  const set = (patch: TicketFilters) => onFilters({ ...filters, ...patch });
  const active = Object.values(filters).some((v) =>
    Array.isArray(v) ? v.length > 0 : typeof v === 'object' ? Object.keys(v).length > 0 : v !== undefined,
  );

  return (
    <Group align="flex-end" gap="xs" wrap="wrap" mb="sm">
      <TextInput
        ref={searchRef}
        type="search"
        label={t('tickets.inbox.search')}
        placeholder={t('tickets.inbox.searchPlaceholder')}
        value={q}
        onChange={(e) => onQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
        w={260}
      />
      <MultiSelect
        label={t('tickets.fields.status')}
        placeholder={t('tickets.inbox.any')}
        value={filters.status ?? []}
        onChange={(v) => set({ status: pick(TICKET_STATUSES, v) })}
        data={TICKET_STATUSES.map((value) => ({ value, label: t(`tickets.status.${value}`) }))}
        clearable
        w={200}
      />
      <MultiSelect
        label={t('tickets.fields.priority')}
        placeholder={t('tickets.inbox.any')}
        value={filters.priority ?? []}
        onChange={(v) => set({ priority: pick(TICKET_PRIORITIES, v) })}
        data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))}
        clearable
        w={170}
      />
      <MultiSelect
        label={t('tickets.fields.type')}
        placeholder={t('tickets.inbox.any')}
        value={filters.type ?? []}
        onChange={(v) => set({ type: pick(TICKET_TYPES, v) })}
        data={TICKET_TYPES.map((value) => ({ value, label: t(`tickets.type.${value}`) }))}
        clearable
        w={170}
      />
      <MultiSelect
        label={t('tickets.fields.assignee')}
        placeholder={t('tickets.inbox.any')}
        searchable
        value={(filters.assignee ?? []).map(String)}
        onChange={(v) =>
          set({ assignee: v.map((x) => (x === 'me' || x === 'none' ? x : Number(x))).filter((x) => x !== 0) })
        }
        data={[
          { value: 'me', label: t('tickets.inbox.me') },
          { value: 'none', label: t('tickets.inbox.unassigned') },
          ...users.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name })),
        ]}
        clearable
        w={200}
      />
      <MultiSelect
        label={t('tickets.fields.team')}
        placeholder={t('tickets.inbox.any')}
        value={(filters.team ?? []).map(String)}
        onChange={(v) => set({ team: v.map((x) => (x === 'none' ? x : Number(x))) })}
        data={[
          { value: 'none', label: t('tickets.inbox.noTeam') },
          ...teams.map((team) => ({ value: String(team.id), label: team.name })),
        ]}
        clearable
        w={180}
      />
      <TagsInput
        label={t('tickets.fields.tags')}
        placeholder={t('tickets.inbox.any')}
        value={filters.tags ?? []}
        onChange={(tags) => set({ tags })}
        clearable
        w={180}
      />
      <MultiSelect
        label={t('tickets.fields.channel')}
        placeholder={t('tickets.inbox.any')}
        value={filters.channel ?? []}
        onChange={(v) => set({ channel: pick(TICKET_CHANNELS, v) })}
        data={TICKET_CHANNELS.map((value) => ({ value, label: t(`tickets.channel.${value}`) }))}
        clearable
        w={170}
      />
      <FieldFilters
        fields={customFields.data ?? []}
        value={filters.fields ?? {}}
        onChange={(fields) => set({ fields: Object.keys(fields).length > 0 ? fields : undefined })}
      />
      <Select
        label={t('tickets.inbox.sort')}
        allowDeselect={false}
        value={sort}
        onChange={(v) => {
          const next = TICKET_SORTS.find((s) => s === v);
          if (next) onSort(next);
        }}
        data={TICKET_SORTS.map((value) => ({ value, label: t(`tickets.sort.${value}`) }))}
        w={190}
      />
      {(active || q) && (
        <Button
          variant="subtle"
          onClick={() => {
            onFilters({});
            onQ('');
          }}
        >
          {t('tickets.inbox.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
