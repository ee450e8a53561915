/**
 * @module The weekly report's uptime section: how much of the week the client's sites and jobs
 * were up, and each incident in plain words. Short sentences for a non-technical founder.
 */
import type { ReportContributor, ReportLine } from '../reports/contributor.ts';
import { countResults } from './pack.ts';

const percent = (share: number) => `${(Math.floor(share * 10_000) / 100).toString()}%`;
const minutes = (ms: number) => {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m < 120 ? `${m} minute${m === 1 ? '' : 's'}` : `${Math.round(m / 60)} hours`;
};

export const uptimeContributor: ReportContributor = {
  id: 'monitoring',
  async lines(ctx, week) {
    const base = `/clients/${week.clientId}/monitoring`;
    const total = await countResults(ctx, {
      clientId: week.clientId,
      start: week.start,
      end: week.end,
    });
    const { rows: happened } = await ctx.database.query<{
      id: string;
      name: string;
      opened_at: string | Date;
      resolved_at: string | Date | null;
      root_cause: string;
    }>(
      `select i.id, m.name, i.opened_at, i.resolved_at, i.root_cause
         from incidents i join monitors m on m.id = i.monitor_id
        where i.client_id = $1 and i.opened_at < $3 and (i.resolved_at is null or i.resolved_at >= $2)
        order by i.opened_at`,
      [week.clientId, week.start.toISOString(), week.end.toISOString()],
    );
    const lines: ReportLine[] = [];
    if (total.checks > 0) {
      const share = (total.checks - total.failures) / total.checks;
      lines.push({
        section: 'uptime',
        text: `Your service was up ${percent(share)} of the time this week.`,
        evidence: { label: 'Monitors', href: base },
        signal: share >= 0.999 ? 'green' : share >= 0.99 ? 'amber' : 'red',
        order: 0,
      });
    }
    for (const incident of happened.slice(0, 5)) {
      const opened = new Date(incident.opened_at);
      const day = opened.toLocaleDateString('en-GB', { weekday: 'long', timeZone: week.timeZone });
      const text = incident.resolved_at
        ? `${incident.name} was down on ${day} for ${minutes(new Date(incident.resolved_at).getTime() - opened.getTime())}.`
        : `${incident.name} has been down since ${day}. We are on it.`;
      lines.push({
        section: 'uptime',
        text: incident.root_cause
          ? `${text} Cause: ${incident.root_cause.split('\n')[0]!.slice(0, 140)}`
          : text,
        evidence: { label: 'Incident', href: `${base}/incidents/${incident.id}` },
        signal: incident.resolved_at ? 'amber' : 'red',
        order: 1,
      });
    }
    if (happened.length === 0 && lines.length > 0)
      lines.push({
        section: 'uptime',
        text: 'Nothing went down this week.',
        evidence: { label: 'Incidents', href: `${base}/incidents` },
        order: 1,
      });
    return lines;
  },
};
