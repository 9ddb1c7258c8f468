// Teams (/analytics/teams): each team's figures, sortable; a team leads to the overview filtered to it.
import { useTranslation } from 'react-i18next';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { Breakdown } from '../components/Breakdown';
import { GROUP_COLUMNS } from '../components/BreakdownTable';
import { filtersToSearch } from '../filters';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';

export function TeamsPage() {
  const { t } = useTranslation();
  const state = useAnalyticsFilters();
  return (
    <AnalyticsFrame title={t('analytics.titles.teams')} state={state}>
      <Breakdown
        state={state}
        title={t('analytics.titles.teams')}
        showTitle={false}
        dimension="team"
        metrics={GROUP_COLUMNS}
        defaultSort="tickets_created"
        rowHref={(value) =>
          `/analytics?${filtersToSearch({ ...state.filters, team: [typeof value === 'number' ? value : 'none'] })}`
        }
      />
    </AnalyticsFrame>
  );
}
