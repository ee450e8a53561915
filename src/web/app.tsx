/**
 * @module The app shell: finds out whether Keel needs setup and who is signed in, then routes.
 * Signed-out visitors see only setup, sign-in and invite acceptance.
 */
import { useEffect, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { SessionResponse, User } from '../shared/api.ts';
import { api, ApiError, setCsrfToken } from './api.ts';
import { SessionContext, useSession } from './session.tsx';
import { useLinkedItem } from './use-linked-item.ts';
import { SetupPage } from './pages/setup-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { PortfolioPage } from './pages/portfolio-page.tsx';
import { ClientPage } from './pages/client-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { AuditRunPage } from './scans/audit-run-page.tsx';
import { SecurityPage } from './scans/security-page.tsx';
import { PeoplePage } from './pages/people-page.tsx';
import { DecisionsPage } from './pages/decisions-page.tsx';
import { DecisionPage } from './pages/decision-page.tsx';
import { DecisionNeededPage } from './pages/decision-needed-page.tsx';
import { KpisPage } from './pages/kpis-page.tsx';
import { KpiPage } from './pages/kpi-page.tsx';
import { StatusPagePage } from './pages/status-page-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { SystemPage } from './pages/system-page.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { StartPage } from './pages/practice/start-page.tsx';
import { LeadsPage } from './pages/practice/leads-page.tsx';
import { ScopingPage } from './pages/practice/scoping-page.tsx';
import { MilestonesPage } from './pages/practice/milestones-page.tsx';
import { EngagementsPage } from './pages/practice/engagements-page.tsx';
import { ProposalPage } from './pages/practice/proposal-page.tsx';
import { TimePage } from './pages/practice/time-page.tsx';
import { MonitorsPage } from './monitoring/monitors-page.tsx';
import { MonitorPage } from './monitoring/monitor-page.tsx';
import { EditMonitorPage, NewMonitorPage } from './monitoring/monitor-form.tsx';
import { HeartbeatPage } from './monitoring/heartbeat-page.tsx';
import { IncidentPage, IncidentsPage } from './monitoring/incident-pages.tsx';
import { ChannelsPage } from './monitoring/channels-page.tsx';
import { SlosPage } from './monitoring/slos-page.tsx';
import { ImportMonitorsPage } from './monitoring/import-page.tsx';

type Boot =
  | { state: 'loading' }
  | { state: 'setup' }
  | { state: 'ready' }
  | { state: 'error'; message: string };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [user, setUser] = useState<User | null>(null);
  const location = useLocation();

  useEffect(() => {
    void (async () => {
      try {
        // Both at once: one round trip fewer before the first page can load its data.
        const [{ needsSetup }, session] = await Promise.all([
          api<{ needsSetup: boolean }>('GET', '/api/v1/setup'),
          api<SessionResponse>('GET', '/api/v1/session').catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 401) return null;
            throw error;
          }),
        ]);
        if (needsSetup) return setBoot({ state: 'setup' });
        if (session) {
          setCsrfToken(session.csrfToken);
          setUser(session.user);
        }
        setBoot({ state: 'ready' });
      } catch (error) {
        setBoot({ state: 'error', message: (error as Error).message });
      }
    })();
  }, []);

  // The public intake page needs no account, no setup and no session.
  if (location.pathname === '/start') return <StartPage />;
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
  useLinkedItem();

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
          {isOwner && <NavLink to="/leads">Leads</NavLink>}
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
          <Route path="/clients/:clientId/scoping" element={<ScopingPage />} />
          <Route path="/clients/:clientId/milestones" element={<MilestonesPage />} />
          <Route path="/clients/:clientId/engagements" element={<EngagementsPage />} />
          <Route
            path="/clients/:clientId/engagements/:engagementId/proposal"
            element={<ProposalPage />}
          />
          <Route path="/clients/:clientId/time" element={<TimePage />} />
          <Route path="/leads" element={<LeadsPage />} />
          <Route path="/clients/:clientId/report" element={<ReportPage />} />
          <Route path="/clients/:clientId/audits/:runId" element={<AuditRunPage />} />
          <Route path="/clients/:clientId/security" element={<SecurityPage />} />
          <Route path="/clients/:clientId/decisions" element={<DecisionsPage />} />
          <Route path="/clients/:clientId/decisions/:decisionId" element={<DecisionPage />} />
          <Route
            path="/clients/:clientId/decisions-needed/:questionId"
            element={<DecisionNeededPage />}
          />
          <Route path="/clients/:clientId/kpis" element={<KpisPage />} />
          <Route path="/clients/:clientId/monitoring/slos" element={<SlosPage />} />
          <Route path="/clients/:clientId/monitoring/import" element={<ImportMonitorsPage />} />
          <Route path="/clients/:clientId/kpis/:kpiId" element={<KpiPage />} />
          <Route path="/clients/:clientId/status-page" element={<StatusPagePage />} />
          <Route path="/clients/:clientId/monitoring" element={<MonitorsPage />} />
          <Route
            path="/clients/:clientId/monitors"
            element={<Navigate to="../monitoring" relative="path" replace />}
          />
          <Route path="/clients/:clientId/monitoring/new" element={<NewMonitorPage />} />
          <Route path="/clients/:clientId/monitoring/incidents" element={<IncidentsPage />} />
          <Route
            path="/clients/:clientId/monitoring/incidents/:incidentId"
            element={<IncidentPage />}
          />
          <Route path="/clients/:clientId/monitoring/channels" element={<ChannelsPage />} />
          <Route path="/clients/:clientId/monitoring/:monitorId" element={<MonitorPage />} />
          <Route
            path="/clients/:clientId/monitoring/:monitorId/edit"
            element={<EditMonitorPage />}
          />
          <Route
            path="/clients/:clientId/monitoring/:monitorId/heartbeat"
            element={<HeartbeatPage />}
          />
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
