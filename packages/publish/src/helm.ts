// Driving the real `helm` binary for `chartforge lint`, and turning what it prints into findings
// at chart files (Helm 3 and Helm 4 word their messages differently; both are understood).
import { readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Severity } from '@chartforge/core';
import { ChildSlots, runChild, startChild, type ChildOptions, type ChildRun } from './child.js';
import { PublishIOError, readOptionalText } from './errors.js';
import type { CheckFinding, CheckRule } from './findings.js';

export const HELM_LINT_RULE: CheckRule = {
  id: 'helm-lint',
  summary: 'helm lint --strict passes',
  description: "The chart must pass helm's own checks, helm lint --strict, of its Chart.yaml, templates and values, with each values file given.",
};

export const HELM_TEMPLATE_RULE: CheckRule = {
  id: 'helm-template',
  summary: 'The chart renders with helm template',
  description: 'The chart must render with helm template, with each values file given, so that its manifests can be installed and validated.',
};

export interface HelmRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface HelmBinary {
  path: string;
  /** `v3.17.2`, `v4.1.4`. */
  version: string;
  major: number;
}

interface HelmRunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function helmChildOptions(helm: string, args: readonly string[], options: HelmRunOptions): ChildOptions {
  return {
    cwd: options.cwd,
    env: options.env,
    maxBuffer: 512 * 1024 * 1024,
    what: `helm ${args[0] ?? ''}`.trim(),
    missing: `helm was not found (looked for "${helm}"): install Helm 3 or 4 and put it on PATH, or pass --helm PATH`,
  };
}

/** A killed helm (status null) counts as a failed one. */
function helmRun(run: ChildRun): HelmRun {
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** Runs helm; a binary that cannot be started is a PublishIOError, a non-zero exit is returned. */
export function runHelm(helm: string, args: readonly string[], options: HelmRunOptions = {}): HelmRun {
  return helmRun(runChild(helm, args, helmChildOptions(helm, args, options)));
}

/**
 * Where helm runs from several at a time (`chartforge lint`'s helm lint and helm template of
 * every set of values): at most `slots` at once, all killed when `signal` aborts.
 */
export interface HelmPool {
  slots: ChildSlots;
  signal: AbortSignal;
}

export function helmPool(size: number, signal: AbortSignal): HelmPool {
  return { slots: new ChildSlots(size), signal };
}

/** runHelm without waiting for it, in `pool`; see startChild for the promise's errors. */
export function startHelm(helm: string, args: readonly string[], pool: HelmPool, options: HelmRunOptions = {}): Promise<HelmRun> {
  const run = pool.slots.run(async () => helmRun(await startChild(helm, args, { ...helmChildOptions(helm, args, options), signal: pool.signal })));
  run.catch(() => undefined);
  return run;
}

/**
 * The helm binary to use: an explicit path, else $HELM_BIN (which Helm sets for the plugins it
 * runs, so `helm chartforge …` uses the helm that started it), else `helm` on PATH.
 */
export function helmPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? (env.HELM_BIN || 'helm');
}

const VERSION_ARGS = ['version', '--short'];

/** The binary `helm version --short` answered for, or a PublishIOError when no helm answered. */
function identify(path: string, run: HelmRun): HelmBinary {
  const version = /v(\d+)\.\d+\.\d+/.exec(run.stdout)?.[0];
  if (run.status !== 0 || !version) {
    throw new PublishIOError(`"${path}" does not behave like helm (helm version --short printed: ${(run.stdout + run.stderr).trim().split('\n')[0] ?? ''})`);
  }
  return { path, version, major: Number(version.slice(1).split('.')[0]) };
}

/** Finds (helmPath) and identifies the helm binary. */
export function resolveHelm(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): HelmBinary {
  const path = helmPath(explicit, env);
  return identify(path, runHelm(path, VERSION_ARGS, { env }));
}

/** resolveHelm of a found `path` (helmPath) without waiting, in `pool`: the binary is asked while other work goes on. */
export function startResolveHelm(path: string, pool: HelmPool, env: NodeJS.ProcessEnv = process.env): Promise<HelmBinary> {
  const binary = startHelm(path, VERSION_ARGS, pool, { env }).then((run) => identify(path, run));
  binary.catch(() => undefined);
  return binary;
}

const TEMPLATE_POSITION = /(?:^|[\s:"(])([A-Za-z0-9._-]+)\/((?:templates|charts)\/[^\s:"]+):(\d+)(?::(\d+))?/;

/** Where in the chart a helm message points: `chart/templates/x.yaml:8:22`, else `fallback`. */
function positionIn(message: string, chartDisplayDir: string, fallback: string): Pick<CheckFinding, 'file' | 'line' | 'column'> {
  const match = TEMPLATE_POSITION.exec(message);
  if (match) return { file: join(chartDisplayDir, match[2]!), line: Number(match[3]), column: Number(match[4] ?? 1) };
  return { file: join(chartDisplayDir, fallback), line: 1, column: 1 };
}

function tidy(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

const LEVELS: Record<string, Severity> = { ERROR: 'error', WARNING: 'warning', INFO: 'info' };

/** The Chart.yaml field a helm chartfile message is about (helm names it in prose, not as a path). */
const CHART_FIELD_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^version |SemVer/, 'version'],
  [/^chart type /, 'type'],
  [/maintainer/, 'maintainers'],
  [/source URL/, 'sources'],
  [/icon URL/, 'icon'],
  [/^apiVersion /, 'apiVersion'],
  [/^name |chart name|directory name/, 'name'],
  [/kubeVersion|kube version/i, 'kubeVersion'],
  [/appVersion/, 'appVersion'],
  [/deprecated/, 'deprecated'],
];

/** 1-based line and column of a top-level key (`version:`) in a YAML text, else 1:1. */
function topLevelKey(text: string, key: string): { line: number; column: number } {
  const index = text.split('\n').findIndex((line) => new RegExp(`^["']?${key}["']?\\s*:`).test(line));
  return index < 0 ? { line: 1, column: 1 } : { line: index + 1, column: 1 };
}

/** The `name: NAME` entry under `dependencies:` in a YAML text, if there is one. */
function dependencyEntry(text: string, name: string): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  const from = lines.findIndex((line) => /^dependencies\s*:/.test(line));
  if (from < 0) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let i = from + 1; i < lines.length && !/^[^\s#-]/.test(lines[i]!); i++) {
    const match = new RegExp(`^(\\s*(?:-\\s+)?)name\\s*:\\s*["']?${escaped}["']?\\s*$`).exec(lines[i]!);
    if (match) return { line: i + 1, column: match[1]!.length + 1 };
  }
  return undefined;
}

/**
 * The place of a chart-level helm message: the Chart.yaml field it names, the dependency entry
 * (Chart.yaml, or requirements.yaml for apiVersion v1 charts) it lists, else Chart.yaml's first line.
 */
function chartFilePlace(message: string, chartDisplayDir: string, chartDir: string | undefined): Pick<CheckFinding, 'file' | 'line' | 'column'> {
  const chartYaml = (chartDir && readOptionalText(join(chartDir, 'Chart.yaml'))) || '';
  const dependencies = /dependencies: (.+)$/.exec(message)?.[1]?.split(/,\s*/) ?? [];
  if (dependencies.length > 0 && chartDir) {
    for (const file of ['Chart.yaml', 'requirements.yaml']) {
      const text = file === 'Chart.yaml' ? chartYaml : readOptionalText(join(chartDir, file)) ?? '';
      const entry = dependencyEntry(text, dependencies[0]!.trim());
      if (entry) return { file: join(chartDisplayDir, file), ...entry };
    }
  }
  const field = CHART_FIELD_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
  return { file: join(chartDisplayDir, 'Chart.yaml'), ...(field ? topLevelKey(chartYaml, field) : { line: 1, column: 1 }) };
}

/** Where a `helm lint` record belongs, from its subject (`Chart.yaml`, `templates/x.yaml`, the chart path …) and message. */
function helmLintPlace(subject: string, message: string, chartDisplayDir: string, chartDir: string | undefined): Pick<CheckFinding, 'file' | 'line' | 'column'> {
  if (TEMPLATE_POSITION.test(message)) return positionIn(message, chartDisplayDir, 'Chart.yaml');
  if (subject === 'templates/' && /directory does not exist|directory not found/i.test(message)) return { file: join(chartDisplayDir, 'templates'), line: 1, column: 1 };
  if (subject === 'values.yaml' || ((subject === 'templates/' || subject === '') && /values\.yaml/.test(message))) {
    return { file: join(chartDisplayDir, 'values.yaml'), line: Number(/yaml: line (\d+)/.exec(message)?.[1] ?? 1), column: 1 };
  }
  if (/^(templates|charts)\/./.test(subject) || subject === 'values.schema.json') return { file: join(chartDisplayDir, subject), line: 1, column: 1 };
  return chartFilePlace(message, chartDisplayDir, chartDir);
}

export interface HelmLintOptions {
  /** Drop records that only repeat a values-schema failure (the values check reports those at file:line:column). */
  dropSchemaErrors?: boolean;
  /** The output is of `helm lint --strict`, which fails on warnings: they are errors here too. */
  strict?: boolean;
  /** The chart directory on disk, to find the Chart.yaml field or dependency entry a message is about. */
  chartDir?: string;
}

/**
 * Findings from `helm lint` output, INFO records included. A record's subject that is the chart's
 * own path (helm prints it absolute for dependency problems) places it in Chart.yaml.
 */
export function parseHelmLint(output: string, chartDisplayDir: string, options: HelmLintOptions = {}): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const records: Array<{ level: string; text: string }> = [];
  for (const line of output.split('\n')) {
    const start = /^\[(ERROR|WARNING|INFO)\]\s+(.*)$/.exec(line);
    if (start) records.push({ level: start[1]!, text: start[2]! });
    // Helm's own log lines (Helm 4's `level=INFO msg=…`, Helm 3's `engine.go:227: …`) end a record.
    else if (/^(==>|Error:|\d+ chart\(s\) linted|level=[A-Z]+ |\S+\.go:\d+: )/.test(line)) records.push({ level: '', text: '' });
    else if (records.length > 0 && records[records.length - 1]!.level !== '') records[records.length - 1]!.text += `\n${line}`;
  }
  for (const record of records) {
    if (record.level === '') continue;
    const colon = record.text.indexOf(': ');
    const subject = colon >= 0 && !record.text.slice(0, colon).includes(' ') ? record.text.slice(0, colon) : '';
    const message = tidy(colon >= 0 && (subject !== '' || colon === 0) ? record.text.slice(colon + 2) : record.text);
    const isSchemaError = /^values don't meet the specifications/.test(message) || (subject === 'values.yaml' && /^- /.test(message));
    if (options.dropSchemaErrors && isSchemaError) continue;
    const chartLevel = subject === '' || isAbsolute(subject);
    const place = helmLintPlace(chartLevel ? '' : subject, message, chartDisplayDir, options.chartDir);
    const severity = options.strict && record.level === 'WARNING' ? 'error' : LEVELS[record.level]!;
    findings.push({ ...place, severity, rule: HELM_LINT_RULE.id, message });
  }
  return findings;
}

/** The finding for a failed `helm template`, at the template line helm names when it names one. */
export function parseHelmTemplateError(stderr: string, chartDisplayDir: string): CheckFinding {
  const message = tidy(stderr.replace(/^Error:\s*/m, '').replace(/Use --debug flag to render out invalid YAML/, ''));
  return { ...positionIn(message, chartDisplayDir, 'Chart.yaml'), severity: 'error', rule: HELM_TEMPLATE_RULE.id, message: `helm template failed: ${message}` };
}

/**
 * Best line in a template for a JSON path of what it renders: follows the path's keys down the
 * template text (`spec:` … `containers:` … `image:`), each searched after the previous one.
 * Templates are not YAML, so this is a search, not a parse; it stops at the deepest key found.
 */
export function locateInTemplate(templateText: string, path: ReadonlyArray<string | number>): { line: number; column: number } {
  const lines = templateText.split('\n');
  let from = 0;
  let found = { line: 1, column: 1 };
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const key = new RegExp(`^(\\s*(?:-\\s+)?)["']?${escaped}["']?\\s*:`);
    let hit = -1;
    for (let i = from; i < lines.length; i++) {
      const match = key.exec(lines[i]!);
      if (match) {
        hit = i;
        found = { line: i + 1, column: match[1]!.length + 1 };
        break;
      }
    }
    if (hit < 0) break;
    from = hit + 1;
  }
  return found;
}

/** `chart/templates/x.yaml` from a `# Source:` comment → the template's path inside the chart directory. */
export function templatePathInChart(source: string): string {
  const slash = source.indexOf('/');
  return slash < 0 ? source : source.slice(slash + 1);
}

/** The `ci/*-values.yaml` files of a chart directory (chart-testing's convention), sorted. */
export function ciValuesFiles(chartDir: string): string[] {
  try {
    return readdirSync(join(chartDir, 'ci'))
      .filter((name) => name.endsWith('-values.yaml'))
      .sort()
      .map((name) => `ci/${name}`);
  } catch {
    return [];
  }
}
