/** @module Every contributor to the weekly founder report. A new domain: one line here. */
import { decisionsReportContributor } from '../decisions/decisions.report.ts';
import { kpisReportContributor } from '../kpis/kpis.report.ts';
import type { ReportContributor } from './contributor.ts';

export const reportContributors: ReportContributor[] = [
  kpisReportContributor,
  decisionsReportContributor,
];
