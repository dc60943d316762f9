// A README read as a script: its shell blocks in order, the files it shows, and the output it
// claims, so a test can run it as a reader would and catch every place the text went stale.
//
// Conventions (the READMEs follow them):
// - ```sh blocks are scripts: run with `sh -e`, each must exit 0.
// - ```console blocks are a terminal session: a line starting with `$ ` is a command, the lines
//   after it (up to the next `$ ` line) are its output, standard output and standard error as they
//   interleave. A line that is `…` (indented or not, to sit in the output's indentation) stands
//   for any number of lines, none too; every other line must match exactly. The exit status is
//   not compared: a README that wants to show one writes `|| echo "exit $?"`.
// - ```yaml blocks whose first line is `# NAME` (a relative path) are files the README shows; all
//   are written before any block runs (a README may show a file after the command that reads it).
// - `<!-- not run: REASON -->` on the line before a block marks one that cannot run here; the test
//   lists the reasons, so adding an unrunnable block is a conscious decision.
// Indented blocks (inside list items) and other languages are prose, never run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export interface ConsoleStep {
  command: string;
  /** The output lines shown; a `…` line matches any number of lines. */
  output: string[];
}

export type ReadmeBlock =
  | { kind: 'sh'; script: string; notRun?: string }
  | { kind: 'console'; steps: ConsoleStep[]; notRun?: string }
  | { kind: 'file'; path: string; content: string; notRun?: string };

export const ANY_LINES = '…';

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  for (const [, notRunReason, language, body] of markdown.matchAll(/^(?:<!-- not run: ([^>]*?) -->\n)?```(sh|console|yaml)\n([\s\S]*?)^```$/gm)) {
    const notRun = notRunReason ? { notRun: notRunReason } : {};
    if (language === 'sh') blocks.push({ kind: 'sh', script: body!, ...notRun });
    else if (language === 'console') blocks.push({ kind: 'console', steps: consoleSteps(body!), ...notRun });
    else {
      const named = /^# ([\w.\-/]+)\n/.exec(body!);
      if (named) blocks.push({ kind: 'file', path: named[1]!, content: body!, ...notRun });
    }
  }
  return blocks;
}

function consoleSteps(body: string): ConsoleStep[] {
  const steps: ConsoleStep[] = [];
  for (const line of body.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: [] });
    else if (steps.length === 0) throw new Error(`console block output before any "$ " command: ${line}`);
    else steps.at(-1)!.output.push(line);
  }
  return steps;
}

/** Whether `actual` is `expected` with each `…` line standing for any number of lines. */
export function outputMatches(expected: readonly string[], actual: readonly string[]): boolean {
  // matches[i][j]: expected[i..] matches actual[j..]; filled from the end (linear in their product).
  const matches = Array.from({ length: expected.length + 1 }, () => new Array<boolean>(actual.length + 1).fill(false));
  matches[expected.length]![actual.length] = true;
  for (let i = expected.length - 1; i >= 0; i--) {
    for (let j = actual.length; j >= 0; j--) {
      matches[i]![j] =
        expected[i]!.trim() === ANY_LINES
          ? matches[i + 1]![j]! || (j < actual.length && matches[i]![j + 1]!)
          : j < actual.length && expected[i] === actual[j] && matches[i + 1]![j + 1]!;
    }
  }
  return matches[0]![0]!;
}

export interface ReaderShell {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function notRunReasons(blocks: readonly ReadmeBlock[]): string[] {
  return blocks.flatMap((block) => (block.notRun ? [block.notRun] : []));
}

/** Runs the README's runnable blocks in order in `shell.cwd`, asserting what each one claims. */
export function runReadme(blocks: readonly ReadmeBlock[], shell: ReaderShell): void {
  const runnable = blocks.filter((block) => !block.notRun);
  expect(runnable.length, 'a README with nothing to run').toBeGreaterThan(0);
  for (const block of runnable) {
    if (block.kind !== 'file') continue;
    mkdirSync(dirname(join(shell.cwd, block.path)), { recursive: true });
    writeFileSync(join(shell.cwd, block.path), block.content);
  }
  for (const block of runnable) {
    if (block.kind === 'sh') {
      const result = spawnSync('sh', ['-e', '-c', block.script], { cwd: shell.cwd, env: shell.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(result.status, `this README block failed:\n${block.script}\n${result.stdout}${result.stderr}`).toBe(0);
    } else if (block.kind === 'console') {
      for (const { command, output } of block.steps) {
        const result = spawnSync('sh', ['-c', `exec 2>&1\n${command}`], { cwd: shell.cwd, env: shell.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const printed = result.stdout === '' ? [] : result.stdout.replace(/\n$/, '').split('\n');
        if (!outputMatches(output, printed)) {
          // Shown as a diff of the README's lines and what the command printed.
          expect(printed.join('\n'), `the output the README shows for: $ ${command}`).toBe(output.join('\n'));
        }
      }
    }
  }
}
