// The filters every analytics page shares: the period and who and what to count. Changes apply at once
// and go into the URL. The choices offered are the ones the server lets this role ask for.
import { Button, Group, MultiSelect, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { useAllUsers, useTeams } from '../../people/api';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '../../tickets/api';
import { EMPTY_FILTERS, hasFilters, isLocalDate, PRESETS } from '../filters';
import { formatPeriod } from '../format';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';

function pick<T extends string>(all: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T => (all as readonly string[]).includes(v));
}

export function AnalyticsFilterBar({ state, showAgent = true }: { state: AnalyticsState; showAgent?: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const users = useAllUsers();
  const teams = useTeams();
  const { filters, period, setFilters } = state;
  const set = (patch: Partial<typeof filters>) => setFilters({ ...filters, ...patch });
  const seesAll = me.role === 'admin' || me.role === 'manager';

  const teamChoices = useMemo(() => {
    const visible = (teams.data ?? []).filter((team) => seesAll || me.teamIds.includes(team.id));
    return [
      ...(seesAll ? [{ value: 'none', label: t('tickets.inbox.noTeam') }] : []),
      ...visible.map((team) => ({ value: String(team.id), label: team.name })),
    ];
  }, [teams.data, seesAll, me.teamIds, t]);

  const agentChoices = useMemo(() => {
    if (me.role === 'agent') return [{ value: String(me.id), label: me.name }];
    const colleagues =
      me.role === 'lead'
        ? new Set((teams.data ?? []).filter((team) => me.teamIds.includes(team.id)).flatMap((team) => team.memberIds))
        : null;
    return (users.data ?? [])
      .filter((u) => u.active && (colleagues === null || colleagues.has(u.id)))
      .map((u) => ({ value: String(u.id), label: u.name }));
  }, [users.data, teams.data, me]);

  return (
    <Group component="section" aria-label={t('analytics.filters.label')} align="flex-end" gap="xs" mb="md">
      <Select
        label={t('analytics.filters.period')}
        allowDeselect={false}
        value={filters.preset}
        onChange={(value) => {
          const preset = PRESETS.find((p) => p === value);
          if (!preset) return;
          // A custom range starts from the dates shown so far.
          set(preset === 'custom' ? { preset, from: period.from, to: period.to } : { preset, from: null, to: null });
        }}
        data={PRESETS.map((value) => ({ value, label: t(`analytics.presets.${value}`) }))}
        w={170}
      />
      {filters.preset === 'custom' && (
        <>
          <TextInput
            type="date"
            label={t('analytics.filters.from')}
            value={period.from}
            max={period.to}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isLocalDate(value)) set({ from: value, to: period.to });
            }}
            w={150}
          />
          <TextInput
            type="date"
            label={t('analytics.filters.to')}
            value={period.to}
            min={period.from}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isLocalDate(value)) set({ from: period.from, to: value });
            }}
            w={150}
          />
        </>
      )}
      <MultiSelect
        label={t('tickets.fields.team')}
        placeholder={t('tickets.inbox.any')}
        value={filters.team.map(String)}
        onChange={(v) => set({ team: v.map((x) => (x === 'none' ? ('none' as const) : Number(x))) })}
        data={teamChoices}
        clearable
        w={190}
      />
      {showAgent && (
        <MultiSelect
          label={t('analytics.filters.agent')}
          placeholder={t('tickets.inbox.any')}
          searchable
          value={filters.agent.map(String)}
          onChange={(v) => set({ agent: v.map(Number).filter((id) => id > 0) })}
          data={agentChoices}
          clearable
          w={200}
        />
      )}
      <MultiSelect
        label={t('tickets.fields.channel')}
        placeholder={t('tickets.inbox.any')}
        value={filters.channel}
        onChange={(v) => set({ channel: pick(TICKET_CHANNELS, v) })}
        data={TICKET_CHANNELS.map((value) => ({ value, label: t(`tickets.channel.${value}`) }))}
        clearable
        w={170}
      />
      <MultiSelect
        label={t('tickets.fields.priority')}
        placeholder={t('tickets.inbox.any')}
        value={filters.priority}
        onChange={(v) => set({ priority: pick(TICKET_PRIORITIES, v) })}
        data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))}
        clearable
        w={160}
      />
      <MultiSelect
        label={t('tickets.fields.type')}
        placeholder={t('tickets.inbox.any')}
        value={filters.type}
        onChange={(v) => set({ type: pick(TICKET_TYPES, v) })}
        data={TICKET_TYPES.map((value) => ({ value, label: t(`tickets.type.${value}`) }))}
        clearable
        w={160}
      />
      <TagsInput
        label={t('tickets.fields.tags')}
        placeholder={t('tickets.inbox.any')}
        value={filters.tag}
        onChange={(tag) => set({ tag })}
        clearable
        w={170}
      />
      {hasFilters(filters) && (
        <Button
          variant="subtle"
          onClick={() => setFilters({ ...EMPTY_FILTERS, preset: filters.preset, from: filters.from, to: filters.to })}
        >
          {t('analytics.filters.clear')}
        </Button>
      )}
      <Text size="xs" c="dimmed" w="100%">
        {t('analytics.filters.summary', { period: formatPeriod(period, i18n.language), timeZone: state.timeZone })}
      </Text>
    </Group>
  );
}
