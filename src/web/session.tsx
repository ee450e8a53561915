/** @module Who is signed in, shared with every page through a React context. */
import { createContext, useContext } from 'react';
import type { User } from '../shared/api.ts';

export interface SessionState {
  user: User | null;
  setUser: (user: User | null) => void;
}

export const SessionContext = createContext<SessionState>({ user: null, setUser: () => undefined });

export function useSession(): SessionState {
  return useContext(SessionContext);
}
