// Agents (/analytics/agents): each agent's figures, sortable; an agent sees only their own row.
import { useTranslation } from 'react-i18next';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { Breakdown } from '../components/Breakdown';
import { AGENT_COLUMNS } from '../components/BreakdownTable';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';

export function AgentsPage() {
  const { t } = useTranslation();
  const state = useAnalyticsFilters();
  return (
    <AnalyticsFrame title={t('analytics.titles.agents')} state={state}>
      <Breakdown
        state={state}
        title={t('analytics.titles.agents')}
        showTitle={false}
        dimension="agent"
        metrics={AGENT_COLUMNS}
        defaultSort="tickets_solved"
        rowHref={(value) =>
          typeof value === 'number' ? `/analytics/agents/${value}${state.search ? `?${state.search}` : ''}` : null
        }
      />
    </AnalyticsFrame>
  );
}
