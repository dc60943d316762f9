// Ports for the servers the tests start on 127.0.0.1.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EPHEMERAL_PORTS = '/proc/sys/net/ipv4/ip_local_port_range';

/**
 * Ports the tests' servers (the plane's components, Kueue's webhook, the OCI registry) listen on
 * come from the 12,000 ports below the kernel's ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range, 32768–60999 by default). A port picked from that
 * range and released can be taken as the local port of an outgoing connection (kubectl, helm,
 * the servers' own clients) before the server binds it, and the server then fails.
 */
const PORT_RANGE = (() => {
  const ephemeral = existsSync(EPHEMERAL_PORTS) ? Number(readFileSync(EPHEMERAL_PORTS, 'utf8').trim().split(/\s+/)[0]) : 32_768;
  const to = Number.isInteger(ephemeral) && ephemeral > 13_024 ? ephemeral : 32_768;
  return { from: to - 12_000, to };
})();

/** Whether `port` can be bound on 127.0.0.1 now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Claims of ports among every test process on the machine (vitest's forks start planes side by
 * side): a file per port, created exclusively and holding its owner's pid. A port is checked free
 * long before its server binds it (a plane asks for six, then starts its components), so without
 * a claim the same port could go to two servers, and the second never starts.
 */
const CLAIMS = join(tmpdir(), 'chartforge-ports');
const claimed = new Set<number>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims `port` for this process, unless a live process (this one included) holds it. */
function claim(port: number): boolean {
  // Until this process holds a claim, the directory may not exist yet; from its first claim on, the exit releases them all.
  if (claimed.size === 0) mkdirSync(CLAIMS, { recursive: true });
  const file = join(CLAIMS, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      if (claimed.size === 0) {
        process.once('exit', () => {
          for (const held of claimed) rmSync(join(CLAIMS, String(held)), { force: true });
        });
      }
      claimed.add(port);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // An empty file is a claim being written: its owner is alive.
      const owner = Number(readFileSync(file, 'utf8'));
      if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

/** A port of PORT_RANGE free on 127.0.0.1 and claimed by no other server of any test process. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if ((await portIsFree(port)) && claim(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${PORT_RANGE.from} and ${PORT_RANGE.to}`);
}
