/**
 * @module Recording the scheduler's checks in batches. Finished checks wait a few milliseconds
 * (or until a batch is full) and are written together in one transaction: the monitors locked
 * in id order, the state machine applied to each in memory, one `UPDATE monitors … FROM (VALUES
 * …)` guarded by the lease holder, one multi-row insert of results, and the rare transitions
 * (incident opened or closed, its timeline, alerts stored) row by row in the same transaction.
 * A check whose lease another worker took over is dropped; the others are recorded. Alerts are
 * queued after the commit. On the embedded database a transaction costs about 3 ms of CPU and
 * a row in a batch about 0.25 ms (bench/monitoring/scheduler-record.ts), so one transaction per
 * check spent most of a core at 5,000 monitors; a batch per 100 ms spends a few per cent. The
 * wait delays only the write (and an alert by at most that), never the start of a check.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { monitorResults, monitors } from '../db/schema.ts';
import type { CheckOutcome } from './checks/types.ts';
import { queueAlerts } from './alerts.ts';
import {
  applyTransition,
  recordOutcome,
  resultRow,
  stateOf,
  type MonitorRow,
  type RecordResult,
} from './record.ts';
import { advance, type MonitorState } from './state.ts';

/** A check the scheduler ran under its lease, to record. */
export interface FinishedCheck {
  monitorId: string;
  outcome: CheckOutcome;
  /** The lease holder that ran it: the write is dropped if the monitor is no longer its own. */
  holder: string;
  dueAt: Date;
  nextRunAt: Date;
  /** When the check finished: the result's time. */
  at: Date;
  confirmImmediately?: boolean;
}

interface Applied {
  check: FinishedCheck;
  row: MonitorRow;
  state: MonitorState;
  transition: RecordResult['transition'];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One `(…)` of the VALUES list, every value cast so that a null still has its type. */
function valuesRow({ check, state, transition }: Applied): SQL {
  const { outcome, at } = check;
  return sql`(${check.monitorId}::uuid, ${check.holder}::text, ${state.status}::text,
    ${state.consecutiveFailures}::int, ${state.consecutiveSuccesses}::int,
    ${iso(state.failingSince)}::timestamptz, ${state.firstFailureMessage}::text,
    ${JSON.stringify(state.recentChanges)}::jsonb, ${state.isFlapping}::boolean,
    ${at.toISOString()}::timestamptz, ${outcome.timings.totalMs ?? null}::real,
    ${outcome.message}::text, ${outcome.fault ?? null}::text,
    ${transition ? at.toISOString() : null}::timestamptz, ${check.nextRunAt.toISOString()}::timestamptz)`;
}

/** Records the checks in one transaction; results in the same order as the checks. */
export async function recordBatch(
  ctx: AppContext,
  checks: FinishedCheck[],
): Promise<RecordResult[]> {
  if (checks.length === 0) return [];
  const queued: string[] = [];
  const results = await ctx.db.transaction(async (tx) => {
    const ids = [...new Set(checks.map((c) => c.monitorId))].sort();
    // Locked in id order, so two writers never wait on each other in a cycle.
    const rows = await tx
      .select()
      .from(monitors)
      .where(inArray(monitors.id, ids))
      .orderBy(monitors.id)
      .for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const applied: Applied[] = [];
    const results: RecordResult[] = checks.map((check) => {
      const row = byId.get(check.monitorId);
      if (!row || row.leasedBy !== check.holder) return { recorded: false, transition: null };
      const { state, transition } = advance(stateOf(row), check.outcome, check.at, {
        confirmImmediately: check.confirmImmediately ?? false,
      });
      applied.push({ check, row, state, transition });
      // The lease is released by this write: a second check of the same monitor in the batch
      // finds it gone and is dropped, as it would be if written one after the other.
      byId.set(row.id, { ...row, leasedBy: null });
      return { recorded: true, transition };
    });
    if (applied.length === 0) return results;
    await tx.execute(sql`
      update monitors m set
        status = v.status, consecutive_failures = v.consecutive_failures,
        consecutive_successes = v.consecutive_successes, failing_since = v.failing_since,
        first_failure_message = v.first_failure_message, recent_changes = v.recent_changes,
        is_flapping = v.is_flapping, last_checked_at = v.last_checked_at,
        last_latency_ms = v.last_latency_ms, last_message = v.last_message,
        last_fault = v.last_fault,
        status_changed_at = coalesce(v.status_changed_at, m.status_changed_at),
        next_run_at = v.next_run_at, leased_by = null, lease_until = null
      from (values ${sql.join(applied.map(valuesRow), sql`, `)}) as v(id, holder, status,
        consecutive_failures, consecutive_successes, failing_since, first_failure_message,
        recent_changes, is_flapping, last_checked_at, last_latency_ms, last_message, last_fault,
        status_changed_at, next_run_at)
      where m.id = v.id and m.leased_by = v.holder`);
    await tx
      .insert(monitorResults)
      .values(
        applied.map(({ check }) =>
          resultRow(check.monitorId, check.outcome, check.at, check.dueAt, check.holder),
        ),
      );
    // In client order: each incident bumps its client's row in `client_changes` (a trigger), so
    // two batches touching the same clients lock those rows in one order, never in a cycle.
    const byClient = [...applied].sort((a, b) => a.row.clientId.localeCompare(b.row.clientId));
    for (const { check, row, state, transition } of byClient)
      if (transition)
        queued.push(
          ...(await applyTransition(tx, row, state, transition, check.outcome, check.at)),
        );
    return results;
  });
  if (queued.length > 0) await queueAlerts(ctx, queued);
  return results;
}

export interface OutcomeRecorder {
  /** Resolves once the check is committed (or dropped because the lease was lost). */
  record(check: FinishedCheck): Promise<RecordResult>;
  /** Resolves when everything handed in so far is written. */
  flush(): Promise<void>;
}

interface Pending {
  check: FinishedCheck;
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects finished checks and writes them with `recordBatch`, one batch at a time: a batch
 * starts `maxWaitMs` after its first check or as soon as it holds `maxBatch`; checks finishing
 * while it is written form the next one. When a batch fails, its checks are written one by one,
 * so that one bad row does not lose the others (and an unreachable database fails each of them).
 */
export function createOutcomeRecorder(
  ctx: AppContext,
  options: { maxBatch?: number; maxWaitMs?: number } = {},
): OutcomeRecorder {
  const maxBatch = options.maxBatch ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 100;
  const pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;

  async function writeOne({ check, resolve, reject }: Pending) {
    try {
      resolve(
        await recordOutcome(ctx, check.monitorId, check.outcome, {
          lease: { holder: check.holder },
          dueAt: check.dueAt,
          nextRunAt: check.nextRunAt,
          now: check.at,
          confirmImmediately: check.confirmImmediately ?? false,
        }),
      );
    } catch (error) {
      reject(error);
    }
  }

  async function drain() {
    while (pending.length > 0) {
      const batch = pending.splice(0, maxBatch);
      try {
        const results = await recordBatch(
          ctx,
          batch.map((p) => p.check),
        );
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch (error) {
        ctx.logger.warn(
          { err: error, checks: batch.length },
          'monitor batch failed to record; recording its checks one by one',
        );
        for (const p of batch) await writeOne(p);
      }
    }
  }

  function start() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (writing) return;
    writing = drain().finally(() => {
      writing = undefined;
      // Checks handed in during the last write are picked up by drain's loop; this covers a
      // check that arrived between the loop's last look and this callback.
      if (pending.length > 0) start();
    });
  }

  return {
    record(check) {
      return new Promise<RecordResult>((resolve, reject) => {
        pending.push({ check, resolve, reject });
        if (pending.length >= maxBatch) start();
        else if (!timer && !writing) timer = setTimeout(start, maxWaitMs);
      });
    },
    async flush() {
      while (pending.length > 0 || writing) {
        if (!writing) start();
        await writing;
      }
    },
  };
}
