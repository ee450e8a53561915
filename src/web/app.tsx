/**
 * @module The app shell: finds out whether Keel needs setup and who is signed in, then routes.
 * Signed-out visitors see only setup, sign-in and invite acceptance.
 */
import { useEffect, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useNavigate } from 'react-router';
import type { SessionResponse, User } from '../shared/api.ts';
import { api, ApiError, setCsrfToken } from './api.ts';
import { SessionContext, useSession } from './session.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { PortfolioPage } from './pages/portfolio-page.tsx';
import { ClientPage } from './pages/client-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { PeoplePage } from './pages/people-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { SystemPage } from './pages/system-page.tsx';
import { AccountPage } from './pages/account-page.tsx';

type Boot =
  | { state: 'loading' }
  | { state: 'setup' }
  | { state: 'ready' }
  | { state: 'error'; message: string };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const { needsSetup } = await api<{ needsSetup: boolean }>('GET', '/api/v1/setup');
        if (needsSetup) return setBoot({ state: 'setup' });
        try {
          const session = await api<SessionResponse>('GET', '/api/v1/session');
          setCsrfToken(session.csrfToken);
          setUser(session.user);
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401) throw error;
        }
        setBoot({ state: 'ready' });
      } catch (error) {
        setBoot({ state: 'error', message: (error as Error).message });
      }
    })();
  }, []);

  if (boot.state === 'loading') return <p className="centered">Loading Keel…</p>;
  if (boot.state === 'error')
    return (
      <p role="alert" className="centered error-banner">
        {boot.message}
      </p>
    );

  return (
    <SessionContext.Provider value={{ user, setUser }}>
      {boot.state === 'setup' && !user ? (
        <Routes>
          <Route path="*" element={<SetupPage onDone={() => setBoot({ state: 'ready' })} />} />
        </Routes>
      ) : user ? (
        <Shell />
      ) : (
        <Routes>
          <Route path="/invite" element={<InvitePage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<Navigate to="/login" replace />} />
        </Routes>
      )}
    </SessionContext.Provider>
  );
}

function Shell() {
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const isOwner = user?.role === 'owner';

  const signOut = async () => {
    await api('POST', '/api/v1/auth/logout').catch(() => undefined);
    setCsrfToken('');
    setUser(null);
    void navigate('/login');
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Keel
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Portfolio
          </NavLink>
          {isOwner && <NavLink to="/people">People</NavLink>}
          <NavLink to="/tokens">API tokens</NavLink>
          {isOwner && <NavLink to="/system">System</NavLink>}
        </nav>
        <div className="who">
          <NavLink to="/account">{user?.name}</NavLink>
          <span className="role-badge">{user?.role}</span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Routes>
          <Route path="/" element={<PortfolioPage />} />
          <Route path="/clients/:clientId" element={<ClientPage />} />
          <Route path="/clients/:clientId/report" element={<ReportPage />} />
          <Route path="/people" element={<PeoplePage />} />
          <Route path="/tokens" element={<TokensPage />} />
          <Route path="/system" element={<SystemPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route
            path="/invite"
            element={
              <p>
                You are already signed in. Sign out first to accept an invitation as someone else.
              </p>
            }
          />
          <Route path="/login" element={<Navigate to="/" replace />} />
          <Route
            path="*"
            element={
              <p>
                Nothing here. <Link to="/">Back to the portfolio</Link>.
              </p>
            }
          />
        </Routes>
      </main>
    </>
  );
}
