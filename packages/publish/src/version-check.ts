// `chartforge version-check --base REF`: chart-testing's version discipline. Every chart whose
// packaged content changed since the merge base of REF and HEAD (committed, staged, unstaged or
// untracked) must carry a higher Chart.yaml `version` than it had there. Files the chart's
// .helmignore leaves out of the package do not count as changes.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { runChild } from './child.js';
import { parseChartMetadata } from './chart.js';
import { ChartError, PublishIOError, readOptionalText, readText } from './errors.js';
import type { CheckFinding, CheckRule } from './findings.js';
import { parseHelmignore, type IgnoreRules } from './helmignore.js';
import { compareSemVer, parseSemVer } from './semver.js';

export const VERSION_BUMP_RULE: CheckRule = {
  id: 'version-bump',
  summary: 'A changed chart raises its version',
  description: 'A chart whose packaged files changed since the base revision must raise the version in its Chart.yaml, since a chart repository serves one package per version.',
};

export type VersionStatus = 'bumped' | 'new' | 'not-bumped' | 'lowered';

export interface ChartVersionResult {
  /** Chart directory relative to the repository root. */
  chart: string;
  name: string;
  status: VersionStatus;
  version: string;
  baseVersion?: string;
  /** Changed files, relative to the chart directory. */
  changed: string[];
}

export interface VersionCheckOptions {
  /** Any directory inside the git work tree. */
  cwd: string;
  /** Branch, tag or commit to compare with (e.g. origin/main). */
  base: string;
  /** Only charts under these directories (relative to cwd); all charts in the repository when empty. */
  chartDirs?: string[];
  git?: string;
}

export interface VersionCheckResult {
  mergeBase: string;
  results: ChartVersionResult[];
  findings: CheckFinding[];
}

function git(binary: string, cwd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const run = runChild(binary, args, { cwd, what: `git ${args[0] ?? ''}`.trim(), missing: `version-check needs git, and "${binary}" was not found on PATH` });
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr.trim() };
}

/** git's `-z` output: paths end with NUL, so a path holding a newline stays one path. */
function nulSeparated(text: string): string[] {
  return text.split('\0').filter((path) => path !== '');
}

/** `word` as one shell word: a hint to paste must not run what a branch name holds (`main;rm -rf ~`). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** Position of `version:` in Chart.yaml text, for the finding. */
function versionPosition(text: string): { line: number; column: number } {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && pair.key.value === 'version') {
        const node = isScalar(pair.value) ? pair.value : pair.key;
        const { line, col } = counter.linePos(node.range?.[0] ?? 0);
        return { line, column: col };
      }
    }
  }
  return { line: 1, column: 1 };
}

function ignoredByHelm(rules: IgnoreRules, path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) if (rules.ignores(parts.slice(0, i).join('/'), true)) return true;
  return rules.ignores(path, false);
}

export function checkVersions(options: VersionCheckOptions): VersionCheckResult {
  const binary = options.git ?? 'git';
  const top = git(binary, options.cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new PublishIOError(`${options.cwd} is not inside a git work tree`);
  const root = top.stdout.trim();
  const baseCommit = git(binary, root, ['rev-parse', '--verify', '--quiet', `${options.base}^{commit}`]);
  if (!baseCommit.ok) throw new PublishIOError(`unknown git revision "${options.base}" (fetch it first, e.g. git fetch origin ${shellWord(options.base.replace(/^origin\//, ''))})`);
  const mergeBaseRun = git(binary, root, ['merge-base', baseCommit.stdout.trim(), 'HEAD']);
  if (!mergeBaseRun.ok) throw new PublishIOError(`"${options.base}" and HEAD have no common ancestor`);
  const mergeBase = mergeBaseRun.stdout.trim();

  const tracked = nulSeparated(git(binary, root, ['ls-files', '-z']).stdout);
  const untracked = nulSeparated(git(binary, root, ['ls-files', '-z', '--others', '--exclude-standard']).stdout);
  const scopes = (options.chartDirs ?? []).map((dir) => relative(root, resolve(options.cwd, dir)).split('\\').join('/'));
  const inScope = (path: string): boolean => scopes.length === 0 || scopes.some((scope) => scope === '' || path === scope || path.startsWith(`${scope}/`));
  const chartDirs = [...new Set([...tracked, ...untracked].filter((path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml')).map((path) => (path === 'Chart.yaml' ? '' : path.slice(0, -'/Chart.yaml'.length))))]
    .filter((dir) => existsSync(join(root, dir, 'Chart.yaml')))
    .filter(inScope)
    .sort();
  // Subcharts inside another chart's directory change that chart's package: they are not checked alone.
  const topLevel = chartDirs.filter((dir) => !chartDirs.some((other) => other !== dir && (other === '' || dir.startsWith(`${other}/`))));

  const changedFiles = [
    ...nulSeparated(git(binary, root, ['diff', '--name-only', '-z', '--no-renames', mergeBase, '--']).stdout),
    ...untracked,
  ];

  const results: ChartVersionResult[] = [];
  const findings: CheckFinding[] = [];
  for (const dir of topLevel) {
    const prefix = dir === '' ? '' : `${dir}/`;
    const rules = parseHelmignore(readOptionalText(join(root, dir, '.helmignore'))).rules;
    const changed = [...new Set(changedFiles.filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length)))]
      .filter((path) => !ignoredByHelm(rules, path))
      .sort();
    if (changed.length === 0) continue;
    const chartYamlPath = join(root, dir, 'Chart.yaml');
    const chartYamlText = readText(chartYamlPath, 'chart file');
    const display = relative(options.cwd, chartYamlPath) || 'Chart.yaml';
    const metadata = parseChartMetadata(chartYamlText, display);
    const baseText = git(binary, root, ['show', `${mergeBase}:${prefix}Chart.yaml`]);
    const result: ChartVersionResult = { chart: dir === '' ? '.' : dir, name: metadata.name, status: 'new', version: metadata.version, changed };
    if (baseText.ok) {
      let baseVersion: string;
      try {
        baseVersion = parseChartMetadata(baseText.stdout, `${options.base}:${prefix}Chart.yaml`).version;
      } catch (error) {
        if (!(error instanceof ChartError)) throw error;
        baseVersion = '';
      }
      result.baseVersion = baseVersion;
      const before = parseSemVer(baseVersion);
      const now = parseSemVer(metadata.version)!;
      const order = before ? compareSemVer(now, before) : 1;
      result.status = order > 0 ? 'bumped' : order === 0 ? 'not-bumped' : 'lowered';
      if (result.status !== 'bumped') {
        const { line, column } = versionPosition(chartYamlText);
        const what = result.status === 'not-bumped' ? `is still ${metadata.version}` : `went down from ${baseVersion} to ${metadata.version}`;
        findings.push({
          file: display,
          line,
          column,
          severity: 'error',
          rule: VERSION_BUMP_RULE.id,
          message: `chart ${metadata.name} changed since ${options.base} (${changed.length} file${changed.length === 1 ? '' : 's'}: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}) but its version ${what}: raise "version" above ${baseVersion}`,
        });
      }
    }
    results.push(result);
  }
  return { mergeBase, results, findings };
}
