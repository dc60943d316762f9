// A progress line for long runs (linting many charts, validating a large tree): one line on
// stderr, redrawn in place and erased before the report, so it never mixes with the output a
// user or a script reads.
import { printableLine, type CliIO } from './io.js';

/** Redraws closer together than this are skipped: a terminal need not repaint per file. */
const REDRAW_INTERVAL_MS = 100;

/** Progress of a long run: `update` as items start, `end` before the report is written. */
export interface Progress {
  update(done: number, total: number, current: string): void;
  end(): void;
}

const SILENT: Progress = { update: () => {}, end: () => {} };

/** A CI variable set to anything but "", "0" or "false": a build log, where redraws pile up as lines. */
function runsInCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * Whether a command shows progress: only when stderr is a terminal, never in CI (CI=true), never
 * with --no-progress. NO_COLOR does not matter: the line has no colour.
 */
export function progressEnabled(io: Pick<CliIO, 'env' | 'stderr'>, noProgressFlag: boolean | undefined): boolean {
  return io.stderr.isTTY === true && noProgressFlag !== true && !runsInCi(io.env);
}

/**
 * `chartforge <command>: <done>/<total> <unit> · <current>`, cut to the terminal's width less one
 * column (a line that wraps cannot be erased with a carriage return); the current item loses its
 * start first, its end (the file name) says the most.
 */
export function progressLine(command: string, done: number, total: number, unit: string, current: string, columns: number): string {
  const head = `chartforge ${command}: ${done}/${total} ${unit}`;
  const item = [...printableLine(current)];
  const room = columns - 1 - head.length - ' · '.length;
  if (item.length === 0 || room < 4) return head.slice(0, Math.max(columns - 1, 0));
  return `${head} · ${item.length <= room ? item.join('') : `…${item.slice(item.length - room + 1).join('')}`}`;
}

/** The progress of a command, or one that prints nothing when progress is not enabled. */
export function progress(io: Pick<CliIO, 'env' | 'stderr'>, command: string, unit: string, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled) return SILENT;
  const { stderr } = io;
  let drawnAt: number | undefined;
  return {
    update(done, total, current) {
      const time = now();
      if (drawnAt !== undefined && time - drawnAt < REDRAW_INTERVAL_MS) return;
      drawnAt = time;
      stderr.write(`\r\u001b[2K${progressLine(command, done, total, unit, current, stderr.columns ?? 80)}`);
    },
    end() {
      if (drawnAt !== undefined) stderr.write('\r\u001b[2K');
      drawnAt = undefined;
    },
  };
}
