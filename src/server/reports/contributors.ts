/** @module Every contributor to the weekly founder report. A new domain: one line here. */
import type { ReportContributor } from './contributor.ts';
import { roadmapContributor } from '../roadmap/roadmap.report.ts';
import { timeContributor } from '../time/time.report.ts';

export const reportContributors: ReportContributor[] = [roadmapContributor, timeContributor];
