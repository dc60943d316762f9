// The port picker the tests' servers share (the plane's components, Kueue's webhook, the OCI registry).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/ports.js';

describe('freePort', () => {
  it('never hands out a port twice, and claims each for this process against every other test process', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(300);
    for (const port of ports.slice(0, 20)) expect(readFileSync(join(tmpdir(), 'chartforge-ports', String(port)), 'utf8')).toBe(String(process.pid));
  });
});
