/**
 * @module Heartbeat setup: the secret ping URL with copyable commands (curl, a cron line, start,
 * fail and exit-code variants). Keel stores only the token's hash, so the URL is shown once:
 * right after the heartbeat is created (handed over in navigation state, then dropped from the
 * history entry) or after replacing it here, which retires the old one.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Monitor } from '../../shared/monitoring.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useAction } from '../components/use-action.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { age, CopyField, duration, targetSummary } from './monitor-bits.tsx';

/**
 * The commands to paste, for a ping URL and the heartbeat's schedule. `-m 10` so a ping never
 * holds the job for long; a cron schedule gets a `CRON_TZ` line, since Keel reads the expression
 * in the heartbeat's time zone while cron uses the server's unless told.
 */
export function pingCommands(
  url: string,
  schedule: { cron: string; timezone: string } | undefined,
) {
  const curl = (suffix = '') => `curl -fsS -m 10 --retry 5 ${url}${suffix}`;
  return [
    { label: 'Success ping (curl)', value: curl() },
    ...(schedule
      ? [{ label: 'Cron time zone (a line above the job)', value: `CRON_TZ=${schedule.timezone}` }]
      : []),
    {
      label: 'Cron line',
      value: `${schedule?.cron ?? '0 3 * * *'} /path/to/job.sh && ${curl()} > /dev/null`,
    },
    { label: 'Job started (measures run time)', value: curl('/start') },
    { label: 'Job failed', value: curl('/fail') },
    { label: 'Report the exit code', value: `/path/to/job.sh; ${curl('/$?')}` },
  ];
}

export function HeartbeatPage() {
  const { clientId = '', monitorId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const handed = (location.state as { pingToken?: string } | null)?.pingToken;
  const [token, setToken] = useState(handed);
  const action = useAction();
  const { data, error } = useLoad(
    () => api<Monitor>('GET', `/api/v1/clients/${clientId}/monitors/${monitorId}`),
    [clientId, monitorId],
  );

  // Keep the secret out of the history entry once it is on screen.
  useEffect(() => {
    if (handed) void navigate(location.pathname, { replace: true, state: null });
  }, [handed, location.pathname, navigate]);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const target = data.target as {
    isBackup?: boolean;
    schedule?: { type: string; cron?: string; timezone?: string };
  };
  const schedule =
    target.schedule?.type === 'cron'
      ? { cron: target.schedule.cron ?? '', timezone: target.schedule.timezone ?? 'UTC' }
      : undefined;
  const url = token ? `${window.location.origin}/ping/${token}` : undefined;
  const replace = () => {
    if (!window.confirm('Replace the ping URL? The current one stops working.')) return;
    void action.run(async () => {
      const { pingToken } = await api<{ pingToken: string }>(
        'POST',
        `/api/v1/clients/${clientId}/monitors/${monitorId}/ping-token`,
      );
      setToken(pingToken);
    });
  };

  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring/${monitorId}`}>← {data.name}</Link>
      </p>
      <h1>Set up {data.name}</h1>
      <p className="muted">
        {targetSummary(data)}. Last ping {age(data.lastPingAt)}
        {target.isBackup
          ? `; last backup age: ${data.lastSuccessAt ? duration(Date.now() - new Date(data.lastSuccessAt).getTime()) : 'no successful backup yet'}`
          : ''}
        .
      </p>
      <ErrorBanner error={action.error} />
      {url ? (
        <section className="notice" aria-labelledby="ping-head">
          <h2 id="ping-head">Ping URL</h2>
          <p>
            Copy it now: Keel keeps only a hash and cannot show it again. Anyone with this URL can
            report on this job.
          </p>
          <CopyField label="Ping URL" value={url} />
          {pingCommands(url, schedule).map((c) => (
            <CopyField key={c.label} label={c.label} value={c.value} />
          ))}
          <p className="hint">
            A job that pings <code>/start</code> first gets its run time measured. Any non-zero exit
            code, or <code>/fail</code>, marks the heartbeat down at once.
          </p>
          {schedule && (
            <p className="hint">
              Keel expects the job at <code>{schedule.cron}</code> in {schedule.timezone}. Put the{' '}
              <code>CRON_TZ</code> line above the job in the crontab: cronie (Fedora, RHEL, Arch)
              honours it. Other crons ignore it and use the server&apos;s time zone: set the server
              to {schedule.timezone} or shift the hours.
            </p>
          )}
        </section>
      ) : (
        <p>
          The ping URL was shown once, when the heartbeat was created. Keel stores only its hash.
        </p>
      )}
      {canEdit && (
        <p>
          <button type="button" className="secondary" disabled={action.busy} onClick={replace}>
            {url ? 'Replace again' : 'Replace the ping URL'}
          </button>
        </p>
      )}
    </>
  );
}
