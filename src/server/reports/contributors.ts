/** @module Every contributor to the weekly founder report. A new domain: one line here. */
import { auditsReportContributor } from '../audits/audits.report.ts';
import { securityReportContributor } from '../security/security.report.ts';
import type { ReportContributor } from './contributor.ts';

export const reportContributors: ReportContributor[] = [
  auditsReportContributor,
  securityReportContributor,
];
