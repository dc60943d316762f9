// Every registered rule has a documentation page and a passing and a failing fixture, checked as
// ESLint's RuleTester checks `valid` and `invalid` cases: pass.yaml yields no finding at all, and
// fail.yaml lists every finding the rule reports on it, in order, each as
// `# expect: <document> <path> <line>:<column> <message>` — where a user looks and what they read.
// A finding the fixture does not list fails the test, and so does an expect line in any other form.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, runRules } from '../src/rules/index.js';
import type { Finding } from '../src/types.js';
import { parseManifests } from './support/parse.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageRoot, '..', '..');
const fixtures = join(packageRoot, 'test', 'fixtures', 'rules');

/** Every fixture is checked at the newest version and with the restricted profile, so every rule runs. */
const OPTIONS = { kubernetesVersion: '1.36', pss: 'restricted' } as const;

/** One expected finding: document index, JSON path, line:column and the exact message. */
const EXPECT_LINE = /^# expect: (\d+) (\S+) (\d+):(\d+) (.+)$/;

/** Runs one rule on a fixture; findings name the file relative to the package, as a user's relative path does. */
function lint(file: string, ruleId: string) {
  const text = readFileSync(file, 'utf8');
  return { text, findings: runRules(parseManifests(text, relative(packageRoot, file)), { ...OPTIONS, only: [ruleId] }) };
}

/** A finding written as the text after `# expect: `. */
function asExpectLine(finding: Finding): string {
  return `${finding.documentIndex} ${finding.path} ${finding.line}:${finding.column} ${finding.message}`;
}

/** The `# expect:` lines of a fixture, each checked against the one form a fixture may use. */
function expectations(text: string): string[] {
  const lines = text.split('\n').filter((line) => line.startsWith('# expect:'));
  for (const line of lines) expect(line, 'an expect line states document, path, line:column and message').toMatch(EXPECT_LINE);
  return lines.map((line) => line.slice('# expect: '.length));
}

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  it('has a documentation page that names it', () => {
    const page = join(repoRoot, rule.meta.docs);
    expect(existsSync(page), `${rule.meta.docs} is missing`).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(text).toContain(rule.meta.summary);
  });

  it('reports nothing on its pass.yaml fixture', () => {
    const file = join(fixtures, id, 'pass.yaml');
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const { text, findings } = lint(file, id);
    expect(expectations(text), 'pass.yaml expects no finding').toEqual([]);
    expect(findings.map(asExpectLine)).toEqual([]);
  });

  it('reports exactly the findings its fail.yaml fixture lists, with line, column and message', () => {
    const file = join(fixtures, id, 'fail.yaml');
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const { text, findings } = lint(file, id);
    const expected = expectations(text);
    expect(expected.length, 'fail.yaml lists no "# expect:" lines').toBeGreaterThan(0);
    expect(findings.map(asExpectLine)).toEqual(expected);
    for (const finding of findings) {
      expect(finding.rule).toBe(id);
      expect(finding.severity).toBe(rule.meta.severity);
    }
  });
});
