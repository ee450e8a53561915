/** @module Every source of the portfolio home's attention list. A new domain: one line here. */
import { securityAttentionSource } from '../security/security.attention.ts';
import { decisionsAttentionSource } from '../decisions/decisions.report.ts';
import { kpisAttentionSource } from '../kpis/kpis.report.ts';
import type { AttentionSource } from './attention.ts';
import { leadsWaiting } from '../intake/intake.attention.ts';
import { certificatesAttention, incidentsAttention } from '../monitoring/incidents.attention.ts';
import { sloAttention } from '../monitoring/slo.attention.ts';
import { overdueMilestones } from '../roadmap/roadmap.attention.ts';
import { retainerUsageAttention } from '../time/time.attention.ts';

export const attentionSources: AttentionSource[] = [
  incidentsAttention,
  certificatesAttention,
  sloAttention,
  overdueMilestones,
  decisionsAttentionSource,
  retainerUsageAttention,
  leadsWaiting,
  securityAttentionSource,
  kpisAttentionSource,
];
