// The analytics pages, loaded together on first visit (App.tsx).
export { AgentPage } from './AgentPage';
export { AgentsPage } from './AgentsPage';
export { ChannelsPage } from './ChannelsPage';
export { HoursPage } from './HoursPage';
export { OverviewPage } from './OverviewPage';
export { ReportBuilderPage } from './ReportBuilderPage';
export { ReportPage } from './ReportPage';
export { ReportsPage } from './ReportsPage';
export { ScheduleEditorPage } from './ScheduleEditorPage';
export { SchedulesPage } from './SchedulesPage';
export { SlaPage } from './SlaPage';
export { TeamsPage } from './TeamsPage';
export { TicketsBehindPage } from './TicketsBehindPage';
