// A breakdown table with its query, loading and error states.
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type CellValue, useAnalytics } from '../api';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';
import { type BreakdownDimension, BreakdownTable } from './BreakdownTable';

interface Props {
  state: AnalyticsState;
  title: string;
  showTitle?: boolean;
  dimension: BreakdownDimension;
  metrics: readonly string[];
  defaultSort: string;
  rowHref?: (value: CellValue) => string | null;
}

export function Breakdown({ state, title, showTitle, dimension, metrics, defaultSort, rowHref }: Props) {
  const query = useAnalytics({ metrics, dimensions: [dimension], params: state.params() });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <BreakdownTable
      stale={query.isPlaceholderData}
      title={title}
      showTitle={showTitle}
      dimension={dimension}
      metrics={metrics}
      result={query.data}
      filters={state.filters}
      defaultSort={defaultSort}
      rowHref={rowHref}
    />
  );
}
