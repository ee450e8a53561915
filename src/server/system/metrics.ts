/** @module Prometheus metrics (prom-client): HTTP traffic, jobs, the monitor scheduler, and Node's own defaults. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  jobsCompleted: Counter<'job' | 'outcome'>;
  /** Unix time of the monitor scheduler's last good pass over the database. */
  monitorSchedulerLastPass: Gauge;
  monitorSchedulerFailedPasses: Counter;
  /** How late each check started after its due time: the scheduler's own health, not the target's. */
  monitorCheckLag: Histogram<'kind'>;
  /** Checks recorded, by kind and result (up, down). */
  monitorChecks: Counter<'kind' | 'status'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'keel_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'keel_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'keel_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsCompleted: new Counter({
      name: 'keel_jobs_completed_total',
      help: 'Background jobs finished, by job and outcome',
      labelNames: ['job', 'outcome'],
      registers: [registry],
    }),
    monitorSchedulerLastPass: new Gauge({
      name: 'keel_monitor_scheduler_last_pass_timestamp_seconds',
      help: 'When the monitor scheduler last claimed due checks from the database',
      registers: [registry],
    }),
    monitorSchedulerFailedPasses: new Counter({
      name: 'keel_monitor_scheduler_failed_passes_total',
      help: 'Scheduler passes that could not reach the database',
      registers: [registry],
    }),
    monitorCheckLag: new Histogram({
      name: 'keel_monitor_check_lag_seconds',
      help: 'How late a check started after its due time (heartbeats: after the deadline)',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
      registers: [registry],
    }),
    monitorChecks: new Counter({
      name: 'keel_monitor_checks_total',
      help: 'Checks run by this process, by monitor kind and result',
      labelNames: ['kind', 'status'],
      registers: [registry],
    }),
  };
}
