/** @module Every source of the portfolio home's attention list. A new domain: one line here. */
import type { AttentionSource } from './attention.ts';
import { incidentsAttention } from '../monitoring/incidents.attention.ts';

export const attentionSources: AttentionSource[] = [incidentsAttention];
