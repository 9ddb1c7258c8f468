// The ticket's event log in words, oldest first, in the UI language.
import { Text, Timeline, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { scoreLabelKey } from '../../feedback/scores';
import { formatDateTime, useFormatRelative, useTimeZone } from '../../i18n/format';
import { durationParts } from '../../sla/targets';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type CustomField, localLabel, type TicketEvent, useEvents } from '../api';

interface Names {
  user: (id: unknown) => string;
  team: (id: unknown) => string;
  field: (key: string) => string;
  /** An SLA due time (ms): the time alone on the day of the event, else the date too. */
  dueTime: (dueMs: number, eventAt: string) => string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

function fieldValue(v: unknown, t: TFunction): string {
  if (v === null || v === undefined || v === '') return t('tickets.history.empty');
  if (typeof v === 'boolean') return v ? t('tickets.history.yes') : t('tickets.history.no');
  if (Array.isArray(v)) return v.length ? v.map(str).join(', ') : t('tickets.history.empty');
  return str(v);
}

/** An SLA target's length as the policy screen says it: "1 h 30 min", "3 days". */
function targetText(minutes: unknown, t: TFunction): string {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) return '';
  return durationParts(minutes)
    .map((p) => t(`sla.policies.unit.${p.unit}`, { n: p.n }))
    .join(' ');
}

function slaMetric(v: unknown, t: TFunction): string {
  const metric = v === 'first_reply' || v === 'next_reply' || v === 'resolution' ? v : 'unknown';
  return t(`tickets.history.slaMetric.${metric}`);
}

/** One event as a sentence; `actor` is who did it. */
export function describeEvent(e: TicketEvent, t: TFunction, names: Names): string {
  const actor = e.actor.name;
  const d = e.data;
  const status = (v: unknown) => t(`tickets.status.${str(v)}`);
  switch (e.type) {
    case 'created':
      return t('tickets.history.created', { actor });
    case 'subject_changed':
      return t('tickets.history.subjectChanged', { actor, from: str(d.from), to: str(d.to) });
    case 'status_changed':
      return t('tickets.history.statusChanged', { actor, from: status(d.from), to: status(d.to) });
    case 'priority_changed':
      return t('tickets.history.priorityChanged', {
        actor,
        from: t(`tickets.priority.${str(d.from)}`),
        to: t(`tickets.priority.${str(d.to)}`),
      });
    case 'type_changed':
      return t('tickets.history.typeChanged', {
        actor,
        from: t(`tickets.type.${str(d.from)}`),
        to: t(`tickets.type.${str(d.to)}`),
      });
    case 'assigned':
      if (d.to === null || d.to === undefined) return t('tickets.history.unassigned', { actor });
      if (d.rule === 'round_robin' || d.rule === 'fewest_open') {
        return t('tickets.history.assignedByRule', {
          to: names.user(d.to),
          rule: t(`people.teams.assignmentModes.${d.rule}`),
        });
      }
      return t('tickets.history.assigned', { actor, to: names.user(d.to) });
    case 'team_changed':
      return d.to === null || d.to === undefined
        ? t('tickets.history.teamRemoved', { actor })
        : t('tickets.history.teamChanged', { actor, to: names.team(d.to) });
    case 'requester_changed':
      return t('tickets.history.requesterChanged', { actor });
    case 'tags_changed': {
      const added = list(d.added);
      const removed = list(d.removed);
      const parts: string[] = [];
      if (added.length) parts.push(t('tickets.history.tagsAdded', { actor, tags: added.join(', ') }));
      if (removed.length) parts.push(t('tickets.history.tagsRemoved', { actor, tags: removed.join(', ') }));
      return parts.join(' · ') || t('tickets.history.tagsAdded', { actor, tags: '' });
    }
    case 'field_changed':
      return t('tickets.history.fieldChanged', {
        actor,
        field: names.field(str(d.key)),
        from: fieldValue(d.from, t),
        to: fieldValue(d.to, t),
      });
    case 'return_changed':
      return t('tickets.history.returnChanged', { actor });
    case 'public_reply':
      return t('tickets.history.publicReply', { actor });
    case 'internal_note': {
      const mentioned = list(d.mentions).map((id) => names.user(Number(id)));
      return mentioned.length
        ? t('tickets.history.internalNoteMentions', { actor, names: mentioned.join(', ') })
        : t('tickets.history.internalNote', { actor });
    }
    case 'customer_message':
      return t('tickets.history.customerMessage', { actor });
    case 'system_message':
      return t('tickets.history.systemMessage');
    case 'problem_linked':
      return d.to === null || d.to === undefined
        ? t('tickets.history.problemUnlinked', { actor })
        : d.toNumber
          ? t('tickets.history.problemLinkedTo', { actor, number: str(d.toNumber) })
          : t('tickets.history.problemLinked', { actor });
    case 'merged':
      return t('tickets.history.merged', { actor, number: str(d.intoNumber) });
    case 'merged_in':
      return t('tickets.history.mergedIn', { actor, number: str(d.fromNumber) });
    case 'follower_added':
      return t('tickets.history.followerAdded', { actor, name: names.user(d.userId) });
    case 'follower_removed':
      return t('tickets.history.followerRemoved', { actor, name: names.user(d.userId) });
    case 'macro_applied':
      return t('tickets.history.macroApplied', { actor, name: str(d.name) });
    case 'automation_applied':
      return d.kind === 'time_rule'
        ? t('tickets.history.timeRuleApplied', { name: str(d.name) })
        : t('tickets.history.triggerApplied', { name: str(d.name) });
    case 'automation_stopped':
      return t('tickets.history.automationStopped', { depth: str(d.depth), count: list(d.ruleIds).length });
    case 'escalated': {
      const tier = t('escalation.tier.name', { n: Number(d.toTier) || 1 });
      const team = d.toTeamId === null || d.toTeamId === undefined ? '—' : names.team(d.toTeamId);
      return d.ruleId === null || d.ruleId === undefined
        ? t('tickets.history.escalated', { actor, tier, team, reason: str(d.reason) })
        : t('tickets.history.escalatedByRule', { tier, team, reason: str(d.reason) });
    }
    case 'sla_met': {
      const target = targetText(d.targetMinutes, t);
      return target
        ? t('tickets.history.slaMetWithTarget', { target: slaMetric(d.metric, t), minutes: target })
        : t('tickets.history.slaMet', { target: slaMetric(d.metric, t) });
    }
    case 'sla_breached':
      return typeof d.dueAt === 'number'
        ? t('tickets.history.slaBreachedDue', {
            target: slaMetric(d.metric, t),
            time: names.dueTime(d.dueAt, e.createdAt),
          })
        : t('tickets.history.slaBreached', { target: slaMetric(d.metric, t) });
    case 'survey_sent':
      return t(d.kind === 'nps' ? 'tickets.history.npsSent' : 'tickets.history.surveySent', { to: str(d.to) });
    case 'survey_answered': {
      const score = Number(d.score);
      // An NPS answer (0–10) is about the company, attributed to this ticket: its number, no label.
      if (d.kind === 'nps') {
        return typeof d.previousScore === 'number' && d.previousScore !== score
          ? t('tickets.history.npsChanged', { actor, score, from: d.previousScore })
          : t('tickets.history.npsAnswered', { actor, score });
      }
      const rating = t('tickets.history.surveyRating', { label: t(scoreLabelKey('csat', score)), score, max: 5 });
      // The same score again is a comment added to the answer, not a change of mind.
      return typeof d.previousScore === 'number' && d.previousScore !== score
        ? t('tickets.history.surveyChanged', { actor, rating, from: t(scoreLabelKey('csat', d.previousScore)) })
        : t('tickets.history.surveyAnswered', { actor, rating });
    }
    default:
      return t('tickets.history.other', { actor, type: e.type });
  }
}

/** Words the customer wrote that belong under the event's sentence: a survey answer's comment. */
export function eventComment(e: TicketEvent): string | null {
  if (e.type !== 'survey_answered') return null;
  const comment = typeof e.data.comment === 'string' ? e.data.comment.trim() : '';
  return comment || null;
}

interface Props {
  number: number;
  userNames: Map<number, string>;
  teamNames: Map<number, string>;
  fields: CustomField[];
}

export function HistoryTimeline({ number, userNames, teamNames, fields }: Props) {
  const { t, i18n } = useTranslation();
  const formatRelative = useFormatRelative();
  const timeZone = useTimeZone();
  const events = useEvents(number, true);
  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />;

  const names: Names = {
    user: (id) => (typeof id === 'number' && userNames.get(id)) || t('people.teams.unknownUser'),
    team: (id) => (typeof id === 'number' && teamNames.get(id)) || t('tickets.history.unknownTeam'),
    field: (key) => {
      const field = fields.find((f) => f.key === key);
      return field ? localLabel(field, i18n.language) : key;
    },
    dueTime: (dueMs, eventAt) => {
      const day = (value: string | number) =>
        formatDateTime(new Date(value), i18n.language, timeZone, { dateStyle: 'short' });
      const sameDay = day(dueMs) === day(eventAt);
      return formatDateTime(
        new Date(dueMs),
        i18n.language,
        timeZone,
        sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
      );
    },
  };

  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label={t('tickets.history.title')}>
      {events.data.map((e) => {
        const time = formatRelative(e.createdAt);
        const comment = eventComment(e);
        return (
          <Timeline.Item key={e.id}>
            <Text size="sm">{describeEvent(e, t, names)}</Text>
            {comment && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                “{comment}”
              </Text>
            )}
            <Tooltip label={time.exact}>
              <Text size="xs" c="dimmed" component="time" dateTime={e.createdAt}>
                {time.relative}
              </Text>
            </Tooltip>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
