/** @module Every contributor to the weekly founder report. A new domain: one line here. */
import { auditsReportContributor } from '../audits/audits.report.ts';
import { securityReportContributor } from '../security/security.report.ts';
import { decisionsReportContributor } from '../decisions/decisions.report.ts';
import { kpisReportContributor } from '../kpis/kpis.report.ts';
import type { ReportContributor } from './contributor.ts';
import { roadmapContributor } from '../roadmap/roadmap.report.ts';
import { timeContributor } from '../time/time.report.ts';
import { sloContributor } from '../monitoring/slo.contributor.ts';
import { uptimeContributor } from '../monitoring/uptime.contributor.ts';

export const reportContributors: ReportContributor[] = [
  roadmapContributor,
  kpisReportContributor,
  decisionsReportContributor,
  timeContributor,
  auditsReportContributor,
  securityReportContributor,
  uptimeContributor,
  sloContributor,
];
