// Start-up: while no user exists, only the one-time setup page is reachable.
import { Box, Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isUnauthenticated } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useSetupStatus } from '../api';

export function StartupGate({ children }: { children: ReactNode }) {
  const setup = useSetupStatus();
  const { pathname } = useLocation();

  if (setup.isPending) return <Loading fullScreen />;
  // A 401 here cannot mean "no users yet"; let the signed-in area send the person to sign in.
  if (isUnauthenticated(setup.error)) return <>{children}</>;
  if (setup.isError) {
    return (
      <Center mih="100vh" p="md">
        <Box maw={480} w="100%">
          <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />
        </Box>
      </Center>
    );
  }
  if (setup.data.needed && pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!setup.data.needed && pathname === '/setup') return <Navigate to="/" replace />;
  return <>{children}</>;
}
