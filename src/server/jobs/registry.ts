/** @module Every background job Keel runs. Add a job: one file `<name>.job.ts`, one line here. */
import type { AnyJob } from './job.ts';
import { auditsRunJob } from '../audits/audits-run.job.ts';
import { auditsScheduleJob } from '../audits/audits-schedule.job.ts';
import { mailSendJob } from '../mail/mail-send.job.ts';
import { mailSweepJob } from '../mail/mail-sweep.job.ts';
import { securityScanJob } from '../security/security-scan.job.ts';
import { securityScheduleJob } from '../security/security-schedule.job.ts';
import { reportsDispatchJob } from '../reports/reports-dispatch.job.ts';
import { monitoringAlertJob } from '../monitoring/alert.job.ts';
import { monitoringAlertSweepJob } from '../monitoring/alert-sweep.job.ts';
import { monitoringRollupJob } from '../monitoring/rollup.job.ts';
import { monitoringMaintenanceJob } from '../monitoring/maintenance.job.ts';
import { monitoringSloJob } from '../monitoring/slo.job.ts';
import { sessionsCleanupJob } from './sessions-cleanup.job.ts';

export const allJobs: AnyJob[] = [
  sessionsCleanupJob,
  mailSendJob,
  mailSweepJob,
  auditsRunJob,
  auditsScheduleJob,
  securityScanJob,
  securityScheduleJob,
  reportsDispatchJob,
  monitoringAlertJob,
  monitoringAlertSweepJob,
  monitoringRollupJob,
  monitoringMaintenanceJob,
  monitoringSloJob,
];
