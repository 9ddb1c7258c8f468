// Routes: the pages before sign-in, and the signed-in area with its role-gated pages.
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import { AccountPage } from './account/pages/AccountPage';
import { ApiTokensPage } from './admin/pages/ApiTokensPage';
import { AuditLogPage } from './admin/pages/AuditLogPage';
import { CustomFieldsPage } from './admin/pages/CustomFieldsPage';
import { SettingsPage } from './admin/pages/SettingsPage';
import { Landing, RequireRole } from './auth/components/RequireRole';
import { SignedInArea } from './auth/components/SignedInArea';
import { StartupGate } from './auth/components/StartupGate';
import { UnauthorizedRedirect } from './auth/components/UnauthorizedRedirect';
import { ForgotPasswordPage } from './auth/pages/ForgotPasswordPage';
import { ResetPasswordPage } from './auth/pages/ResetPasswordPage';
import { SetupPage } from './auth/pages/SetupPage';
import { SignInPage } from './auth/pages/SignInPage';
import { can } from './auth/session';
import { MacrosPage } from './automation/pages/MacrosPage';
import { TimeRulesPage, TriggersPage } from './automation/pages/RulesPage';
import { OrganisationsPage } from './customers/pages/OrganisationsPage';
import { MailAccountsPage } from './email/pages/MailAccountsPage';
import { OutgoingMailPage } from './email/pages/OutgoingMailPage';
import { SupportAddressesPage } from './email/pages/SupportAddressesPage';
import { EscalationRulesPage } from './escalation/pages/EscalationRulesPage';
import { EscalationsPage } from './escalation/pages/EscalationsPage';
import { FeedbackPage } from './feedback/pages/FeedbackPage';
import { SurveyOptOutPage } from './feedback/pages/SurveyOptOutPage';
import { SurveyPage } from './feedback/pages/SurveyPage';
import { SurveySettingsPage } from './feedback/pages/SurveySettingsPage';
import { TeamsPage } from './people/pages/TeamsPage';
import { UsersPage } from './people/pages/UsersPage';
import { PortalShell } from './portal/components/PortalShell';
import { RequireCustomer } from './portal/components/RequireCustomer';
import { ContactPage } from './portal/pages/ContactPage';
import { PortalNewRequestPage } from './portal/pages/PortalNewRequestPage';
import { PortalRequestPage } from './portal/pages/PortalRequestPage';
import { PortalRequestsPage } from './portal/pages/PortalRequestsPage';
import { PortalSignInPage } from './portal/pages/PortalSignInPage';
import { PortalVerifyPage } from './portal/pages/PortalVerifyPage';
import { CalendarsPage } from './sla/pages/CalendarsPage';
import { SlaPoliciesPage } from './sla/pages/SlaPoliciesPage';
import { InboxPage } from './tickets/pages/InboxPage';
import { NewTicketPage } from './tickets/pages/NewTicketPage';
import { TicketPage } from './tickets/pages/TicketPage';
import { Loading } from './ui/Loading';

/**
 * Analytics pages load on first visit: their charts (ECharts) are the largest library in the app,
 * and most sign-ins never open them.
 */
function lazyPage(load: () => Promise<Record<string, unknown>>, name: string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
const analytics = () => import('./analytics/pages/index');
const OverviewPage = lazyPage(analytics, 'OverviewPage');
const AgentsPage = lazyPage(analytics, 'AgentsPage');
const AgentPage = lazyPage(analytics, 'AgentPage');
const AnalyticsTeamsPage = lazyPage(analytics, 'TeamsPage');
const ChannelsPage = lazyPage(analytics, 'ChannelsPage');
const HoursPage = lazyPage(analytics, 'HoursPage');
const TicketsBehindPage = lazyPage(analytics, 'TicketsBehindPage');
const SlaPage = lazyPage(analytics, 'SlaPage');
const ReportsPage = lazyPage(analytics, 'ReportsPage');
const ReportPage = lazyPage(analytics, 'ReportPage');
const ReportBuilderPage = lazyPage(analytics, 'ReportBuilderPage');
const SchedulesPage = lazyPage(analytics, 'SchedulesPage');
const ScheduleEditorPage = lazyPage(analytics, 'ScheduleEditorPage');
const later = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

/** The staff side: set-up first, and any 401 sends the person to the staff sign-in. */
function StaffArea() {
  return (
    <StartupGate>
      <UnauthorizedRedirect />
      <Outlet />
    </StartupGate>
  );
}

export function App() {
  return (
    <Routes>
      {/* Customers: the portal and the contact form, apart from the staff app and its sign-in. */}
      <Route element={<PortalShell />}>
        <Route path="/contact" element={<ContactPage />} />
        <Route path="/portal/sign-in" element={<PortalSignInPage />} />
        <Route path="/portal/verify" element={<PortalVerifyPage />} />
        <Route
          path="/portal"
          element={
            <RequireCustomer>
              <PortalRequestsPage />
            </RequireCustomer>
          }
        />
        <Route
          path="/portal/requests/new"
          element={
            <RequireCustomer>
              <PortalNewRequestPage />
            </RequireCustomer>
          }
        />
        <Route
          path="/portal/requests/:number"
          element={
            <RequireCustomer>
              <PortalRequestPage />
            </RequireCustomer>
          }
        />
        <Route
          path="/portal/*"
          element={
            <RequireCustomer>
              <PortalRequestsPage />
            </RequireCustomer>
          }
        />
      </Route>
      {/* The survey mail's links: answered signed out, in the survey's language, without any shell. */}
      <Route path="/survey/:token" element={<SurveyPage />} />
      <Route path="/survey/:token/opt-out" element={<SurveyOptOutPage />} />
      <Route element={<StaffArea />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route element={<SignedInArea />}>
          <Route index element={<Landing />} />
          <Route path="/tickets" element={<InboxPage />} />
          <Route path="/tickets/views/:viewId" element={<InboxPage />} />
          <Route path="/tickets/new" element={<NewTicketPage />} />
          <Route path="/tickets/:number" element={<TicketPage />} />
          <Route path="/account/:tab?" element={<AccountPage />} />
          <Route
            path="/escalations"
            element={
              <RequireRole allow={can.viewEscalations}>
                <EscalationsPage />
              </RequireRole>
            }
          />
          {/* Every member of staff; the server narrows agents to their tickets and leads to their teams. */}
          <Route path="/feedback" element={<FeedbackPage />} />
          <Route path="/analytics" element={later(<OverviewPage />)} />
          <Route path="/analytics/agents" element={later(<AgentsPage />)} />
          <Route path="/analytics/agents/:id" element={later(<AgentPage />)} />
          <Route path="/analytics/teams" element={later(<AnalyticsTeamsPage />)} />
          <Route path="/analytics/channels" element={later(<ChannelsPage />)} />
          <Route path="/analytics/hours" element={later(<HoursPage />)} />
          <Route path="/analytics/sla" element={later(<SlaPage />)} />
          <Route path="/analytics/tickets" element={later(<TicketsBehindPage />)} />
          <Route path="/analytics/reports" element={later(<ReportsPage />)} />
          <Route path="/analytics/reports/new" element={later(<ReportBuilderPage />)} />
          <Route path="/analytics/reports/:id" element={later(<ReportPage />)} />
          <Route path="/analytics/reports/:id/edit" element={later(<ReportBuilderPage />)} />
          <Route
            path="/analytics/schedules"
            element={<RequireRole allow={can.scheduleReports}>{later(<SchedulesPage />)}</RequireRole>}
          />
          <Route
            path="/analytics/schedules/new"
            element={<RequireRole allow={can.scheduleReports}>{later(<ScheduleEditorPage />)}</RequireRole>}
          />
          <Route
            path="/analytics/schedules/:id/edit"
            element={<RequireRole allow={can.scheduleReports}>{later(<ScheduleEditorPage />)}</RequireRole>}
          />
          <Route
            path="/admin/users"
            element={
              <RequireRole allow={can.viewPeople}>
                <UsersPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/teams"
            element={
              <RequireRole allow={can.viewPeople}>
                <TeamsPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/tokens"
            element={
              <RequireRole allow={can.administer}>
                <ApiTokensPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/audit-log"
            element={
              <RequireRole allow={can.administer}>
                <AuditLogPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/custom-fields"
            element={
              <RequireRole allow={can.manageFields}>
                <CustomFieldsPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/organisations"
            element={
              <RequireRole allow={can.manageOrganisations}>
                <OrganisationsPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/calendars"
            element={
              <RequireRole allow={can.manageCalendars}>
                <CalendarsPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/sla-policies"
            element={
              // The same roles manage calendars and SLA policies (the server's calendars.manage and sla.manage).
              <RequireRole allow={can.manageCalendars}>
                <SlaPoliciesPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/escalation-rules"
            element={
              // The same roles as SLA policies (the server's escalation_rules.manage).
              <RequireRole allow={can.manageCalendars}>
                <EscalationRulesPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/triggers"
            element={
              // The same roles as SLA policies (the server's automation.manage).
              <RequireRole allow={can.manageCalendars}>
                <TriggersPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/time-rules"
            element={
              <RequireRole allow={can.manageCalendars}>
                <TimeRulesPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/email/addresses"
            element={
              <RequireRole allow={can.manageChannels}>
                <SupportAddressesPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/email/outgoing"
            element={
              <RequireRole allow={can.manageChannels}>
                <OutgoingMailPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/email/mailboxes"
            element={
              <RequireRole allow={can.manageChannels}>
                <MailAccountsPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/surveys"
            element={
              <RequireRole allow={can.manageSurveys}>
                <SurveySettingsPage />
              </RequireRole>
            }
          />
          {/* Every member of staff: shared macros to read, personal ones to keep (the server's macros.use). */}
          <Route path="/admin/macros" element={<MacrosPage />} />
          <Route
            path="/admin/settings"
            element={
              <RequireRole allow={can.administer}>
                <SettingsPage />
              </RequireRole>
            }
          />
          <Route path="*" element={<Landing />} />
        </Route>
      </Route>
    </Routes>
  );
}
