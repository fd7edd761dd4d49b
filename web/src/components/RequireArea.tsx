import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../hooks/use-session';
import { AREA_HOME, type Area } from '../lib/area';
import { FullPageLoader } from './FullPageLoader';
import { ServerUnavailable } from './ServerUnavailable';

/** What the login page says about how the person got there. */
export type LoginNotice = 'signed-out' | 'expired' | 'invite-accepted' | 'password-reset';

/**
 * Lets only people of one area through: nobody signed in → the login page (coming back here afterwards); someone
 * from another area → their own start page. For display only; the server refuses what a role may not do.
 */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'unavailable') return <ServerUnavailable error={state.error} />;
  if (state.status === 'signed-out') {
    if (state.reason === 'logout') return <Navigate to="/login" replace state={{ notice: 'signed-out' satisfies LoginNotice }} />;
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/login?next=${next}`} replace state={state.reason === 'expired' ? { notice: 'expired' satisfies LoginNotice } : undefined} />;
  }
  if (state.area !== area) return <Navigate to={AREA_HOME[state.area]} replace />;
  return children;
}

/** `/`: the signed-in person's start page, or the login page. */
export function HomeRedirect() {
  const { state } = useSession();
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'unavailable') return <ServerUnavailable error={state.error} />;
  if (state.status === 'signed-in') return <Navigate to={AREA_HOME[state.area]} replace />;
  return <Navigate to="/login" replace />;
}
