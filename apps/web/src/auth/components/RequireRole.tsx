import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Role } from '../api';
import { useCurrentUser } from '../session';

/** Renders its page only for the roles allowed; others land on their start page. */
export function RequireRole({ allow, children }: { allow: (role: Role) => boolean; children: ReactNode }) {
  const user = useCurrentUser();
  return allow(user.role) ? children : <Navigate to="/" replace />;
}

/** Every member of staff starts in the ticket inbox. */
export function Landing() {
  return <Navigate to="/tickets" replace />;
}
