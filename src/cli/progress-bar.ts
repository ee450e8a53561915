/**
 * @module A progress line for long commands on a terminal: a bar and a percentage for each running
 * phase whose total is known, a spinner and a count for one whose total is not. Drawing is a pure
 * function (`renderProgressLine`); `ProgressLine` keeps the running phases, redraws at most every
 * `intervalMs` and clears the line at the end. Shown only on a terminal, never in CI.
 */

export interface ProgressTask {
  label: string;
  done: number;
  /** Items in all, or null when not known: a spinner and the count instead of a bar. */
  total: number | null;
  unit: string;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const MAX_BAR = 30;
/** Narrower than this, a bar says nothing the percentage does not: it is left out. */
const MIN_BAR = 5;

const count = (value: number): string => value.toLocaleString('en-US');

/** Whole percent done, 0–100; an empty total is complete. */
export function percentDone(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** `[█████░░░░░]`: filled in proportion, full only when everything is done. */
export function renderBar(done: number, total: number, width: number): string {
  const ratio = total <= 0 ? 1 : Math.max(0, Math.min(1, done / total));
  const filled = Math.floor(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/**
 * One line, at most `columns - 1` characters (a full line would wrap and break the redraw):
 * `title · inventory [████░░░░] 42% · history ⠋ 1,200 commits`. The bars share what room is left.
 */
export function renderProgressLine(
  title: string,
  tasks: readonly ProgressTask[],
  columns: number,
  frame = 0,
): string {
  const spinner = SPINNER[frame % SPINNER.length] ?? '';
  const parts = tasks.map((task) =>
    task.total === null
      ? {
          text: task.unit
            ? `${task.label} ${spinner} ${count(task.done)} ${task.unit}`
            : `${task.label} ${spinner}`,
          task: null,
        }
      : {
          text: `${task.label} %BAR% ${String(percentDone(task.done, task.total)).padStart(3)}%`,
          task,
        },
  );
  const bars = parts.filter((part) => part.task !== null).length;
  const fixed = [title, ...parts.map((part) => part.text.replace(' %BAR%', ''))].join(' · ');
  // Each bar costs its width plus two brackets and a space.
  const room = bars === 0 ? 0 : Math.floor((columns - 1 - fixed.length) / bars) - 3;
  const width = Math.min(MAX_BAR, room);
  const line = [
    title,
    ...parts.map(({ text, task }) => {
      if (!task || task.total === null) return text;
      return width < MIN_BAR
        ? text.replace(' %BAR%', '')
        : text.replace('%BAR%', renderBar(task.done, task.total, width));
    }),
  ].join(' · ');
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 2)) + '…' : line;
}

/** True when a progress line may be drawn: stderr is a terminal, not CI, not a dumb terminal. */
export function isProgressShown(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const ci = env.CI?.toLowerCase();
  return (
    stream.isTTY === true &&
    (ci === undefined || ci === '' || ci === 'false' || ci === '0') &&
    env.TERM !== 'dumb'
  );
}

export interface ProgressLineOptions {
  title: string;
  write: (text: string) => void;
  columns: () => number;
  now?: () => number;
  /** Least time between two redraws of progress within a phase; a phase starting or ending redraws at once. */
  intervalMs?: number;
}

/** The running phases of one command, drawn on one line that is rewritten in place. */
export class ProgressLine {
  private readonly tasks = new Map<string, ProgressTask>();
  private lastDraw = Number.NEGATIVE_INFINITY;
  private frame = 0;
  private isDrawn = false;

  constructor(private readonly options: ProgressLineOptions) {}

  /** A phase started or moved on. */
  update(key: string, task: ProgressTask): void {
    const isNew = !this.tasks.has(key);
    this.tasks.set(key, task);
    this.draw(isNew);
  }

  /** A phase ended: it leaves the line. */
  finish(key: string): void {
    if (this.tasks.delete(key)) this.draw(true);
  }

  /** Erases the line (call before printing anything else). */
  clear(): void {
    if (this.isDrawn) this.options.write('\r\x1b[K');
    this.isDrawn = false;
  }

  private draw(isForced: boolean): void {
    const now = (this.options.now ?? performance.now.bind(performance))();
    if (!isForced && now - this.lastDraw < (this.options.intervalMs ?? 100)) return;
    this.lastDraw = now;
    const line = renderProgressLine(
      this.options.title,
      [...this.tasks.values()],
      this.options.columns(),
      this.frame++,
    );
    this.options.write(`\r\x1b[K${line}`);
    this.isDrawn = true;
  }
}
