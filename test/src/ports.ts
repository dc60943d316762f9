// Ports for the servers the tests start on 127.0.0.1.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

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

/** A port of PORT_RANGE free on 127.0.0.1; random, so servers started side by side rarely pick the same. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${PORT_RANGE.from} and ${PORT_RANGE.to}`);
}
