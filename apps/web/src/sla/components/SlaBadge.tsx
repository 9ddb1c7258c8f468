// The most urgent SLA target a ticket owes as a small badge: its countdown, coloured by state, named
// in full for screen readers, with the due time in the user's locale on hover.
import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../i18n/format';
import type { SlaTimer } from '../../tickets/api';
import { useSlaNow } from '../hooks/useSlaNow';
import { mostUrgent, type SlaState, slaBadgeLabel, slaBadgeText, slaState } from '../timers';

export const SLA_STATE_COLOURS: Record<SlaState, string> = {
  ok: 'green',
  warning: 'orange',
  breached: 'red',
  paused: 'gray',
};

/** The due time in words for a tooltip, or what a paused clock means. */
export function useDueText(): (timer: SlaTimer) => string {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (timer) =>
    timer.dueAt === null ? t('sla.timers.pausedHint') : t('sla.timers.dueAt', { time: formatDateTime(timer.dueAt) });
}

interface Props {
  /** The owed targets; the badge shows the most urgent (or only this one, when given `timer`). */
  timers: readonly SlaTimer[];
  size?: 'xs' | 'sm' | 'md';
}

export function SlaBadge({ timers, size = 'sm' }: Props) {
  const { t, i18n } = useTranslation();
  const now = useSlaNow(timers);
  const dueText = useDueText();
  const timer = mostUrgent(timers, now);
  if (!timer) return null;
  const state = slaState(timer, now);
  const label = slaBadgeLabel(timer, now, t, i18n.language);
  return (
    <Tooltip label={`${t(`sla.timers.metric.${timer.metric}`)} · ${dueText(timer)}`}>
      <Badge
        color={SLA_STATE_COLOURS[state]}
        variant={state === 'breached' ? 'filled' : 'light'}
        size={size}
        miw="max-content"
        data-sla-state={state}
        style={{ textTransform: 'none' }}
      >
        {/* Not a live region: fifty rows ticking would talk over everything else. */}
        <span aria-hidden>{slaBadgeText(timer, now, t, i18n.language)}</span>
        <VisuallyHidden>{label}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
