/** @module Every source of the portfolio home's attention list. A new domain: one line here. */
import { securityAttentionSource } from '../security/security.attention.ts';
import type { AttentionSource } from './attention.ts';

export const attentionSources: AttentionSource[] = [securityAttentionSource];
