import { createContext, useContext } from 'react';

/**
 * What staff features need from whoever signed the person in. The auth feature provides it at the
 * route level, so features never import each other.
 */
export interface Session {
  uid: string;
  email: string | null;
  role: 'admin' | 'coordinator' | 'auditor' | null;
  /** The trustee capability: a seat in the key ceremonies of `agencies`, with or without a role. */
  trustee: boolean;
  agencies: string[];
  getIdToken(): Promise<string>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in area');
  return session;
}
