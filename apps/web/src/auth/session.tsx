// The signed-in user for everything inside the app shell.
import { createContext, type ReactNode, useContext } from 'react';
import type { Role, User } from './api';

const SessionContext = createContext<User | null>(null);

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useCurrentUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useCurrentUser is used outside the signed-in area');
  return user;
}

/** What each role may see and do in the areas built so far; the server checks the same again. */
export const can = {
  administer: (role: Role) => role === 'admin',
  viewPeople: (role: Role) => role === 'admin' || role === 'manager',
  editUsers: (role: Role) => role === 'admin',
  editTeams: (role: Role) => role === 'admin' || role === 'manager',
  workTickets: (_role: Role) => true,
  shareViews: (role: Role) => role === 'admin' || role === 'manager',
  manageFields: (role: Role) => role === 'admin',
  /** Business calendars (the server's calendars.manage). */
  manageCalendars: (role: Role) => role === 'admin' || role === 'manager',
  /** Organisations and their tiers (the server's organisations.manage). */
  manageOrganisations: (role: Role) => role === 'admin' || role === 'manager',
  /** Survey settings (the server's surveys.manage). */
  manageSurveys: (role: Role) => role === 'admin' || role === 'manager',
  /** Support addresses and IMAP mailboxes (the server's channels.manage). */
  manageChannels: (role: Role) => role === 'admin',
  /** Change shared macros (the server's macros.manage_shared); everyone keeps personal ones. */
  manageSharedMacros: (role: Role) => role === 'admin' || role === 'manager',
  /** Mail a report on a schedule (the server's analytics.schedule). */
  scheduleReports: (role: Role) => role !== 'agent',
  /** The escalations view (the server's escalations.read): leads their teams', managers all. */
  viewEscalations: (role: Role) => role !== 'agent',
};
