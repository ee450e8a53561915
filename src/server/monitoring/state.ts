/**
 * @module The monitor state machine, pure: a check outcome moves a monitor between up, degraded
 * and down. Down needs `retries + 1` failures in a row; up again needs `recoveries` successes in
 * a row. Flap damping: four or more status changes within the last hour mark the monitor flapping
 * (checked on every outcome, so the mark clears an hour after the storm), and while it flaps a recovery needs three times the usual successes, so one good check in a storm
 * does not close the incident only for the next one to reopen it.
 */
import type { MonitorStatus } from '../../shared/monitoring.ts';
import type { CheckOutcome } from './checks/types.ts';

export interface MonitorState {
  status: MonitorStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  failingSince: Date | null;
  firstFailureMessage: string | null;
  recentChanges: string[];
  isFlapping: boolean;
  retries: number;
  recoveries: number;
}

export type Transition = 'went-down' | 'recovered' | null;

const FLAP_WINDOW_MS = 60 * 60 * 1000;
const FLAP_CHANGES = 4;

export function advance(
  state: MonitorState,
  outcome: Pick<CheckOutcome, 'status' | 'message'>,
  now: Date,
  options: { confirmImmediately?: boolean } = {},
): { state: MonitorState; transition: Transition } {
  const failed = outcome.status === 'down';
  const next: MonitorState = { ...state };
  let transition: Transition = null;
  if (failed) {
    next.consecutiveFailures = state.consecutiveFailures + 1;
    next.consecutiveSuccesses = 0;
    if (next.consecutiveFailures === 1) {
      next.failingSince = now;
      next.firstFailureMessage = outcome.message;
    }
    const needed = options.confirmImmediately ? 1 : state.retries + 1;
    if (state.status !== 'down' && next.consecutiveFailures >= needed) {
      next.status = 'down';
      transition = 'went-down';
    }
  } else {
    next.consecutiveSuccesses = state.consecutiveSuccesses + 1;
    next.consecutiveFailures = 0;
    if (state.status === 'down') {
      const needed = state.isFlapping ? state.recoveries * 3 : state.recoveries;
      if (next.consecutiveSuccesses >= needed) {
        next.status = outcome.status;
        transition = 'recovered';
        next.failingSince = null;
        next.firstFailureMessage = null;
      }
    } else {
      next.status = outcome.status;
      next.failingSince = null;
      next.firstFailureMessage = null;
    }
  }
  // On every outcome, not only on a change: changes age out of the window, so a monitor that
  // flapped last week and has been steady since stops being called flapping.
  const cutoff = now.getTime() - FLAP_WINDOW_MS;
  const changes = transition ? [...state.recentChanges, now.toISOString()] : state.recentChanges;
  next.recentChanges = changes.filter((at) => Date.parse(at) >= cutoff);
  next.isFlapping = next.recentChanges.length >= FLAP_CHANGES;
  return { state: next, transition };
}
