import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import * as authApi from '../api/auth';
import { type ApiError, isApiError, onSessionEnded } from '../api/client';
import { getMe } from '../api/users';
import { type Session, SessionContext, type SessionState } from '../hooks/use-session';
import { areaOf } from '../lib/area';

/** Holds who is signed in for the whole app; the area guards and shells read it through useSession(). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const load = useCallback(async (reasonIfNone: 'anonymous' | 'expired') => {
    try {
      const me = await getMe();
      setState({ status: 'signed-in', me, area: areaOf(me) });
    } catch (error) {
      if (isApiError(error) && (error.code === 'INVALID_CREDENTIALS' || error.code === 'TOKEN_EXPIRED')) {
        setState({ status: 'signed-out', reason: reasonIfNone });
      } else {
        setState({ status: 'unavailable', error: error as ApiError });
      }
    }
  }, []);

  useEffect(() => {
    void load('anonymous');
  }, [load]);

  // A request refused for lack of a session (it expired, or an admin suspended the account) signs the app out.
  useEffect(() => onSessionEnded(() => setState((current) => (current.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : current))), []);

  const session = useMemo<Session>(
    () => ({
      state,
      async signIn(email, password) {
        await authApi.login({ email, password });
        const me = await getMe();
        setState({ status: 'signed-in', me, area: areaOf(me) });
      },
      async signOut() {
        await authApi.logout();
        setState({ status: 'signed-out', reason: 'logout' });
      },
      reload: () => load(state.status === 'signed-in' ? 'expired' : 'anonymous'),
    }),
    [state, load],
  );

  return <SessionContext value={session}>{children}</SessionContext>;
}
