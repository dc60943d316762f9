// Hostile input against every command: each case must end within its deadline and heap with exit
// 1 (findings) or 2 (unusable input), a one-line message, no stack trace, and nothing written
// outside the output it was asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, hasStackTrace, HOSTILE_CASES, runHostileCase, startHostileServers, type HostileContext } from '../src/hostile.js';

// CHARTFORGE_HOSTILE_CLI runs the corpus against another build (e.g. an older checkout's
// packages/cli/bin/chartforge.js) and CHARTFORGE_HOSTILE_TABLE=1 prints attack → outcome.
const cli = process.env.CHARTFORGE_HOSTILE_CLI || undefined;
const table: string[] = [];

let servers: Awaited<ReturnType<typeof startHostileServers>>;
let context: HostileContext;
beforeAll(async () => {
  servers = await startHostileServers();
  context = servers.context;
});
afterAll(async () => {
  await servers?.close();
  if (process.env.CHARTFORGE_HOSTILE_TABLE) console.log(`| command | attack | outcome |\n| --- | --- | --- |\n${table.join('\n')}`);
});

describe('hostile input', () => {
  it.each(HOSTILE_CASES.map((c) => [`${c.command}: ${c.attack}`, c] as const))('%s', async (_name, testCase) => {
    const outcome = await runHostileCase(testCase, context, cli);
    table.push(`| ${testCase.command} | ${testCase.attack} | ${describeOutcome(outcome)} |`);
    const shown = `${describeOutcome(outcome)}\n--- stderr\n${outcome.stderr.slice(0, 2000)}\n--- stdout\n${outcome.stdout.slice(0, 2000)}`;
    expect(outcome.timedOut, shown).toBe(false);
    expect(outcome.expected, shown).toContain(outcome.status);
    expect(hasStackTrace(outcome), shown).toBe(false);
    expect(outcome.strayChanges, shown).toEqual([]);
    // Exit 2 is one message on one line; exit 1 lists findings, each on its own line.
    if (outcome.status === 2) expect(outcome.stderr.trim().split('\n'), shown).toHaveLength(1);
    // Left-out index entries are each a line of their own; nothing else may go to stderr on success.
    if (outcome.status === 0) expect(outcome.stderr.split('\n').filter((line) => line && !/^chartforge index: left out /.test(line)), shown).toEqual([]);
    expect(outcome.stdout + outcome.stderr, shown).not.toMatch(/\u001b/);
    if (outcome.says) expect(outcome.stdout + outcome.stderr, shown).toMatch(outcome.says);
  });
});
