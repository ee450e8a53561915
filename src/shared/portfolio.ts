/** @module The portfolio home as the API returns it. */
import { z } from 'zod';
import { signalSchema } from './reports.ts';

export const attentionItemSchema = z.object({
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  href: z.string(),
  urgency: z.number(),
  due: z.string().optional(),
});
export type AttentionItemView = z.infer<typeof attentionItemSchema>;

export const portfolioSchema = z.object({
  /** What needs attention, most urgent first. */
  attention: z.array(attentionItemSchema),
  /** This week's status per client (from its weekly report), by client id. */
  status: z.record(z.string(), z.object({ status: signalSchema, headline: z.string() })),
  /** Sources that failed: the rest of the list still shows. */
  problems: z.array(z.string()),
});
export type Portfolio = z.infer<typeof portfolioSchema>;
