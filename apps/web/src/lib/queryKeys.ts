// Query key roots shared by the domains and by the live-update socket that invalidates them.
export const queryKeys = {
  setup: ['auth', 'setup'] as const,
  me: ['auth', 'me'] as const,
  sessions: ['auth', 'sessions'] as const,
  users: ['users'] as const,
  teams: ['teams'] as const,
  tokens: ['tokens'] as const,
  settings: ['settings'] as const,
  audit: ['audit'] as const,
  /** Lists and searches: ['tickets', 'list', …]; one ticket: ['tickets', number, 'detail' | 'messages' | 'events']. */
  tickets: ['tickets'] as const,
  ticketLists: ['tickets', 'list'] as const,
  ticket: (number: number) => ['tickets', number] as const,
  views: ['views'] as const,
  customFields: ['custom-fields'] as const,
  calendars: ['calendars'] as const,
  slaPolicies: ['sla-policies'] as const,
  macros: ['macros'] as const,
  triggers: ['triggers'] as const,
  timeRules: ['time-rules'] as const,
  customers: ['customers'] as const,
  notifications: ['notifications'] as const,
};
