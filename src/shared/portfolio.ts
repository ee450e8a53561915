/** @module The portfolio home as the API returns it. */
import { z } from 'zod';
import { signalSchema } from './reports.ts';
import { usageSchema } from './time.ts';

/** What an attention item's date means, as the home page prints it before the date. */
export const attentionDateLabels = ['due', 'received', 'open since', 'since', 'expires'] as const;
export type AttentionDateLabel = (typeof attentionDateLabels)[number];

export const attentionItemSchema = z.object({
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  href: z.string(),
  urgency: z.number(),
  due: z.string().optional(),
  /** What `due` is: a due date, when a lead arrived, since when an incident is open… */
  dateLabel: z.enum(attentionDateLabels).optional(),
});
export type AttentionItemView = z.infer<typeof attentionItemSchema>;

export const portfolioClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Each retainer running this month: hours used against its budget, with the 80/100 % level. */
  retainers: z.array(usageSchema),
});
export type PortfolioClient = z.infer<typeof portfolioClientSchema>;

export const portfolioSchema = z.object({
  /** What needs attention, most urgent first. */
  attention: z.array(attentionItemSchema),
  /** This week's status per client (from its weekly report), by client id. */
  status: z.record(z.string(), z.object({ status: signalSchema, headline: z.string() })),
  /** Every client the viewer can see: red first, then amber, then green, then by name. */
  clients: z.array(portfolioClientSchema),
  /** Sources that failed: the rest of the list still shows. */
  problems: z.array(z.string()),
});
export type Portfolio = z.infer<typeof portfolioSchema>;
