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
  /** Buttons beside the heading (the overview's PDF). */
  actions?: ReactNode;
  children: ReactNode;
}

export function AnalyticsFrame({ title, state, showAgentFilter = true, actions, children }: Props) {
  return (
    <>
      <PageHeader title={title} actions={actions} />
      <SectionNav search={state.search} />
      <AnalyticsFilterBar state={state} showAgent={showAgentFilter} />
      <Stack gap="xl">{children}</Stack>
    </>
  );
}
