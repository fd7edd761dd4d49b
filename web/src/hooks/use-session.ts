import { createContext, useContext } from 'react';
import type { Me } from '../../../common/src/users';
import type { ApiError } from '../api/client';
import type { Area } from '../lib/area';

/** Why nobody is signed in: never was, chose to sign out, or the session ended under them. */
export type SignedOutReason = 'anonymous' | 'logout' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: SignedOutReason }
  /** The server could not be asked who is signed in (unreachable, 5xx): not the same as signed out. */
  | { status: 'unavailable'; error: ApiError }
  | { status: 'signed-in'; me: Me; area: Area };

export interface Session {
  state: SessionState;
  /** Signs in with the session cookie and loads the person; rejects with ApiError. */
  signIn(email: string, password: string): Promise<void>;
  /** Ends the session on the server; rejects with ApiError when the server could not be told. */
  signOut(): Promise<void>;
  /** Asks the server again who is signed in (after an outage, or when the window regains focus). */
  reload(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in person and the sign-in actions. Only inside <SessionProvider>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
