/** @module Every source of the portfolio home's attention list. A new domain: one line here. */
import { decisionsAttentionSource } from '../decisions/decisions.report.ts';
import { kpisAttentionSource } from '../kpis/kpis.report.ts';
import type { AttentionSource } from './attention.ts';

export const attentionSources: AttentionSource[] = [decisionsAttentionSource, kpisAttentionSource];
