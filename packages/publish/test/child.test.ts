// Child processes run beside chartforge (startChild): what they print and their status, and every
// way one can fail — a program that is not there, a deadline, too much output, the caller giving
// up — as one line, with nothing left running.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ChildSlots, runChild, startChild } from '../src/child.js';

/** Whether process `pid` has ended (gone, or a zombie its parent has not reaped yet). */
function ended(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || readFileSync(stat, 'utf8').split(') ')[1]?.startsWith('Z') === true;
}

describe('startChild', () => {
  it('gives what the child printed and its status, as runChild does', async () => {
    const script = 'echo out; echo err >&2; read line; echo "got $line"; exit 3';
    const started = await startChild('sh', ['-c', script], { input: 'hello\n' });
    expect(started).toEqual({ status: 3, stdout: 'out\ngot hello\n', stderr: 'err\n' });
    expect(runChild('sh', ['-c', script], { input: 'hello\n' })).toEqual(started);
  });

  it('fails in one line for a program that is not there, one past its deadline, and one that prints too much', async () => {
    await expect(startChild('/nonexistent/helm', [], { what: 'helm', missing: 'helm was not found' })).rejects.toThrow(/^helm was not found$/);
    await expect(startChild('/nonexistent/helm', [], { what: 'helm' })).rejects.toThrow(/^cannot run helm: ENOENT$/);
    const slow = startChild('sleep', ['30'], { what: 'helm lint', env: { ...process.env, CHARTFORGE_CHILD_TIMEOUT: '1' } });
    await expect(slow).rejects.toThrow(/^helm lint did not finish within 1 s and was stopped \(raise the limit with CHARTFORGE_CHILD_TIMEOUT=SECONDS\)$/);
    await expect(startChild('sh', ['-c', 'yes | head -c 100000'], { what: 'helm template', maxBuffer: 1000 })).rejects.toThrow(/^cannot run helm template: ENOBUFS$/);
  });

  it('kills the child when the caller aborts, and its promise never goes unhandled', async () => {
    const stop = new AbortController();
    const pidFile = join(mkdtempSync(join(tmpdir(), 'chartforge-child-')), 'pid');
    const run = startChild('sh', ['-c', `echo $$ > ${pidFile}.part && mv ${pidFile}.part ${pidFile} && exec sleep 60`], { signal: stop.signal });
    await expect.poll(() => existsSync(pidFile), { timeout: 5000 }).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(ended(pid)).toBe(false);
    stop.abort();
    await expect(run).rejects.toThrow(/^cannot run sh: ABORT_ERR$/);
    await expect.poll(() => ended(pid), { timeout: 5000 }).toBe(true);
    // Started with the signal already aborted: rejected, and nobody needs to listen.
    startChild('sleep', ['60'], { signal: stop.signal });
  });
});

describe('startChild, given up on before a missing program is known to be missing', () => {
  it('kills nothing: not its own process group, which process id 0 would be', async () => {
    // In a process group of its own, with a sibling there: had the abort sent SIGKILL to the
    // failed child's pid (0), both would be gone. The built module, as the CLI runs it.
    const script = `
      import { spawn } from 'node:child_process';
      import { startChild } from ${JSON.stringify(new URL('../dist/child.js', import.meta.url).href)};
      const sibling = spawn('sleep', ['30'], { stdio: 'ignore' });
      for (let i = 0; i < 20; i++) {
        const stop = new AbortController();
        const runs = [startChild('/nonexistent/helm', ['version']), startChild('/nonexistent/helm', ['lint'], { signal: stop.signal })];
        stop.abort();
        for (const run of runs) await run.catch(() => undefined);
      }
      console.log(sibling.exitCode === null && sibling.signalCode === null ? 'alive' : 'sibling killed');
      sibling.kill();
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    expect([signal, status, stdout.trim()]).toEqual([null, 0, 'alive']);
  });
});

describe('ChildSlots', () => {
  it('runs at most its size at once, the rest in the order they came', async () => {
    const slots = new ChildSlots(2);
    const events: string[] = [];
    const releases: Array<() => void> = [];
    const job = (name: string) =>
      slots.run(async () => {
        events.push(`start ${name}`);
        await new Promise<void>((resolve) => releases.push(resolve));
        events.push(`end ${name}`);
      });
    const all = Promise.all(['a', 'b', 'c', 'd'].map(job));
    await expect.poll(() => events.length).toBe(2);
    expect(events).toEqual(['start a', 'start b']);
    releases.shift()!();
    await expect.poll(() => events.length).toBe(4);
    expect(events).toEqual(['start a', 'start b', 'end a', 'start c']);
    while (releases.length > 0 || events.length < 8) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await all;
    expect(events.filter((event) => event.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });
});
