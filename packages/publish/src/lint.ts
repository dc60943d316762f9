// `chartforge lint` as a library call: the whole CI check of a chart. For each set of values (the
// caller's -f stack, every ci/*-values.yaml, else the chart's defaults): values check → helm lint
// --strict → helm template → validate with the lint rules → each finding moved back to the
// template line that produced it; then one finding per place and message across the sets.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parsePath, UserError } from '@chartforge/core';
import type { RuleDescriptor } from '@chartforge/core';
import { validate, type Finding, type ValidateOptions } from '@chartforge/validator/core';
import { readTarGz } from './archive.js';
import { CHART_METADATA_RULE } from './chart.js';
import { ChartError } from './errors.js';
import { sortFindings, type CheckFinding } from './findings.js';
import { ciValuesFiles, HELM_LINT_RULE, helmPath, helmPool, locateInTemplate, parseHelmLint, parseHelmTemplateError, startHelm, startResolveHelm, templatePathInChart, type HelmBinary, type HelmPool, type HelmRun } from './helm.js';
import { valuesFilesSummary } from './report.js';
import { checkValues } from './values-check.js';

export interface LintOptions
  extends Pick<ValidateOptions, 'kubernetesVersion' | 'schemaLocations' | 'strict' | 'crds' | 'ignoreMissingSchemas' | 'skip' | 'reject' | 'cacheDir' | 'cacheMaxAgeMs' | 'onInput'> {
  /** Lint rules run on what helm renders, as validate()'s `rules`. Default: the default rules (`{}`): unlike validate(), lint always runs them. */
  rules?: ValidateOptions['rules'];
  /** Values files applied together, later ones overriding earlier ones (helm's `-f` stack), checked besides the chart's ci/ files. */
  valuesFiles?: readonly string[];
  /** The helm binary (Helm 3 or 4). Default: $HELM_BIN of `env`, else `helm` on PATH. */
  helm?: string;
  /** Base for relative chart, values and helm paths. Default: process.cwd(). */
  cwd?: string;
  /** Environment helm runs with (and schema downloads read their proxy from). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Told as each chart starts with each set of values, for a progress display. */
  onProgress?: (progress: LintProgress) => void;
}

/** How far lintCharts() is: at chart `done` of `total`, named `chart`, with the values `values`. */
export interface LintProgress {
  done: number;
  total: number;
  chart: string;
  values: string;
}

export interface LintResult {
  /** The helm that ran. */
  helm: HelmBinary;
  /**
   * Every finding once, sorted; one found with several sets of values names each in full at the
   * end of its message (`[with charts/x/ci/a-values.yaml, charts/x/ci/b-values.yaml]`).
   */
  findings: CheckFinding[];
  /** The same findings, their sets of values named in short as a text report's line shows them (`[with 2 values files: ci/a-values.yaml, ci/b-values.yaml]`). */
  shortFindings: CheckFinding[];
  /** The lint rules that ran on the rendered charts, sorted by id: SARIF's rule descriptors (`formatCheckReport`'s `rules`). */
  rules: RuleDescriptor[];
}

/** One set of values a chart is rendered with. */
interface ValuesSet {
  /** How findings name this set of values. */
  label: string;
  /** The same, short, as a text report's line names it: a ci/ file relative to its chart. */
  shortLabel: string;
  /** Paths as the user gave them (relative to cwd), or chart-relative ci files joined to the chart. */
  files: string[];
}

/** A finding and the values it was found with (values-schema findings name their file already). */
interface FoundWith {
  finding: CheckFinding;
  set?: ValuesSet;
}

/** What every chart is checked with, the defaults filled in. */
interface LintContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The options that are the validator's, given to it as they are. */
  validateOptions: Omit<LintOptions, 'valuesFiles' | 'helm' | 'cwd' | 'env' | 'onProgress'>;
  /** The lint rules that ran, by id, as the validator describes them. */
  rules: Map<string, RuleDescriptor>;
}

/** A chart to lint: a directory, or a .tgz archive unpacked into a temporary directory. */
interface ChartInput {
  /** What helm lint is given: the directory or the archive itself. */
  helmTarget: string;
  /** The chart directory on disk. */
  chartDir: string;
  /** How findings name the chart directory (`charts/x`, or `x-1.0.0.tgz/x` for an archive). */
  chartDisplay: string;
  /** A temporary directory to remove afterwards. */
  unpackedTo?: string;
}

/** Validator findings about rendered output, moved to the template line that produced them. */
function mapRenderedFinding(finding: Finding, chartDir: string, chartDisplay: string): CheckFinding {
  const where = `${finding.kind}/${finding.name}${finding.path ? ` ${finding.path}` : ''}`;
  if (!finding.template) {
    return { file: finding.file, line: finding.line, column: finding.column, severity: finding.severity, rule: finding.rule, path: finding.path, message: `${where}: ${finding.message}` };
  }
  const inChart = templatePathInChart(finding.template);
  const onDisk = join(chartDir, inChart);
  const position = existsSync(onDisk) ? locateInTemplate(readFileSync(onDisk, 'utf8'), parsePath(finding.path)) : { line: 1, column: 1 };
  return {
    file: join(chartDisplay, inChart),
    ...position,
    severity: finding.severity,
    rule: finding.rule,
    path: finding.path,
    message: `${where}: ${finding.message}`,
  };
}

/**
 * One finding per place and message; the values sets that produced it are named together: every
 * one in full for the machine formats, summarised (valuesFilesSummary) for a text report's line.
 */
function mergeAcrossValues(found: readonly FoundWith[], summarise: boolean): CheckFinding[] {
  const groups = new Map<string, { finding: CheckFinding; sets: ValuesSet[] }>();
  for (const { finding, set } of found) {
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.rule}\0${finding.message}`;
    const group = groups.get(key) ?? { finding, sets: [] };
    if (set !== undefined && !group.sets.some((known) => known.label === set.label)) group.sets.push(set);
    groups.set(key, group);
  }
  const named = (sets: readonly ValuesSet[]) => (summarise ? valuesFilesSummary(sets.map((set) => set.shortLabel)) : `with ${sets.map((set) => set.label).join(', ')}`);
  return sortFindings([...groups.values()].map(({ finding, sets }) => (sets.length === 0 ? finding : { ...finding, message: `${finding.message} [${named(sets)}]` })));
}

/** Unpacks a chart archive (`helm package` output) so its files can be checked and named. */
function unpackArchive(archive: string, archiveDisplay: string): ChartInput {
  let entries;
  try {
    entries = readTarGz(readFileSync(archive));
  } catch (error) {
    throw new UserError(`${archiveDisplay} is not a chart archive: ${(error as Error).message}`);
  }
  const chartYaml = entries.find((entry) => /^[^/]+\/Chart\.yaml$/.test(entry.path));
  if (!chartYaml) throw new UserError(`${archiveDisplay} is not a chart archive (no <name>/Chart.yaml)`);
  const top = chartYaml.path.split('/')[0]!;
  const unpackedTo = mkdtempSync(join(tmpdir(), 'chartforge-lint-'));
  for (const entry of entries) {
    // Only paths inside the chart's own directory: a "../" entry must not write outside it.
    if (!entry.path.startsWith(`${top}/`) || entry.path.split('/').includes('..')) continue;
    const target = join(unpackedTo, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
  }
  return { helmTarget: archive, chartDir: join(unpackedTo, top), chartDisplay: join(archiveDisplay, top), unpackedTo };
}

function chartInput(display: string, cwd: string): ChartInput {
  const path = resolve(cwd, display);
  if (existsSync(path) && statSync(path).isFile()) return unpackArchive(path, display);
  if (!existsSync(join(path, 'Chart.yaml'))) throw new UserError(`${display} is not a chart directory (no Chart.yaml) or chart archive`);
  return { helmTarget: path, chartDir: path, chartDisplay: display };
}

/** The sets of values a chart is linted with: the caller's stack, each ci/ file, else the chart's defaults. */
function valuesSets(chart: ChartInput, display: string, userFiles: readonly string[]): ValuesSet[] {
  const sets: ValuesSet[] = [];
  if (userFiles.length > 0) sets.push({ label: userFiles.join(' + '), shortLabel: userFiles.join(' + '), files: [...userFiles] });
  // ci/ files of an archive are read from where it was unpacked, but named inside the archive.
  for (const ci of ciValuesFiles(chart.chartDir)) sets.push({ label: join(chart.chartDisplay, ci), shortLabel: ci, files: [chart.unpackedTo ? join(chart.chartDir, ci) : join(display, ci)] });
  if (sets.length === 0) sets.push({ label: join(chart.chartDisplay, 'values.yaml'), shortLabel: 'values.yaml', files: [] });
  return sets;
}

/** helm lint --strict and helm template of a chart with a set of values, started. */
interface HelmRuns {
  lint: Promise<HelmRun>;
  rendered: Promise<HelmRun>;
}

/** Starts the two helm runs of a set of values in `pool`: they run while this process checks values and validates other sets. */
function startHelmRuns(helm: string, pool: HelmPool, chart: ChartInput, set: ValuesSet, context: LintContext): HelmRuns {
  const { cwd, env } = context;
  const kubernetesVersion = context.validateOptions.kubernetesVersion;
  const valueArgs = set.files.flatMap((file) => ['--values', resolve(cwd, file)]);
  const kubeArgs = kubernetesVersion ? ['--kube-version', kubernetesVersion] : [];
  return {
    lint: startHelm(helm, ['lint', '--strict', chart.helmTarget, ...valueArgs, ...kubeArgs], pool, { env, cwd }),
    rendered: startHelm(helm, ['template', 'release-name', chart.chartDir, ...valueArgs, ...kubeArgs], pool, { env, cwd }),
  };
}

async function lintWithValues(chart: ChartInput, set: ValuesSet, runs: HelmRuns, context: LintContext): Promise<FoundWith[]> {
  const { cwd, env, validateOptions } = context;
  const { chartDir, chartDisplay } = chart;
  const findings: FoundWith[] = [];
  const tag = (list: readonly CheckFinding[]): FoundWith[] => list.map((finding) => ({ finding, set }));

  let values;
  try {
    values = checkValues({
      chartDir,
      chartDisplayDir: chartDisplay,
      valuesFiles: set.files.map((file) => ({ path: resolve(cwd, file), displayName: chart.unpackedTo && file.startsWith(chartDir) ? join(chartDisplay, relative(chartDir, file)) : file })),
    });
  } catch (error) {
    // A Chart.yaml helm cannot load: helm lint has reported every problem of it; nothing renders.
    if (!(error instanceof ChartError)) throw error;
    const lint = await runs.lint;
    const lintFindings = parseHelmLint(lint.stdout + lint.stderr, chartDisplay, { strict: true, chartDir });
    if (!lintFindings.some((f) => f.severity === 'error')) {
      lintFindings.push({ file: join(chartDisplay, 'Chart.yaml'), line: 1, column: 1, severity: 'error', rule: CHART_METADATA_RULE.id, message: error.message });
    }
    return tag(lintFindings);
  }
  for (const finding of values.findings) findings.push({ finding });

  const lint = await runs.lint;
  const lintFindings = parseHelmLint(lint.stdout + lint.stderr, chartDisplay, { dropSchemaErrors: values.schemaFound, strict: true, chartDir });
  if (lint.status !== 0 && !lintFindings.some((f) => f.severity !== 'info') && values.findings.length === 0) {
    lintFindings.push({ file: join(chartDisplay, 'Chart.yaml'), line: 1, column: 1, severity: 'error', rule: HELM_LINT_RULE.id, message: `helm lint --strict failed: ${(lint.stderr || lint.stdout).trim()}` });
  }
  for (const item of tag(lintFindings)) findings.push(item);

  const rendered = await runs.rendered;
  if (rendered.status !== 0) {
    // A values-schema failure, or helm lint's report of the same template error, already explains it.
    const failure = parseHelmTemplateError(rendered.stderr, chartDisplay);
    const explained = values.findings.some((f) => f.severity === 'error') || lintFindings.some((f) => f.file === failure.file && f.line === failure.line && f.column === failure.column);
    if (!explained) findings.push(...tag([failure]));
    return findings;
  }
  const report = await validate(
    { files: [{ name: `${chartDisplay} (rendered with ${set.label})`, text: rendered.stdout }] },
    { ...validateOptions, rules: validateOptions.rules ?? {}, env, cwd },
  );
  for (const rule of report.lintRules ?? []) context.rules.set(rule.id, rule);
  for (const item of tag(report.findings.map((finding) => mapRenderedFinding(finding, chartDir, chartDisplay)))) findings.push(item);
  return findings;
}

/**
 * Lints charts (directories or `helm package` archives, relative to `cwd`) as `chartforge lint`
 * does. Throws a UserError (from @chartforge/core) for what the caller must fix: no usable helm,
 * a path that is no chart, an unreadable values file, a bad rule configuration.
 */
export async function lintCharts(charts: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const { valuesFiles = [], helm: explicitHelm, cwd = process.cwd(), env = process.env, onProgress, ...validateOptions } = options;
  // Helm's runs (its version, then helm lint and helm template of each set of values of a chart)
  // start ahead of their turn, a CPU each, and run while this process checks values and validates what the
  // ones before rendered; whatever still runs when linting stops, by an error too, is killed.
  const stop = new AbortController();
  const slots = Math.max(2, availableParallelism());
  const pool = helmPool(slots, stop.signal);
  const helm = helmPath(explicitHelm === undefined ? undefined : resolve(cwd, explicitHelm), env);
  const identified = startResolveHelm(helm, pool, env);
  const context: LintContext = { cwd, env, validateOptions, rules: new Map() };
  const found: FoundWith[] = [];
  let binary: HelmBinary;
  try {
    for (const [index, display] of charts.entries()) {
      let chart: ChartInput;
      try {
        chart = chartInput(display, cwd);
      } catch (error) {
        await identified; // no usable helm is the first thing to fix
        throw error;
      }
      try {
        const sets = valuesSets(chart, display, valuesFiles);
        // A set's helm output waits in memory until the set is checked: runs start at most `slots`
        // sets ahead of the one being checked, and a checked set's output is let go.
        const started: HelmRuns[] = [];
        let next = 0;
        const startUpTo = (end: number) => {
          for (; next < Math.min(end, sets.length); next++) started.push(startHelmRuns(helm, pool, chart, sets[next]!, context));
        };
        startUpTo(slots);
        await identified; // a binary that is not helm: its answers are not read
        for (const [i, set] of sets.entries()) {
          startUpTo(i + 1 + slots);
          onProgress?.({ done: index, total: charts.length, chart: display, values: set.shortLabel });
          for (const item of await lintWithValues(chart, set, started.shift()!, context)) found.push(item);
        }
      } finally {
        if (chart.unpackedTo) rmSync(chart.unpackedTo, { recursive: true, force: true });
      }
    }
    binary = await identified;
  } finally {
    stop.abort();
  }
  const rules = [...context.rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { helm: binary, findings: mergeAcrossValues(found, false), shortFindings: mergeAcrossValues(found, true), rules };
}
