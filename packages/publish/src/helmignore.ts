// .helmignore exactly as Helm's pkg/ignore applies it when loading a chart directory: one
// Go filepath.Match glob per line, `#` comments, `!` negation, a trailing `/` for directories
// only, a leading `/` to anchor at the chart root, a pattern without `/` matched against the base
// name only, `**` rejected. Rules are tried in order and the first decisive one wins; note Helm's
// quirk that a negated rule which does *not* match a path ignores that path.
import type { CheckFinding, CheckRule } from './findings.js';
import { compileGlob } from './glob.js';

export const HELMIGNORE_RULE: CheckRule = {
  id: 'helmignore',
  summary: '.helmignore patterns are valid',
  description: "Every line of the chart's .helmignore must be a comment or a glob pattern Helm can match, or the files it meant to leave out are packaged.",
};

interface Rule {
  raw: string;
  line: number;
  negate: boolean;
  mustDir: boolean;
  matcher: (path: string) => boolean;
}

export interface IgnoreRules {
  /** True when `path` (relative, forward slashes) is left out of the chart. */
  ignores(path: string, isDirectory: boolean): boolean;
}

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function parseRule(text: string, line: number): Rule | string | undefined {
  let rule = text.trim();
  if (rule === '' || rule.startsWith('#')) return undefined;
  if (rule.includes('**')) return 'double-star (**) syntax is not supported';
  if (!compileGlob(rule)) return `"${rule}" is not a valid glob pattern`;
  const raw = rule;
  const negate = rule.startsWith('!');
  if (negate) rule = rule.slice(1);
  const mustDir = rule.endsWith('/');
  if (mustDir) rule = rule.slice(0, -1);
  let matcher: (path: string) => boolean;
  if (rule.startsWith('/')) {
    const glob = compileGlob(rule.slice(1));
    matcher = (path) => glob?.(path) ?? false;
  } else if (rule.includes('/')) {
    const glob = compileGlob(rule);
    matcher = (path) => glob?.(path) ?? false;
  } else {
    const glob = compileGlob(rule);
    matcher = (path) => glob?.(baseName(path)) ?? false;
  }
  return { raw, line, negate, mustDir, matcher };
}

class Rules implements IgnoreRules {
  constructor(private readonly rules: readonly Rule[]) {}

  ignores(path: string, isDirectory: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const rule of this.rules) {
      if (rule.negate) {
        if (rule.mustDir && !isDirectory) return true;
        if (!rule.matcher(path)) return true;
        continue;
      }
      if (rule.mustDir && !isDirectory) continue;
      if (rule.matcher(path)) return true;
    }
    return false;
  }
}

/** Parses a .helmignore (plus Helm's default rule `templates/.?*`); bad lines come back as findings. */
export function parseHelmignore(text: string | undefined, file = '.helmignore'): { rules: IgnoreRules; findings: CheckFinding[] } {
  const rules: Rule[] = [];
  const findings: CheckFinding[] = [];
  const lines = text === undefined ? [] : text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const parsed = parseRule(line, index + 1);
    if (typeof parsed === 'string') findings.push({ file, line: index + 1, column: 1, severity: 'error', rule: HELMIGNORE_RULE.id, message: parsed });
    else if (parsed) rules.push(parsed);
  });
  const defaults = parseRule('templates/.?*', 0) as Rule;
  return { rules: new Rules([...rules, defaults]), findings };
}
