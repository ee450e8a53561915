import { describe, expect, it } from 'vitest';
import { advance, type MonitorState } from './state.ts';

const start: MonitorState = {
  status: 'up',
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
  failingSince: null,
  firstFailureMessage: null,
  recentChanges: [],
  isFlapping: false,
  retries: 2,
  recoveries: 1,
};
const down = { status: 'down' as const, message: 'refused' };
const up = { status: 'up' as const, message: 'ok' };

function run(state: MonitorState, outcomes: (typeof up | typeof down)[], from = 0) {
  const transitions: (string | null)[] = [];
  outcomes.forEach((outcome, i) => {
    const step = advance(state, outcome, new Date(from + i * 30_000));
    state = step.state;
    transitions.push(step.transition);
  });
  return { state, transitions };
}

describe('advance', () => {
  it('goes down only after the retries are used (default: the third failure)', () => {
    const { state, transitions } = run(start, [down, down, down]);

    expect(transitions).toEqual([null, null, 'went-down']);
    expect(state.failingSince).toEqual(new Date(0));
    expect(state.firstFailureMessage).toBe('refused');
  });

  it('forgets failures that a success interrupts', () => {
    const { state, transitions } = run(start, [down, down, up, down, down]);

    expect(transitions).toEqual([null, null, null, null, null]);
    expect(state.status).toBe('up');
  });

  it('needs `recoveries` successes to come back up', () => {
    const { transitions } = run({ ...start, recoveries: 2 }, [down, down, down, up, up]);

    expect(transitions).toEqual([null, null, 'went-down', null, 'recovered']);
  });

  it('damps flapping: after four changes in an hour a recovery needs three times the successes', () => {
    const flappy = [down, down, down, up, down, down, down, up];
    const { state, transitions } = run(start, [...flappy, down, down, down, up, up, up]);

    expect(transitions.filter(Boolean)).toEqual([
      'went-down',
      'recovered',
      'went-down',
      'recovered',
      'went-down',
      'recovered',
    ]);
    expect(state.isFlapping).toBe(true);
    expect(transitions.slice(-3)).toEqual([null, null, 'recovered']);
  });

  it('stops calling a monitor flapping once its changes are older than the hour', () => {
    const flappy = [down, down, down, up, down, down, down, up];
    const stormy = run(start, flappy).state;

    const soon = advance(stormy, up, new Date(30 * 60_000)).state;
    const later = advance(soon, up, new Date(2 * 60 * 60_000)).state;

    expect([stormy.isFlapping, soon.isFlapping, later.isFlapping]).toEqual([true, true, false]);
    expect(later.recentChanges).toEqual([]);
  });

  it('confirms at once when asked (a heartbeat that missed its deadline)', () => {
    const step = advance(start, down, new Date(0), { confirmImmediately: true });

    expect(step.transition).toBe('went-down');
  });
});
