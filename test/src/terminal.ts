// The CLI on a real pseudo-terminal, as a user at a terminal runs it: python3's pty module opens
// one of a chosen width and the CLI's stdout and stderr both write to it, so what a test reads is
// what the terminal receives, escape sequences and all.
import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';
import { REPO_ROOT } from './paths.js';

const PTY_RUNNER = `
import fcntl, os, pty, struct, subprocess, sys, termios
columns = int(sys.argv[1])
master, slave = pty.openpty()
# The width is set before the CLI starts, so it reads it at once.
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, columns, 0, 0))
child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, start_new_session=True)
os.close(slave)
received = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break  # EIO: the CLI has exited and closed the terminal
    if not chunk:
        break
    received += chunk
sys.stdout.buffer.write(received)
sys.exit(child.wait())
`;

export interface TerminalRun {
  status: number;
  /** Everything written to the terminal (stdout and stderr together), with the terminal's CR LF line ends. */
  screen: string;
}

/** Runs `chartforge args…` on a pseudo-terminal `columns` wide, without colour, with CI unset unless `env` sets it. */
export function chartforgeOnTerminal(args: string[], options: { columns: number; env?: Record<string, string> }): TerminalRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  if (options.env?.CI === undefined) delete env.CI;
  const result = spawnSync('python3', ['-c', PTY_RUNNER, String(options.columns), process.execPath, CLI, ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A CLI that hangs on a terminal must fail the test, not the whole run: generous, never a deadline for speed.
    timeout: 300_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, screen: result.stdout };
}
