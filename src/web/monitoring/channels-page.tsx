/**
 * @module A client's alert channels: email addresses or a signed webhook (JSON or a
 * Slack-compatible payload). This client's alerts go to every channel switched on here; each
 * channel has a "send test alert" button that follows the delivery until it is sent or failed.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { spanInWords } from '../../shared/dates.ts';
import type { AlertChannel, AlertDelivery } from '../../shared/monitoring.ts';
import { api } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useAction } from '../components/use-action.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { CopyField } from './monitor-bits.tsx';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describe(d: AlertDelivery | undefined, kind: AlertChannel['kind']) {
  if (!d) return 'Test alert queued…';
  const took = d.latencyMs !== null ? ` in ${d.latencyMs} ms` : '';
  // The mail server accepting a message is not the message arriving: say which it was.
  if (d.state === 'sent' && kind === 'email')
    return `Test alert handed to the mail server${took}; check the inbox to see it arrive.`;
  if (d.state === 'sent') return `Test alert sent${took}.`;
  if (d.state === 'failed') return `Test alert failed: ${d.lastError ?? 'unknown error'}`;
  return d.attempts > 0
    ? `Test alert not delivered yet (attempt ${d.attempts}: ${d.lastError ?? 'no answer'}); retrying…`
    : 'Test alert queued…';
}

function ChannelRow({
  channel,
  base,
  canEdit,
  onChange,
}: {
  channel: AlertChannel;
  base: string;
  canEdit: boolean;
  onChange: () => void;
}) {
  const [outcome, setOutcome] = useState<string>();
  const action = useAction();
  const url = `${base}/alert-channels/${channel.id}`;

  const test = () =>
    void action.run(async () => {
      const { deliveryId } = await api<{ deliveryId: string }>('POST', `${url}/test`);
      setOutcome(describe(undefined, channel.kind));
      // Follow the delivery for up to a minute: the job sends it, retrying with backoff.
      for (let i = 0; i < 60; i++) {
        const { deliveries } = await api<{ deliveries: AlertDelivery[] }>(
          'GET',
          `${url}/deliveries`,
        );
        const d = deliveries.find((x) => x.id === deliveryId);
        setOutcome(describe(d, channel.kind));
        if (d && d.state !== 'queued') return;
        await wait(1000);
      }
    });

  return (
    <li className="card" aria-label={`Channel ${channel.name}`}>
      <strong>{channel.name}</strong> ·{' '}
      {channel.kind === 'email'
        ? `email to ${(channel.to ?? []).join(', ')}`
        : `webhook (${channel.format === 'slack' ? 'Slack-compatible' : 'JSON'}) to ${channel.url}`}
      <ErrorBanner error={action.error} />
      {canEdit && (
        <p className="actions">
          <label className="inline">
            <input
              type="checkbox"
              checked={channel.enabled}
              onChange={(e) =>
                void action.run(async () => {
                  await api('PATCH', url, { enabled: e.target.checked });
                  onChange();
                })
              }
            />{' '}
            Send this client’s alerts here
          </label>
          <button type="button" className="secondary" disabled={action.busy} onClick={test}>
            Send test alert
          </button>
          <button
            type="button"
            className="link-button danger"
            onClick={() => {
              if (window.confirm(`Remove the channel ${channel.name}?`))
                void action.run(async () => {
                  await api('DELETE', url);
                  onChange();
                });
            }}
          >
            Remove
          </button>
        </p>
      )}
      {outcome && <p role="status">{outcome}</p>}
    </li>
  );
}

/** "hour", "30 minutes", "2 hours 30 minutes": what follows "every". */
const everyWords = (minutes: number) => spanInWords(minutes * 60_000).replace(/^1 (\w+)$/, '$1');

export function ChannelsPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(
    () =>
      api<{ channels: AlertChannel[]; reminderEveryMinutes: number }>(
        'GET',
        `${base}/alert-channels`,
      ),
    [clientId],
  );
  const [kind, setKind] = useState<'email' | 'webhook'>('email');
  const [secret, setSecret] = useState<string>();
  const create = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const body =
      kind === 'email'
        ? {
            kind,
            name: text(f, 'name').trim(),
            to: text(f, 'to')
              .split(/[\s,]+/)
              .filter(Boolean),
          }
        : {
            kind,
            name: text(f, 'name').trim(),
            url: text(f, 'url').trim(),
            format: f.get('format') === 'slack' ? 'slack' : 'json',
          };
    void create
      .run(async () => {
        const channel = await api<AlertChannel>('POST', `${base}/alert-channels`, body);
        setSecret(channel.secret);
      })
      .then((ok) => {
        if (!ok) return;
        form.reset();
        reload();
      });
  };

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring`}>← Monitors</Link>
      </p>
      <h1>Alert channels</h1>
      <p className="muted">
        When one of this client’s monitors goes down or recovers, Keel alerts every channel that is
        switched on below.{' '}
        {data.reminderEveryMinutes > 0
          ? `While it stays down, they are reminded every ${everyWords(data.reminderEveryMinutes)}, until someone acknowledges the incident.`
          : 'Reminders while down are switched off on this Keel.'}
      </p>
      {data.channels.length === 0 ? (
        <p className="muted">No channels yet: alerts for this client go nowhere.</p>
      ) : (
        <ul className="plain-list">
          {data.channels.map((c) => (
            <ChannelRow key={c.id} channel={c} base={base} canEdit={canEdit} onChange={reload} />
          ))}
        </ul>
      )}
      {secret && (
        <div className="notice" role="status">
          <p>
            Webhook signing secret, shown once: receivers check the <code>x-keel-signature</code>{' '}
            header (HMAC-SHA256 over <code>timestamp.body</code>) with it.
          </p>
          <CopyField label="Signing secret" value={secret} />
        </div>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate className="card">
          <h2>Add a channel</h2>
          <ErrorBanner error={create.error} />
          <div className="field">
            <label htmlFor="channel-kind">Channel type</label>
            <select
              id="channel-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as 'email' | 'webhook')}
            >
              <option value="email">Email</option>
              <option value="webhook">Webhook</option>
            </select>
          </div>
          <Field
            label="Channel name"
            name="name"
            required
            error={create.error?.fieldMessage('name')}
          />
          {kind === 'email' ? (
            <Field
              label="Email addresses"
              name="to"
              hint="Comma-separated"
              error={create.error?.fieldMessage('to')}
            />
          ) : (
            <>
              <Field
                label="Webhook URL"
                name="url"
                type="url"
                error={create.error?.fieldMessage('url')}
              />
              <div className="field">
                <label htmlFor="channel-format">Payload</label>
                <select id="channel-format" name="format" defaultValue="json">
                  <option value="json">JSON (signed)</option>
                  <option value="slack">Slack-compatible ({'{ text }'})</option>
                </select>
              </div>
            </>
          )}
          <button type="submit" disabled={create.busy}>
            Add channel
          </button>
        </form>
      )}
    </>
  );
}
