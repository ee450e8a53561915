/** @module Every contributor to the weekly founder report. A new domain: one line here. */
import type { ReportContributor } from './contributor.ts';
import { uptimeContributor } from '../monitoring/uptime.contributor.ts';

export const reportContributors: ReportContributor[] = [uptimeContributor];
