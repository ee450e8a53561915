/**
 * @module Create and edit a monitor of any kind: HTTP (method, headers, body, expected statuses,
 * body and JSON assertions, response time, redirects, TLS), TCP, DNS, TLS expiry and heartbeats
 * (period + grace, or cron + time zone). The API's field errors show beside their fields. A new
 * heartbeat goes on to its setup page, which shows the secret ping URL once.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  DEFAULT_CERT_WARN_DAYS,
  DEFAULT_RECOVERIES,
  DEFAULT_RETRIES,
  dnsRecordTypes,
  jsonAssertion,
  monitorKinds,
  type Monitor,
  type MonitorKind,
} from '../../shared/monitoring.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../components/form.tsx';
import { lines, useAction } from '../components/use-action.ts';
import { useLoad } from '../use-load.ts';
import { kindLabel } from './monitor-bits.tsx';

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const ops = jsonAssertion.shape.op.options;
type Target = Record<string, unknown>;

const num = (form: FormData, name: string): number | undefined => {
  const value = text(form, name).trim();
  return value === '' ? undefined : Number(value);
};
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** `Name: value` per line. */
function parseHeaders(value: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines(value)) {
    const colon = line.indexOf(':');
    if (colon === -1) headers[line] = '';
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** `$.path op value` per line; the value is JSON when it parses (42, true, "x"), text otherwise. */
function parseAssertions(value: string) {
  return lines(value).map((line) => {
    const [path = '', op = '', ...rest] = line.split(/\s+/);
    const raw = rest.join(' ');
    if (raw === '') return { path, op };
    try {
      return { path, op, value: JSON.parse(raw) as unknown };
    } catch {
      return { path, op, value: raw };
    }
  });
}

function buildTarget(kind: MonitorKind, scheduleType: string, f: FormData): Target {
  const opt = (name: string) => text(f, name).trim() || undefined;
  switch (kind) {
    case 'http':
      return {
        kind,
        url: text(f, 'url').trim(),
        method: text(f, 'method') || 'GET',
        headers: parseHeaders(text(f, 'headers')),
        secretHeaders: list(text(f, 'secretHeaders')),
        body: text(f, 'body') || undefined,
        secretBody: f.get('secretBody') === 'on',
        expectedStatus: list(text(f, 'expectedStatus')).length
          ? list(text(f, 'expectedStatus'))
          : undefined,
        bodyContains: opt('bodyContains'),
        bodyNotContains: opt('bodyNotContains'),
        bodyRegex: opt('bodyRegex'),
        jsonAssertions: parseAssertions(text(f, 'jsonAssertions')),
        maxResponseMs: num(f, 'maxResponseMs'),
        followRedirects: f.get('followRedirects') === 'on',
        verifyTls: f.get('verifyTls') === 'on',
      };
    case 'tcp':
      return { kind, host: text(f, 'host').trim(), port: num(f, 'port') };
    case 'dns':
      return {
        kind,
        hostname: text(f, 'hostname').trim(),
        recordType: text(f, 'recordType') || 'A',
        expected: lines(text(f, 'expected')),
        server: opt('server'),
      };
    case 'tls':
      return {
        kind,
        host: text(f, 'host').trim(),
        port: num(f, 'port') ?? 443,
        warnDays: list(text(f, 'warnDays')).map(Number),
      };
    case 'heartbeat':
      return {
        kind,
        isBackup: f.get('isBackup') === 'on',
        schedule:
          scheduleType === 'cron'
            ? {
                type: 'cron',
                cron: text(f, 'cron').trim(),
                timezone: text(f, 'timezone').trim() || 'UTC',
                graceSeconds: num(f, 'graceSeconds'),
              }
            : {
                type: 'period',
                periodSeconds: num(f, 'periodSeconds'),
                graceSeconds: num(f, 'graceSeconds'),
              },
      };
  }
}

function TargetFields({
  kind,
  target,
  scheduleType,
  setScheduleType,
  error,
}: {
  kind: MonitorKind;
  target: Target;
  scheduleType: string;
  setScheduleType: (t: string) => void;
  error: ApiError | undefined;
}) {
  const e = (field: string) => error?.fieldMessage(`target.${field}`);
  const str = (key: string, fallback = '') => (target[key] as string | undefined) ?? fallback;
  if (kind === 'http')
    return (
      <>
        <Field
          label="URL"
          name="url"
          type="url"
          required
          defaultValue={str('url')}
          error={e('url')}
          placeholder="https://example.com/health"
          hint="API keys, tokens, signatures and passwords in the query (?apikey=…) are stored encrypted and shown masked (?apikey=ab…(41 chars)): leave the mask to keep the value. A user and password (https://user:pass@host/) become an encrypted Authorization header."
        />
        <div className="field">
          <label htmlFor="monitor-method">Method</label>
          <select id="monitor-method" name="method" defaultValue={str('method', 'GET')}>
            {methods.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <TextArea
          label="Headers (one per line, Name: value)"
          name="headers"
          rows={2}
          defaultValue={Object.entries((target.headers as Record<string, string>) ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}
          hint="Authorization, Cookie, API keys and tokens are stored encrypted and shown masked (Bearer ab…(41 chars)). Leave a masked line as it is to keep the value, type a new value to replace it, delete the line to remove it."
          error={e('headers')}
        />
        <Field
          label="Also secret (header names, comma-separated)"
          name="secretHeaders"
          defaultValue={((target.secretHeaders as string[] | undefined) ?? []).join(', ')}
          hint="Headers recognised by name are secret already; add any other that carries a credential"
          error={e('secretHeaders')}
        />
        <TextArea
          label="Request body"
          name="body"
          rows={2}
          defaultValue={str('body')}
          error={e('body')}
        />
        <label className="inline">
          <input type="checkbox" name="secretBody" defaultChecked={Boolean(target.secretBody)} />{' '}
          The body holds a password or token: store it encrypted and show it masked
        </label>
        <Field
          label="Expected status codes"
          name="expectedStatus"
          defaultValue={((target.expectedStatus as string[]) ?? ['200-399']).join(', ')}
          hint="Codes, ranges or classes, comma-separated: 200, 200-299, 3xx"
          error={e('expectedStatus')}
        />
        <Field
          label="Body contains"
          name="bodyContains"
          defaultValue={str('bodyContains')}
          error={e('bodyContains')}
        />
        <Field
          label="Body does not contain"
          name="bodyNotContains"
          defaultValue={str('bodyNotContains')}
          error={e('bodyNotContains')}
        />
        <Field
          label="Body matches (regular expression)"
          name="bodyRegex"
          defaultValue={str('bodyRegex')}
          hint="RE2 syntax: no backreferences or lookaround"
          error={e('bodyRegex')}
        />
        <TextArea
          label="JSON assertions (one per line: path operator value)"
          name="jsonAssertions"
          rows={2}
          placeholder={'$.status equals "ok"\n$.items[0].id exists'}
          defaultValue={(
            (target.jsonAssertions as { path: string; op: string; value?: unknown }[]) ?? []
          )
            .map((a) =>
              [a.path, a.op, a.value === undefined ? '' : JSON.stringify(a.value)].join(' ').trim(),
            )
            .join('\n')}
          error={e('jsonAssertions')}
        />
        <p className="hint">Operators: {ops.join(', ')}.</p>
        <Field
          label="Maximum response time (ms)"
          name="maxResponseMs"
          type="number"
          min={1}
          defaultValue={(target.maxResponseMs as number | undefined) ?? ''}
          hint="Slower answers count as failures"
          error={e('maxResponseMs')}
        />
        <label className="inline">
          <input
            type="checkbox"
            name="followRedirects"
            defaultChecked={target.followRedirects !== false}
          />{' '}
          Follow redirects
        </label>
        <label className="inline">
          <input type="checkbox" name="verifyTls" defaultChecked={target.verifyTls !== false} />{' '}
          Verify the TLS certificate
        </label>
      </>
    );
  if (kind === 'tcp' || kind === 'tls')
    return (
      <>
        <Field label="Host" name="host" required defaultValue={str('host')} error={e('host')} />
        <Field
          label="Port"
          name="port"
          type="number"
          min={1}
          max={65535}
          defaultValue={(target.port as number | undefined) ?? (kind === 'tls' ? 443 : '')}
          error={e('port')}
        />
        {kind === 'tls' && (
          <Field
            label="Warn days before expiry"
            name="warnDays"
            defaultValue={((target.warnDays as number[]) ?? DEFAULT_CERT_WARN_DAYS).join(', ')}
            hint="Comma-separated, for example 21, 14, 7"
            error={e('warnDays')}
          />
        )}
      </>
    );
  if (kind === 'dns')
    return (
      <>
        <Field
          label="Host name"
          name="hostname"
          required
          defaultValue={str('hostname')}
          error={e('hostname')}
        />
        <div className="field">
          <label htmlFor="monitor-record">Record type</label>
          <select id="monitor-record" name="recordType" defaultValue={str('recordType', 'A')}>
            {dnsRecordTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <TextArea
          label="Expected values (one per line; empty: any answer)"
          name="expected"
          rows={2}
          defaultValue={((target.expected as string[]) ?? []).join('\n')}
          hint="As the record reads, for example: A 203.0.113.7 · AAAA 2001:db8::7 · CNAME app.example.net · NS ns1.example.net · TXT v=spf1 include:_spf.example.com ~all · MX mail.example.com or 10 mail.example.com (priority first) · SRV 10 5 5060 sip.example.com (priority, weight, port, target) · CAA 0 issue letsencrypt.org (flag, tag, value)"
          error={e('expected')}
        />
        <Field
          label="Resolver (optional)"
          name="server"
          defaultValue={str('server')}
          placeholder="1.1.1.1"
          error={e('server')}
        />
      </>
    );
  const schedule = (target.schedule as Record<string, unknown> | undefined) ?? {};
  return (
    <>
      <fieldset>
        <legend>Schedule</legend>
        <label className="inline">
          <input
            type="radio"
            name="scheduleType"
            value="period"
            checked={scheduleType === 'period'}
            onChange={() => setScheduleType('period')}
          />{' '}
          Every period
        </label>
        <label className="inline">
          <input
            type="radio"
            name="scheduleType"
            value="cron"
            checked={scheduleType === 'cron'}
            onChange={() => setScheduleType('cron')}
          />{' '}
          Cron expression
        </label>
        {scheduleType === 'period' ? (
          <Field
            label="Period (seconds)"
            name="periodSeconds"
            type="number"
            min={60}
            required
            defaultValue={(schedule.periodSeconds as number | undefined) ?? 86400}
            hint="86400 for a daily job"
            error={e('schedule.periodSeconds')}
          />
        ) : (
          <>
            <Field
              label="Cron"
              name="cron"
              required
              defaultValue={(schedule.cron as string | undefined) ?? '0 3 * * *'}
              error={e('schedule.cron')}
            />
            <Field
              label="Time zone"
              name="timezone"
              defaultValue={
                (schedule.timezone as string | undefined) ??
                Intl.DateTimeFormat().resolvedOptions().timeZone
              }
              error={e('schedule.timezone')}
            />
          </>
        )}
        <Field
          label="Grace (seconds)"
          name="graceSeconds"
          type="number"
          min={0}
          defaultValue={(schedule.graceSeconds as number | undefined) ?? 300}
          hint="How late a ping may be before it counts as missed"
          error={e('schedule.graceSeconds')}
        />
      </fieldset>
      <label className="inline">
        <input type="checkbox" name="isBackup" defaultChecked={target.isBackup === true} /> This is
        a backup job (show the last backup's age)
      </label>
    </>
  );
}

export function MonitorForm({
  clientId,
  initial,
  onSaved,
}: {
  clientId: string;
  initial?: Monitor;
  onSaved: (monitor: Monitor & { pingToken?: string }) => void;
}) {
  const [kind, setKind] = useState<MonitorKind>(initial?.kind ?? 'http');
  const target = (initial?.kind === kind ? initial.target : {}) as Target;
  const [scheduleType, setScheduleType] = useState(
    (target.schedule as { type?: string } | undefined)?.type ?? 'period',
  );
  const { error, busy, run } = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const body = {
      name: text(f, 'name').trim(),
      target: buildTarget(kind, scheduleType, f),
      ...(kind === 'heartbeat'
        ? {}
        : {
            intervalSeconds: num(f, 'intervalSeconds'),
            expertInterval: f.get('expertInterval') === 'on',
            timeoutSeconds: num(f, 'timeoutSeconds'),
            retries: num(f, 'retries'),
            recoveries: num(f, 'recoveries'),
          }),
    };
    void run(async () => {
      const saved = initial
        ? await api<Monitor>('PATCH', `/api/v1/clients/${clientId}/monitors/${initial.id}`, body)
        : await api<Monitor & { pingToken?: string }>(
            'POST',
            `/api/v1/clients/${clientId}/monitors`,
            body,
          );
      onSaved(saved);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="card monitor-form">
      <ErrorBanner error={error} />
      <Field
        label="Name"
        name="name"
        required
        defaultValue={initial?.name}
        error={error?.fieldMessage('name')}
      />
      <div className="field">
        <label htmlFor="monitor-kind">Kind</label>
        <select
          id="monitor-kind"
          value={kind}
          disabled={Boolean(initial)}
          onChange={(e) => setKind(e.target.value as MonitorKind)}
        >
          {monitorKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel[k]}
            </option>
          ))}
        </select>
        {initial && (
          <small className="hint">The kind cannot change; create a new monitor instead.</small>
        )}
      </div>
      <TargetFields
        key={kind}
        kind={kind}
        target={target}
        scheduleType={scheduleType}
        setScheduleType={setScheduleType}
        error={error}
      />
      {kind !== 'heartbeat' && (
        <fieldset>
          <legend>Timing</legend>
          <Field
            label="Check every (seconds)"
            name="intervalSeconds"
            type="number"
            min={1}
            defaultValue={initial?.intervalSeconds ?? 60}
            hint="10 seconds at the shortest; 1 second with the expert setting"
            error={error?.fieldMessage('intervalSeconds')}
          />
          <label className="inline">
            <input type="checkbox" name="expertInterval" defaultChecked={initial?.expertInterval} />{' '}
            Expert: allow intervals below 10 seconds
          </label>
          <Field
            label="Timeout (seconds)"
            name="timeoutSeconds"
            type="number"
            min={1}
            max={120}
            defaultValue={initial?.timeoutSeconds ?? 10}
            error={error?.fieldMessage('timeoutSeconds')}
          />
          <Field
            label="Failures before down"
            name="retries"
            type="number"
            min={0}
            defaultValue={initial?.retries ?? DEFAULT_RETRIES}
            hint="Retries after the first failure"
            error={error?.fieldMessage('retries')}
          />
          <Field
            label="Successes before up"
            name="recoveries"
            type="number"
            min={1}
            defaultValue={initial?.recoveries ?? DEFAULT_RECOVERIES}
            error={error?.fieldMessage('recoveries')}
          />
        </fieldset>
      )}
      <p className="actions">
        <button type="submit" disabled={busy}>
          {initial ? 'Save monitor' : 'Create monitor'}
        </button>
      </p>
    </form>
  );
}

export function NewMonitorPage() {
  const { clientId = '' } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring`}>← Monitors</Link>
      </p>
      <h1>Add a monitor</h1>
      <MonitorForm
        clientId={clientId}
        onSaved={(m) =>
          void (m.pingToken
            ? navigate(`/clients/${clientId}/monitoring/${m.id}/heartbeat`, {
                state: { pingToken: m.pingToken },
              })
            : navigate(`/clients/${clientId}/monitoring/${m.id}`))
        }
      />
    </>
  );
}

export function EditMonitorPage() {
  const { clientId = '', monitorId = '' } = useParams();
  const navigate = useNavigate();
  const { data, error } = useLoad(
    () => api<Monitor>('GET', `/api/v1/clients/${clientId}/monitors/${monitorId}`),
    [clientId, monitorId],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring/${monitorId}`}>← {data.name}</Link>
      </p>
      <h1>Edit {data.name}</h1>
      <MonitorForm
        clientId={clientId}
        initial={data}
        onSaved={() => void navigate(`/clients/${clientId}/monitoring/${monitorId}`)}
      />
    </>
  );
}
