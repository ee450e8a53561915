/**
 * @module The portfolio home's extension point: each domain says what needs the owner's
 * attention across every client (an overdue milestone, a decision past its due date, a retainer
 * over budget, a lead waiting, an open incident…). The home page sorts all items by urgency so
 * that what needs attention today comes first.
 */
import type { AttentionDateLabel } from '../../shared/portfolio.ts';
import type { AppContext } from '../context.ts';

export type AttentionItem = AttentionItemBase &
  (
    | { due?: undefined; dateLabel?: undefined }
    | {
        /** The item's date, if it has one: ISO 8601. */
        due: string;
        /** What the date is (a due date, when a lead arrived, since when an incident is open). */
        dateLabel: AttentionDateLabel;
      }
  );

interface AttentionItemBase {
  /** The client it concerns; null for practice-wide items such as a new lead. */
  clientId: string | null;
  /** A short machine name of the kind of item (`milestone-overdue`, `lead-waiting`, `incident-open`). */
  kind: string;
  /** One sentence the owner reads on the home page. */
  text: string;
  /** A path inside Keel's web app where it is handled. */
  href: string;
  /**
   * 0–100. 90+: something is broken or past due now (open incident, overdue milestone);
   * 60–89: due within days or over a budget; 30–59: waiting on the owner; below 30: for information.
   */
  urgency: number;
}

export interface AttentionSource {
  id: string;
  /** Items for these clients (the ones the viewer may see; every client for the owner). */
  items(ctx: AppContext, clientIds: string[]): Promise<AttentionItem[]>;
}
