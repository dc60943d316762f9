import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parsePath } from '@chartforge/core';
import type { CheckFinding, HelmBinary } from '@chartforge/publish';
import { RuleConfigError, validate, type Finding, type RuleOptions } from '@chartforge/validator';
import { RULE_FLAG_OPTIONS, RULE_FLAGS_USAGE, ruleSelection } from '../rule-flags.js';
import { failOnSeverity, failsAt, normaliseStrict, SCHEMA_FLAG_OPTIONS, schemaCheckOptions } from '../schema-flags.js';
import type { Command } from '../command.js';
import { parseCommandArgs } from '../args.js';
import { colorEnabled, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportWidth, UsageError, type CliIO } from '../io.js';
import { inputSeen } from '../optimizer.js';
import { progress, progressEnabled } from '../progress.js';
import { OUTPUT_HELP, reportFormat, withPublish, type Publish } from './publish-support.js';

const usage = `Usage: chartforge lint CHART_DIR|CHART.tgz… [-f VALUES_FILE…] [options]

The whole CI check of a chart in one command. For the -f files (one stack, as helm -f) and for
every ci/*-values.yaml of the chart (each on its own; the chart's defaults when there are none):
  1. values check: the values against values.schema.json, as Helm validates them, at file:line:col
  2. helm lint --strict: all it reports, every Chart.yaml problem at once; its warnings are errors
     (--strict fails on them), its INFO lines are kept as info
  3. helm template, and the rendered manifests validated against the Kubernetes schemas and
     checked by the lint rules (see chartforge rules), each finding mapped back to the template
     line that produced it (helm's "# Source:" comment names the template)

Options:
  -f, --values FILE            values file (repeatable; later files override earlier ones)
      --helm PATH              the helm binary (default: $HELM_BIN, else helm on PATH); Helm 3 and 4 both work
${OUTPUT_HELP}
      --sarif-file FILE        also write the findings as SARIF to FILE (for code scanning upload)
      --fail-on SEVERITY       exit 1 on findings at or above: error | warning | info (default: error)
      --no-progress            no progress line on stderr (shown only when stderr is a terminal
                               and CI is not set)

Schemas and checks of the rendered manifests (as chartforge validate):
  -k, --kubernetes-version V   Kubernetes version to validate against and render for (--kube-version)
  -s, --schema-location LOC    where Kubernetes schemas come from (repeatable; see chartforge validate)
      --crd FILE|DIR           CustomResourceDefinitions for custom resources the chart renders (repeatable)
      --cache-dir DIR          cache for schemas downloaded over HTTP
      --cache-max-age DURATION download cached schemas again once older than this (default 24h)
      --ignore-missing-schemas skip kinds that have no schema instead of failing
      --strict=false           allow unknown fields (strict is the default)
      --skip KINDS             comma-separated Kind or apiVersion/Kind to skip, lint rules included
      --reject KINDS           comma-separated Kind or apiVersion/Kind to report as errors

${RULE_FLAGS_USAGE}

Examples:
  chartforge lint charts/serving -f values-prod.yaml --kubernetes-version 1.35 --output sarif
  chartforge lint dist/serving-1.0.0.tgz --pss restricted --fail-on warning

Exit codes: 0 clean, 1 problems found, 2 usage or I/O error (e.g. helm missing).
`;

interface ValuesSet {
  /** How findings name this set of values. */
  label: string;
  /** The same, short, as a text report's line names it: a ci/ file relative to its chart. */
  shortLabel: string;
  /** Paths as the user gave them (relative to cwd), or chart-relative ci files joined to the chart. */
  files: string[];
}

interface LintFlags {
  kubernetesVersion?: string;
  rules: Omit<RuleOptions, 'kubernetesVersion'>;
  /** The validator options of the schema-check flags, as `validate` reads them. */
  schemaCheck: ReturnType<typeof schemaCheckOptions>;
  strict: boolean;
}

/** A finding and the values it was found with (values-schema findings name their file already). */
interface LintFinding {
  finding: CheckFinding;
  set?: ValuesSet;
}

/** Validator findings about rendered output, moved to the template line that produced them. */
function mapRenderedFinding(publish: Publish, finding: Finding, chartDir: string, chartDisplay: string): CheckFinding {
  const where = `${finding.kind}/${finding.name}${finding.path ? ` ${finding.path}` : ''}`;
  if (!finding.template) {
    return { file: finding.file, line: finding.line, column: finding.column, severity: finding.severity, rule: finding.rule, path: finding.path, message: `${where}: ${finding.message}` };
  }
  const inChart = publish.templatePathInChart(finding.template);
  const onDisk = join(chartDir, inChart);
  const position = existsSync(onDisk) ? publish.locateInTemplate(readFileSync(onDisk, 'utf8'), parsePath(finding.path)) : { line: 1, column: 1 };
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
function mergeAcrossValues(publish: Publish, found: readonly LintFinding[], summarise: boolean): CheckFinding[] {
  const groups = new Map<string, { finding: CheckFinding; sets: ValuesSet[] }>();
  for (const { finding, set } of found) {
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.rule}\0${finding.message}`;
    const group = groups.get(key) ?? { finding, sets: [] };
    if (set !== undefined && !group.sets.some((known) => known.label === set.label)) group.sets.push(set);
    groups.set(key, group);
  }
  const named = (sets: readonly ValuesSet[]) => (summarise ? publish.valuesFilesSummary(sets.map((set) => set.shortLabel)) : `with ${sets.map((set) => set.label).join(', ')}`);
  return publish.sortFindings([...groups.values()].map(({ finding, sets }) => (sets.length === 0 ? finding : { ...finding, message: `${finding.message} [${named(sets)}]` })));
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

/** Unpacks a chart archive (`helm package` output) so its files can be checked and named. */
function unpackArchive(publish: Publish, archive: string, archiveDisplay: string): ChartInput {
  let entries;
  try {
    entries = publish.readTarGz(readFileSync(archive));
  } catch (error) {
    throw new UsageError(`${archiveDisplay} is not a chart archive: ${(error as Error).message}`, EXIT_USAGE);
  }
  const chartYaml = entries.find((entry) => /^[^/]+\/Chart\.yaml$/.test(entry.path));
  if (!chartYaml) throw new UsageError(`${archiveDisplay} is not a chart archive (no <name>/Chart.yaml)`, EXIT_USAGE);
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

function chartInput(publish: Publish, display: string, cwd: string): ChartInput {
  const path = resolve(cwd, display);
  if (existsSync(path) && statSync(path).isFile()) return unpackArchive(publish, path, display);
  if (!existsSync(join(path, 'Chart.yaml'))) throw new UsageError(`${display} is not a chart directory (no Chart.yaml) or chart archive`);
  return { helmTarget: path, chartDir: path, chartDisplay: display };
}

async function lintWithValues(publish: Publish, helm: HelmBinary, chart: ChartInput, set: ValuesSet, flags: LintFlags, io: CliIO): Promise<LintFinding[]> {
  const { chartDir, chartDisplay } = chart;
  const findings: LintFinding[] = [];
  const tag = (list: readonly CheckFinding[]): LintFinding[] => list.map((finding) => ({ finding, set }));

  const valueArgs = set.files.flatMap((file) => ['--values', resolve(io.cwd, file)]);
  const kubeArgs = flags.kubernetesVersion ? ['--kube-version', flags.kubernetesVersion] : [];
  const lint = publish.runHelm(helm.path, ['lint', '--strict', chart.helmTarget, ...valueArgs, ...kubeArgs], { env: io.env, cwd: io.cwd });

  let values;
  try {
    values = publish.checkValues({
      chartDir,
      chartDisplayDir: chartDisplay,
      valuesFiles: set.files.map((file) => ({ path: resolve(io.cwd, file), displayName: chart.unpackedTo && file.startsWith(chartDir) ? join(chartDisplay, relative(chartDir, file)) : file })),
    });
  } catch (error) {
    // A Chart.yaml helm cannot load: helm lint has reported every problem of it; nothing renders.
    if (!(error instanceof publish.ChartError)) throw error;
    const lintFindings = publish.parseHelmLint(lint.stdout + lint.stderr, chartDisplay, { strict: true, chartDir });
    if (!lintFindings.some((f) => f.severity === 'error')) {
      lintFindings.push({ file: join(chartDisplay, 'Chart.yaml'), line: 1, column: 1, severity: 'error', rule: 'chart-metadata', message: error.message });
    }
    return tag(lintFindings);
  }
  for (const finding of values.findings) findings.push({ finding });

  const lintFindings = publish.parseHelmLint(lint.stdout + lint.stderr, chartDisplay, { dropSchemaErrors: values.schemaFound, strict: true, chartDir });
  if (lint.status !== 0 && !lintFindings.some((f) => f.severity !== 'info') && values.findings.length === 0) {
    lintFindings.push({ file: join(chartDisplay, 'Chart.yaml'), line: 1, column: 1, severity: 'error', rule: 'helm-lint', message: `helm lint --strict failed: ${(lint.stderr || lint.stdout).trim()}` });
  }
  for (const item of tag(lintFindings)) findings.push(item);

  const rendered = publish.runHelm(helm.path, ['template', 'release-name', chartDir, ...valueArgs, ...kubeArgs], { env: io.env, cwd: io.cwd });
  if (rendered.status !== 0) {
    // A values-schema failure, or helm lint's report of the same template error, already explains it.
    const failure = publish.parseHelmTemplateError(rendered.stderr, chartDisplay);
    const explained = values.findings.some((f) => f.severity === 'error') || lintFindings.some((f) => f.file === failure.file && f.line === failure.line && f.column === failure.column);
    if (!explained) findings.push(...tag([failure]));
    return findings;
  }
  const renderedName = `${chartDisplay} (rendered with ${set.label})`;
  let report;
  try {
    report = await validate(
      { files: [{ name: renderedName, text: rendered.stdout }] },
      {
        ...(flags.kubernetesVersion ? { kubernetesVersion: flags.kubernetesVersion } : {}),
        ...flags.schemaCheck,
        strict: flags.strict,
        rules: flags.rules,
        env: io.env,
        cwd: io.cwd,
        onInput: inputSeen,
      },
    );
  } catch (error) {
    if (error instanceof RuleConfigError) throw new UsageError(error.message, EXIT_USAGE);
    throw error;
  }
  for (const item of tag(report.findings.map((finding) => mapRenderedFinding(publish, finding, chartDir, chartDisplay)))) findings.push(item);
  return findings;
}

export const lintCommand: Command = {
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { args, strict } = normaliseStrict(argv);
    const { values, positionals } = parseCommandArgs(args, {
      values: { type: 'string', short: 'f', multiple: true },
      helm: { type: 'string' },
      ...SCHEMA_FLAG_OPTIONS,
      output: { type: 'string', short: 'o' },
      'sarif-file': { type: 'string' },
      'no-progress': { type: 'boolean' },
      ...RULE_FLAG_OPTIONS,
    });
    const format = reportFormat(values.output);
    const failOn = failOnSeverity(values['fail-on']);
    if (positionals.length === 0) throw new UsageError('missing CHART_DIR');
    const selection = await ruleSelection(values, io);
    const kubernetesVersion = values['kubernetes-version'] ?? selection.configKubernetesVersion;
    const flags: LintFlags = {
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      rules: selection.options,
      schemaCheck: schemaCheckOptions(values),
      strict,
    };
    return withPublish(async (publish) => {
      const helm = publish.resolveHelm(values.helm ? resolve(io.cwd, values.helm) : undefined, io.env);
      const findings: LintFinding[] = [];
      const shown = progress(io, 'lint', 'charts', progressEnabled(io, values['no-progress']));
      try {
        for (const [index, display] of positionals.entries()) {
          const chart = chartInput(publish, display, io.cwd);
          try {
            const sets: ValuesSet[] = [];
            const userFiles = values.values ?? [];
            if (userFiles.length > 0) sets.push({ label: userFiles.join(' + '), shortLabel: userFiles.join(' + '), files: userFiles });
            // ci/ files of an archive are read from where it was unpacked, but named inside the archive.
            for (const ci of publish.ciValuesFiles(chart.chartDir)) sets.push({ label: join(chart.chartDisplay, ci), shortLabel: ci, files: [chart.unpackedTo ? join(chart.chartDir, ci) : join(display, ci)] });
            if (sets.length === 0) sets.push({ label: join(chart.chartDisplay, 'values.yaml'), shortLabel: 'values.yaml', files: [] });
            for (const set of sets) {
              shown.update(index, positionals.length, `${display} with ${set.shortLabel}`);
              for (const item of await lintWithValues(publish, helm, chart, set, flags, io)) findings.push(item);
            }
          } finally {
            if (chart.unpackedTo) rmSync(chart.unpackedTo, { recursive: true, force: true });
          }
        }
      } finally {
        shown.end();
      }
      const sorted = mergeAcrossValues(publish, findings, false);
      const report = format === 'text' ? mergeAcrossValues(publish, findings, true) : sorted;
      io.stdout.write(publish.formatReport(format, report, positionals, { toolName: 'chartforge lint', color: colorEnabled(io, io.stdout), width: reportWidth(io) }));
      const sarifFile = values['sarif-file'];
      if (sarifFile) publish.writeFileAtomic(resolve(io.cwd, sarifFile), publish.formatReport('sarif', sorted, positionals, { toolName: 'chartforge lint' }));
      return failsAt(failOn, sorted) ? EXIT_FINDINGS : EXIT_OK;
    });
  },
};
