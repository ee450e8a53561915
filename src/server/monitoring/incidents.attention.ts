/**
 * @module The portfolio home's monitoring items: every open incident, at urgency 100, and every
 * certificate inside its expiry warning (a TLS or https check's `cert-expiring`: the monitor is
 * degraded, not down, so no incident opens; the warning must still reach the CTO), at 75 within
 * 7 days and 60 before.
 */
import type { AttentionSource } from '../portfolio/attention.ts';

export const incidentsAttention: AttentionSource = {
  id: 'monitoring',
  async items(ctx, clientIds) {
    if (clientIds.length === 0) return [];
    const { rows } = await ctx.database.query<{
      id: string;
      client_id: string;
      name: string;
      opened_at: string | Date;
      acknowledged_at: string | Date | null;
    }>(
      `select i.id, i.client_id, m.name, i.opened_at, i.acknowledged_at
         from incidents i join monitors m on m.id = i.monitor_id
        where i.resolved_at is null and i.client_id = any($1::uuid[])
        order by i.opened_at limit 200`,
      [clientIds],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      kind: 'incident-open',
      text: `${row.name} is down${row.acknowledged_at ? ' (acknowledged)' : ''}.`,
      href: `/clients/${row.client_id}/monitoring/incidents/${row.id}`,
      urgency: row.acknowledged_at ? 95 : 100,
      due: new Date(row.opened_at).toISOString(),
      dateLabel: 'open since' as const,
    }));
  },
};

export const certificatesAttention: AttentionSource = {
  id: 'certificates',
  async items(ctx, clientIds) {
    if (clientIds.length === 0) return [];
    const { rows } = await ctx.database.query<{
      id: string;
      client_id: string;
      name: string;
      last_message: string | null;
      status_changed_at: string | Date | null;
    }>(
      `select id, client_id, name, last_message, status_changed_at
         from monitors
        where enabled and status = 'degraded' and last_fault = 'cert-expiring'
          and client_id = any($1::uuid[])
        order by name limit 200`,
      [clientIds],
    );
    return rows.map((row) => {
      const days = Number(/expires in (-?\d+) days/.exec(row.last_message ?? '')?.[1] ?? NaN);
      return {
        clientId: row.client_id,
        kind: 'certificate-expiring',
        text: `${row.name}: ${row.last_message ?? 'certificate expiring'}. Renew it before it lapses.`,
        href: `/clients/${row.client_id}/monitoring/${row.id}`,
        urgency: Number.isFinite(days) && days <= 7 ? 75 : 60,
      };
    });
  },
};
