// A breakdown table with its query, loading and error states, and the download of the table shown.
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type AnalyticsRequest, type CellValue, useAnalytics } from '../api';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';
import { type BreakdownDimension, BreakdownTable } from './BreakdownTable';
import { ExportMenu } from './ExportMenu';

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
  const request: AnalyticsRequest = { metrics, dimensions: [dimension], params: state.params() };
  const query = useAnalytics(request);
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
      actions={<ExportMenu request={request} table={title} />}
    />
  );
}
