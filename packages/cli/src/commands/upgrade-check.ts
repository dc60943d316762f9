import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePath, type ReportedFinding, type RuleDescriptor } from '@chartforge/core';
import type { HelmBinary, ManifestObject, UpgradeFinding } from '@chartforge/publish';
import { validate } from '@chartforge/validator';
import type { Command } from '../command.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { colorEnabled, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportWidth, UsageError, type CliIO } from '../io.js';
import { OUTPUT_HELP, reportTool, withPublish, type Publish } from './publish-support.js';

const usage = `Usage: chartforge upgrade-check NEW_CHART_DIR [-f VALUES_FILE…] (--current MANIFEST | --old-chart DIR [--old-values FILE…]) [options]

What helm upgrade from the running release to NEW_CHART_DIR with the -f values will do, before it
runs, each at the template and line that causes it:
  immutable-field         the API server refuses the update (Job template, selectors, StatefulSet
                          spec beyond replicas/template/…, PVC spec, Service clusterIP), with its message
  job-rerun               a renamed Job: helm deletes the running one, the new one starts from the beginning
  claim-deleted           a PersistentVolumeClaim leaves the chart (info when helm.sh/resource-policy: keep protects it)
  object-deleted          any other object leaves the chart and is deleted
  pods-replaced           the pod template of a Deployment/StatefulSet/DaemonSet changes, and which field
  controller-owned-field  replicas under a HorizontalPodAutoscaler, suspend of a Job under Kueue
  hook-runs               pre-/post-upgrade hooks that run again
  removed-api             an API the target Kubernetes version no longer serves (helm upgrade fails)

The current release is either its manifest (helm get manifest RELEASE > current.yaml) or an old
chart and values rendered the same way (e.g. the chart of the pull request's base branch).

Options:
  -f, --values FILE       values of the new release (repeatable; later files override earlier ones)
      --current FILE      the release's current manifest (helm get manifest output)
      --old-chart DIR     the chart the release runs now, rendered with --old-values
      --old-values FILE   values of the current release (repeatable)
      --release NAME      release name to render with (default: release-name; use the real one
                          with --current, so names match)
  -n, --namespace NS      release namespace to render with
  -k, --kubernetes-version V  the cluster's Kubernetes version, for APIs it no longer serves
                          (default: the newest embedded)
      --helm PATH         the helm binary (default: helm on PATH); Helm 3 and 4 both work
${OUTPUT_HELP}

Examples:
  # pull request, old = base branch
  git worktree add /tmp/base origin/main
  chartforge upgrade-check charts/serving -f prod.yaml --old-chart /tmp/base/charts/serving --old-values prod.yaml
  # against the running release
  helm get manifest my-release > current.yaml
  chartforge upgrade-check charts/serving -f prod.yaml --current current.yaml --release my-release

Exit codes: 0 nothing destructive or refused, 1 something is deleted, re-run or refused, 2 usage or
I/O error.
`;

function render(publish: Publish, helm: HelmBinary, chart: string, valuesFiles: readonly string[], release: string, namespace: string | undefined, io: CliIO): string {
  const args = ['template', release, chart, ...valuesFiles.flatMap((file) => ['--values', resolve(io.cwd, file)]), ...(namespace ? ['--namespace', namespace] : [])];
  const rendered = publish.runHelm(helm.path, args, { env: io.env, cwd: io.cwd });
  if (rendered.status !== 0) throw new UsageError(`helm template ${chart} failed: ${rendered.stderr.trim()}`, EXIT_FINDINGS);
  return rendered.stdout;
}

export const upgradeCheckCommand: Command = {
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      values: { type: 'string', short: 'f', multiple: true },
      current: { type: 'string' },
      'old-chart': { type: 'string' },
      'old-values': { type: 'string', multiple: true },
      release: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      helm: { type: 'string' },
      'kubernetes-version': { type: 'string', short: 'k' },
      output: { type: 'string', short: 'o' },
    });
    const format = outputFormat(values.output);
    if (positionals.length !== 1) throw new UsageError('give exactly one NEW_CHART_DIR');
    if (Boolean(values.current) === Boolean(values['old-chart'])) throw new UsageError('give the current release as either --current MANIFEST or --old-chart DIR');
    const chartDisplay = positionals[0]!;
    const chartDir = resolve(io.cwd, chartDisplay);
    if (!existsSync(join(chartDir, 'Chart.yaml'))) throw new UsageError(`${chartDisplay} is not a chart directory (no Chart.yaml)`, EXIT_USAGE);
    const release = values.release ?? 'release-name';
    return withPublish(async (publish) => {
      const helm = publish.resolveHelm(values.helm ? resolve(io.cwd, values.helm) : undefined, io.env);
      let currentText: string;
      let currentDisplay: string;
      let oldChartDir: string | undefined;
      if (values.current) {
        currentDisplay = values.current;
        try {
          currentText = readFileSync(resolve(io.cwd, values.current), 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${values.current}: ${(error as Error).message}`, EXIT_USAGE);
        }
      } else {
        currentDisplay = values['old-chart']!;
        oldChartDir = resolve(io.cwd, currentDisplay);
        currentText = render(publish, helm, oldChartDir, values['old-values'] ?? [], release, values.namespace, io);
      }
      const nextText = render(publish, helm, chartDir, values.values ?? [], release, values.namespace, io);
      const next = publish.readManifest(nextText, `helm template ${chartDisplay}`);
      const current = publish.readManifest(currentText, currentDisplay);
      const found = publish.checkUpgrade(current, next);
      const place = (finding: UpgradeFinding): { file: string; line: number; column: number } => {
        const fromChart = finding.side === 'next' ? { dir: chartDir, display: chartDisplay } : oldChartDir ? { dir: oldChartDir, display: currentDisplay } : undefined;
        return fromChart ? templatePlace(publish, finding.subject, finding.path, fromChart.dir, fromChart.display) : { file: currentDisplay, line: finding.subject.line, column: 1 };
      };
      const { findings: removed, rules } = await removedApis(publish, nextText, chartDir, chartDisplay, values['kubernetes-version']);
      const findings = publish.sortFindings([...publish.upgradeCheckFindings(found, place), ...removed]);
      io.stdout.write(publish.formatCheckReport(format, findings, [chartDisplay], { ...reportTool('upgrade-check', 'chartforge-upgrade-check'), rules, color: colorEnabled(io, io.stdout), width: reportWidth(io) }));
      const refused = removed.length > 0 || found.some((finding) => publish.DESTRUCTIVE_RULES.has(finding.rule) && finding.severity === 'error');
      return refused ? EXIT_FINDINGS : EXIT_OK;
    });
  },
};

/**
 * Objects of the new release in an API the cluster no longer serves: the validator's removed-api
 * rule, with its descriptor (what SARIF says of the rule and the page it links).
 */
async function removedApis(publish: Publish, rendered: string, chartDir: string, chartDisplay: string, kubernetesVersion: string | undefined): Promise<{ findings: ReportedFinding[]; rules: RuleDescriptor[] }> {
  const report = await validate({ files: [{ name: chartDisplay, text: rendered }] }, { ...(kubernetesVersion ? { kubernetesVersion } : {}), ignoreMissingSchemas: true, rules: { only: ['removed-api'] } });
  const findings = report.findings
    .filter((finding) => finding.rule === 'removed-api')
    .map((finding) => {
      const subject = { apiVersion: '', kind: finding.kind, name: finding.name, object: {}, line: finding.line, ...(finding.template ? { source: finding.template } : {}) };
      return {
        ...templatePlace(publish, subject, parsePath(finding.path), chartDir, chartDisplay),
        severity: 'error' as const,
        rule: 'removed-api',
        path: finding.path,
        message: `${finding.kind}/${finding.name}: ${finding.message}; helm upgrade fails (no matches for kind "${finding.kind}")`,
      };
    });
  return { findings, rules: report.lintRules ?? [] };
}

/** The template line of a rendered object's path, from its `# Source:` comment. */
function templatePlace(publish: Publish, object: ManifestObject, path: Array<string | number>, chartDir: string, chartDisplay: string): { file: string; line: number; column: number } {
  if (!object.source) return { file: join(chartDisplay, 'Chart.yaml'), line: 1, column: 1 };
  const inChart = publish.templatePathInChart(object.source);
  const onDisk = join(chartDir, inChart);
  const position = existsSync(onDisk) ? publish.locateInTemplate(readFileSync(onDisk, 'utf8'), path) : { line: 1, column: 1 };
  return { file: join(chartDisplay, inChart), ...position };
}
