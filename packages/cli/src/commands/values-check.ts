import { countBySeverity, type ReportedFinding } from '@chartforge/core';
import type { Command } from '../command.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { colorEnabled, EXIT_FINDINGS, EXIT_OK, reportWidth, UsageError, type CliIO } from '../io.js';
import { resolve } from 'node:path';
import { OUTPUT_HELP, reportTool, withPublish } from './publish-support.js';

const usage = `Usage: chartforge values check -c CHART_DIR [VALUES_FILE…] [options]

Checks values files against the chart's values.schema.json exactly as Helm would at install time:
YAML read as Helm reads it, the files merged like repeated -f flags (maps merge, lists replace,
null deletes a chart default), coalesced with the chart's values.yaml, then validated with the
schema's JSON Schema draft. Every problem is reported at file:line:column of the file that caused
it. Without VALUES_FILE, checks the chart's own values.yaml.

Options:
  -c, --chart DIR       the chart directory (with Chart.yaml and values.schema.json)
      --each            check every VALUES_FILE on its own instead of as one -f stack
${OUTPUT_HELP}

Examples:
  chartforge values check -c charts/serving values-prod.yaml --output github
  chartforge values check -c charts/serving --each ci/*-values.yaml
  chartforge values check -c charts/serving values-prod.yaml -o junit > values-check.xml

Exit codes: 0 valid, 1 problems found, 2 usage or I/O error.
`;

export const valuesCheckCommand: Command = {
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      chart: { type: 'string', short: 'c' },
      each: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
    });
    const format = outputFormat(values.output);
    if (!values.chart) throw new UsageError('missing --chart CHART_DIR');
    const chartDir = values.chart;
    const stacks = values.each && positionals.length > 0 ? positionals.map((file) => [file]) : [positionals];
    return withPublish((publish) => {
      const findings: ReportedFinding[] = [];
      let schemaFound = true;
      for (const stack of stacks) {
        const result = publish.checkValues({
          chartDir: resolve(io.cwd, chartDir),
          chartDisplayDir: chartDir,
          valuesFiles: stack.map((file) => ({ path: resolve(io.cwd, file), displayName: file })),
        });
        schemaFound = result.schemaFound;
        for (const item of result.findings) findings.push(item);
      }
      if (!schemaFound) io.stderr.write(`chartforge values check: ${chartDir} has no values.schema.json, so Helm checks nothing beyond YAML syntax\n`);
      const checked = positionals.length > 0 ? positionals : [`${chartDir}/values.yaml`];
      const sorted = publish.sortFindings(findings);
      io.stdout.write(publish.formatCheckReport(format, sorted, checked, { ...reportTool('values check', 'chartforge-values-check'), color: colorEnabled(io, io.stdout), width: reportWidth(io) }));
      return countBySeverity(sorted).errors > 0 ? EXIT_FINDINGS : EXIT_OK;
    });
  },
};
