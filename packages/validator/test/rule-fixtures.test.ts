// Every registered rule has a documentation page and a passing and a failing fixture; the
// failing fixture lists the findings it must produce: `# expect: <document> <path>` lines, or
// `# expect: <document> <path> <line>:<column> <message>` to pin where and what a user reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, runRules } from '../src/rules/index.js';
import { parseManifests } from './support/parse.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageRoot, '..', '..');
const fixtures = join(packageRoot, 'test', 'fixtures', 'rules');

/** Every fixture is checked at the newest version and with the restricted profile, so every rule runs. */
const OPTIONS = { kubernetesVersion: '1.36', pss: 'restricted' } as const;

function lint(file: string, ruleId: string) {
  const text = readFileSync(file, 'utf8');
  return { text, findings: runRules(parseManifests(text, file), { ...OPTIONS, only: [ruleId] }) };
}

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  it('has a documentation page that names it', () => {
    const page = join(repoRoot, rule.meta.docs);
    expect(existsSync(page), `${rule.meta.docs} is missing`).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(text).toContain(rule.meta.summary);
  });

  it('passes its pass.yaml fixture', () => {
    const file = join(fixtures, id, 'pass.yaml');
    expect(existsSync(file), `${file} is missing`).toBe(true);
    expect(lint(file, id).findings.map((f) => `${f.path}: ${f.message}`)).toEqual([]);
  });

  it('reports exactly the expected findings on its fail.yaml fixture', () => {
    const file = join(fixtures, id, 'fail.yaml');
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const { text, findings } = lint(file, id);
    const lines = [...text.matchAll(/^# expect: (\d+) (\S+)(?: (\d+:\d+ .+))?$/gm)];
    expect(lines.length, 'fail.yaml lists no "# expect:" lines').toBeGreaterThan(0);
    // Each line pins the finding's document and path, and when it gives them, line:column and message.
    expect(findings.map((f, i) => `${f.documentIndex} ${f.path}${lines[i]?.[3] === undefined ? '' : ` ${f.line}:${f.column} ${f.message}`}`)).toEqual(lines.map((m) => m.slice(1).filter((part) => part !== undefined).join(' ')));
    for (const finding of findings) {
      expect(finding.rule).toBe(id);
      expect(finding.severity).toBe(rule.meta.severity);
      expect(finding.line).toBeGreaterThan(0);
    }
  });
});
