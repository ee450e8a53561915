/** @module Who is signed in, shared with every page through a React context. */
import { createContext, useContext } from 'react';
import { useNavigate } from 'react-router';
import type { SessionResponse, User } from '../shared/api.ts';
import { setCsrfToken } from './api.ts';

export interface SessionState {
  user: User | null;
  setUser: (user: User | null) => void;
}

export const SessionContext = createContext<SessionState>({ user: null, setUser: () => undefined });

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** What setup, sign-in and invite acceptance do once the server has opened a session. */
export function useSignIn(): (session: SessionResponse) => void {
  const { setUser } = useSession();
  const navigate = useNavigate();
  return (session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    void navigate('/');
  };
}
