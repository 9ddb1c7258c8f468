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
};
