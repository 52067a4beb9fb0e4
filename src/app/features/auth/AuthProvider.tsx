import { onIdTokenChanged, signOut as firebaseSignOut, type User } from 'firebase/auth';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { SessionContext, type Session } from '../../lib/session.js';
import { firebaseAuth } from './firebase-client.js';

type AuthState = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'signed-out' } | { status: 'signed-in'; session: Session };

const AuthStateContext = createContext<AuthState>({ status: 'loading' });
export const useAuthState = () => useContext(AuthStateContext);

const roles = ['admin', 'coordinator', 'auditor'] as const;

async function sessionFor(user: User): Promise<Session> {
  const { claims } = await user.getIdTokenResult();
  const role = roles.find((r) => r === claims.role) ?? null;
  const agencies = Array.isArray(claims.agencies) ? claims.agencies.filter((a): a is string => typeof a === 'string') : [];
  return {
    uid: user.uid,
    email: user.email,
    role,
    trustee: claims.trustee === true,
    agencies,
    getIdToken: () => user.getIdToken(),
    signOut: async () => firebaseSignOut(await firebaseAuth()),
  };
}

/** Follows Firebase Auth's signed-in user and offers it to staff features as a Session. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  useEffect(() => {
    let unsubscribe = () => {};
    let cancelled = false;
    firebaseAuth().then(
      (auth) => {
        if (cancelled) return;
        unsubscribe = onIdTokenChanged(auth, (user) => {
          if (!user) return setState({ status: 'signed-out' });
          sessionFor(user).then(
            (session) => setState({ status: 'signed-in', session }),
            (error: Error) => setState({ status: 'error', error }),
          );
        });
      },
      (error: Error) => setState({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);
  const session = state.status === 'signed-in' ? state.session : null;
  const value = useMemo(() => state, [state]);
  return (
    <AuthStateContext.Provider value={value}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </AuthStateContext.Provider>
  );
}
