import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePortalMe } from '../api';

/** Pages only a signed-in customer sees; everyone else goes to the portal's sign-in. */
export function RequireCustomer({ children }: { children: ReactNode }) {
  const me = usePortalMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/portal/sign-in" replace />;
  return <>{children}</>;
}
