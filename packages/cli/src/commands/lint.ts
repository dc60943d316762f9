// `chartforge lint`: flags → @chartforge/publish's lintCharts → progress, report, exit code.
import { resolve } from 'node:path';
import { RULE_FLAG_OPTIONS, RULE_FLAGS_USAGE, ruleSelection } from '../rule-flags.js';
import { failOnSeverity, failsAt, normaliseStrict, SCHEMA_FLAG_OPTIONS, schemaCheckOptions } from '../schema-flags.js';
import type { Command } from '../command.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { colorEnabled, EXIT_FINDINGS, EXIT_OK, reportWidth, UsageError, type CliIO } from '../io.js';
import { inputSeen } from '../optimizer.js';
import { progress, progressEnabled } from '../progress.js';
import { OUTPUT_HELP, reportTool, withPublish } from './publish-support.js';

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
  chartforge lint charts/serving -o tap

Exit codes: 0 clean, 1 problems found, 2 usage or I/O error (e.g. helm missing).
`;

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
    const format = outputFormat(values.output);
    const failOn = failOnSeverity(values['fail-on']);
    if (positionals.length === 0) throw new UsageError('missing CHART_DIR');
    const selection = await ruleSelection(values, io);
    const kubernetesVersion = values['kubernetes-version'] ?? selection.configKubernetesVersion;
    return withPublish(async (publish) => {
      const shown = progress(io, 'lint', 'charts', progressEnabled(io, values['no-progress']));
      let result;
      try {
        result = await publish.lintCharts(positionals, {
          valuesFiles: values.values ?? [],
          ...(values.helm !== undefined ? { helm: values.helm } : {}),
          ...(kubernetesVersion ? { kubernetesVersion } : {}),
          ...schemaCheckOptions(values),
          strict,
          rules: selection.options,
          cwd: io.cwd,
          env: io.env,
          onProgress: ({ done, total, chart, values: valuesName }) => shown.update(done, total, `${chart} with ${valuesName}`),
          onInput: inputSeen,
        });
      } finally {
        shown.end();
      }
      const report = format === 'text' ? result.shortFindings : result.findings;
      io.stdout.write(publish.formatCheckReport(format, report, positionals, { ...reportTool('lint', 'chartforge-lint'), rules: result.rules, color: colorEnabled(io, io.stdout), width: reportWidth(io) }));
      const sarifFile = values['sarif-file'];
      if (sarifFile) publish.writeFileAtomic(resolve(io.cwd, sarifFile), publish.formatCheckReport('sarif', result.findings, positionals, { ...reportTool('lint', 'chartforge-lint'), rules: result.rules }));
      return failsAt(failOn, result.findings) ? EXIT_FINDINGS : EXIT_OK;
    });
  },
};
