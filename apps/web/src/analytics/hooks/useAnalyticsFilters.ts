// The analytics filters of the current URL, the period they name in the user's time zone, and a
// setter that writes them back to the URL (so Back undoes a filter change).
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import {
  type AnalyticsFilters,
  apiParams,
  filtersFromSearch,
  filtersToSearch,
  type Period,
  periodOf,
  todayIn,
} from '../filters';

export interface AnalyticsState {
  filters: AnalyticsFilters;
  period: Period;
  timeZone: string;
  /** The filters as URL parameters, for links between analytics pages. */
  search: string;
  setFilters: (filters: AnalyticsFilters) => void;
  /** The query API's parameters, with some filters replaced (an agent's own page). */
  params: (override?: Partial<AnalyticsFilters>) => ReturnType<typeof apiParams>;
}

export function useAnalyticsFilters(): AnalyticsState {
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  const timeZone = me.timeZone;
  const today = todayIn(timeZone);

  return useMemo(() => {
    const filters = filtersFromSearch(new URLSearchParams(key));
    const period = periodOf(filters, today);
    return {
      filters,
      period,
      timeZone,
      search: filtersToSearch(filters).toString(),
      setFilters: (next: AnalyticsFilters) => setSearchParams(filtersToSearch(next)),
      params: (override: Partial<AnalyticsFilters> = {}) => apiParams({ ...filters, ...override }, period, timeZone),
    };
  }, [key, today, timeZone, setSearchParams]);
}
