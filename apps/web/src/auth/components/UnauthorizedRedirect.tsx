// When any call says the session is gone, forget the cached data and go to the sign-in page.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { setCsrfToken, setUnauthorizedHandler } from '../../lib/api';
import { signInPath } from '../redirect';

export function UnauthorizedRedirect() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = location.pathname + location.search;

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      queryClient.clear();
      if (!from.startsWith('/sign-in')) void navigate(signInPath(from), { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, navigate, from]);

  return null;
}
