// The frame of every analytics page: its heading, the links to the other pages, the shared filters.
import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from '../../ui/PageHeader';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { SectionNav } from './SectionNav';

interface Props {
  title: string;
  state: AnalyticsState;
  /** False on an agent's own page, where the agent is fixed. */
  showAgentFilter?: boolean;
  children: ReactNode;
}

export function AnalyticsFrame({ title, state, showAgentFilter = true, children }: Props) {
  return (
    <>
      <PageHeader title={title} />
      <SectionNav search={state.search} />
      <AnalyticsFilterBar state={state} showAgent={showAgentFilter} />
      <Stack gap="xl">{children}</Stack>
    </>
  );
}
