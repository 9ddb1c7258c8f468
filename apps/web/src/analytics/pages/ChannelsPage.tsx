// Channels (/analytics/channels): the figures of each channel tickets came in by, sortable.
import { useTranslation } from 'react-i18next';
import { TICKET_CHANNELS } from '../../tickets/api';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { Breakdown } from '../components/Breakdown';
import { GROUP_COLUMNS } from '../components/BreakdownTable';
import { filtersToSearch } from '../filters';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';

export function ChannelsPage() {
  const { t } = useTranslation();
  const state = useAnalyticsFilters();
  return (
    <AnalyticsFrame title={t('analytics.titles.channels')} state={state}>
      <Breakdown
        state={state}
        title={t('analytics.titles.channels')}
        showTitle={false}
        dimension="channel"
        metrics={GROUP_COLUMNS}
        defaultSort="tickets_created"
        rowHref={(value) => {
          const channel = TICKET_CHANNELS.find((c) => c === value);
          return channel ? `/analytics?${filtersToSearch({ ...state.filters, channel: [channel] })}` : null;
        }}
      />
    </AnalyticsFrame>
  );
}
