// The feedback inbox's filters: survey kind, scores (NPS as its three bands), who and where, tag and
// period. Changes apply at once and go into the URL. Agents get their own tickets only (the server
// enforces it), so they have no agent or "mine" choice.
import { Button, Chip, Group, SegmentedControl, Select, Switch, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalDate } from '../../analytics/filters';
import { useCurrentUser } from '../../auth/session';
import { useAllUsers, useTeams } from '../../people/api';
import { TICKET_CHANNELS } from '../../tickets/api';
import { EMPTY_FEEDBACK_FILTERS, type FeedbackFilters, hasFeedbackFilters } from '../filters';
import {
  bandsOfScores,
  CSAT_SCORES,
  isSurveyKind,
  NPS_BANDS,
  type NpsBand,
  SURVEY_KINDS,
  scoreLabelKey,
  scoresForBands,
} from '../scores';

interface Props {
  filters: FeedbackFilters;
  onChange: (filters: FeedbackFilters) => void;
}

function TagFilter({ value, onChange }: { value: string | null; onChange: (tag: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const commit = () => {
    const tag = text.trim() || null;
    if (tag !== value) onChange(tag);
  };
  return (
    <TextInput
      label={t('feedback.filters.tag')}
      placeholder={t('tickets.inbox.any')}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      maxLength={80}
      w={150}
    />
  );
}

export function FeedbackFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAgent = me.role === 'agent';
  const users = useAllUsers();
  const teams = useTeams();
  const set = (patch: Partial<FeedbackFilters>) => onChange({ ...filters, ...patch });
  const seesAll = me.role === 'admin' || me.role === 'manager';

  const teamChoices = useMemo(
    () =>
      (teams.data ?? [])
        .filter((team) => seesAll || me.teamIds.includes(team.id))
        .map((team) => ({ value: String(team.id), label: team.name })),
    [teams.data, seesAll, me.teamIds],
  );
  const agentChoices = useMemo(() => {
    // Leads see their teams' people; managers and admins everyone.
    const colleagues =
      me.role === 'lead'
        ? new Set((teams.data ?? []).filter((team) => me.teamIds.includes(team.id)).flatMap((team) => team.memberIds))
        : null;
    return (users.data ?? [])
      .filter((u) => colleagues === null || colleagues.has(u.id))
      .map((u) => ({ value: String(u.id), label: u.name }));
  }, [users.data, teams.data, me]);

  return (
    <Group component="section" aria-label={t('feedback.filters.label')} align="flex-end" gap="xs" mb="md">
      <SegmentedControl
        aria-label={t('feedback.filters.kind')}
        value={filters.kind}
        onChange={(v) => {
          if (isSurveyKind(v) && v !== filters.kind) set({ kind: v, scores: [] });
        }}
        data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`feedback.kind.${k}`) }))}
      />
      {filters.kind === 'csat' ? (
        <Chip.Group
          multiple
          value={filters.scores.map(String)}
          onChange={(v) => set({ scores: v.map(Number).sort((a, b) => a - b) })}
        >
          <Group gap={4} role="group" aria-label={t('feedback.filters.scores')}>
            {CSAT_SCORES.map((s) => (
              <Chip key={s} value={String(s)} size="sm" title={t(scoreLabelKey('csat', s))}>
                {s}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      ) : (
        <Chip.Group
          multiple
          value={bandsOfScores(filters.scores)}
          onChange={(v) =>
            set({ scores: scoresForBands(NPS_BANDS.filter((band): band is NpsBand => v.includes(band))) })
          }
        >
          <Group gap={4} role="group" aria-label={t('feedback.filters.scores')}>
            {NPS_BANDS.map((band) => (
              <Chip key={band} value={band} size="sm">
                {t(`feedback.npsBands.${band}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {!isAgent && (
        <Select
          label={t('feedback.filters.agent')}
          placeholder={t('tickets.inbox.any')}
          searchable
          clearable
          value={filters.agentId === null ? null : String(filters.agentId)}
          onChange={(v) => set({ agentId: v ? Number(v) : null })}
          data={agentChoices}
          w={180}
        />
      )}
      <Select
        label={t('tickets.fields.team')}
        placeholder={t('tickets.inbox.any')}
        clearable
        value={filters.teamId === null ? null : String(filters.teamId)}
        onChange={(v) => set({ teamId: v ? Number(v) : null })}
        data={teamChoices}
        w={170}
      />
      <Select
        label={t('tickets.fields.channel')}
        placeholder={t('tickets.inbox.any')}
        clearable
        value={filters.channel}
        onChange={(v) => set({ channel: TICKET_CHANNELS.find((c) => c === v) ?? null })}
        data={TICKET_CHANNELS.map((value) => ({ value, label: t(`tickets.channel.${value}`) }))}
        w={140}
      />
      <TagFilter key={filters.tag ?? ''} value={filters.tag} onChange={(tag) => set({ tag })} />
      <TextInput
        type="date"
        label={t('feedback.filters.from')}
        value={filters.from ?? ''}
        max={filters.to ?? undefined}
        onChange={(e) => {
          const value = e.currentTarget.value;
          set({ from: isLocalDate(value) ? value : null });
        }}
        w={150}
      />
      <TextInput
        type="date"
        label={t('feedback.filters.to')}
        value={filters.to ?? ''}
        min={filters.from ?? undefined}
        onChange={(e) => {
          const value = e.currentTarget.value;
          set({ to: isLocalDate(value) ? value : null });
        }}
        w={150}
      />
      {!isAgent && (
        <Switch
          label={t('feedback.filters.mine')}
          checked={filters.mine}
          onChange={(e) => set({ mine: e.currentTarget.checked })}
          mb={8}
        />
      )}
      {hasFeedbackFilters(filters) && (
        <Button variant="subtle" onClick={() => onChange({ ...EMPTY_FEEDBACK_FILTERS, kind: filters.kind })}>
          {t('feedback.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
