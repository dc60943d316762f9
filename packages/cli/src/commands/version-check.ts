import type { Command } from '../command.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { colorEnabled, EXIT_FINDINGS, EXIT_OK, reportWidth, UsageError, type CliIO } from '../io.js';
import { OUTPUT_HELP, reportTool, withPublish } from './publish-support.js';

const usage = `Usage: chartforge version-check --base REF [--chart-dir DIR…] [-o FORMAT]

Fails when a chart changed since REF without a higher Chart.yaml \`version\` (the check
chart-testing runs). Changes are everything between the merge base of REF and HEAD and the work
tree — committed, staged, unstaged and untracked files — except files the chart's .helmignore
keeps out of the package. New charts pass. Subcharts count as changes of their parent chart.

Options:
      --base REF         branch, tag or commit to compare with, e.g. origin/main
      --chart-dir DIR    only charts under DIR (repeatable; default: every chart in the repository)
${OUTPUT_HELP}

Examples:
  chartforge version-check --base origin/main --chart-dir charts
  chartforge version-check --base origin/main -o github

Exit codes: 0 every changed chart was bumped, 1 a version was not bumped, 2 usage or git error.
`;

export const versionCheckCommand: Command = {
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      base: { type: 'string' },
      'chart-dir': { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
    });
    const format = outputFormat(values.output);
    if (!values.base) throw new UsageError('missing --base REF');
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return withPublish((publish) => {
      const result = publish.checkVersions({ cwd: io.cwd, base: values.base!, chartDirs: values['chart-dir'] ?? [] });
      if (format === 'text') {
        for (const chart of result.results) {
          const change = `${chart.changed.length} changed file${chart.changed.length === 1 ? '' : 's'}`;
          const verdict =
            chart.status === 'new' ? `new chart at ${chart.version}`
            : chart.status === 'bumped' ? `${chart.baseVersion} → ${chart.version}`
            : chart.status === 'not-bumped' ? `NOT BUMPED (still ${chart.version})`
            : `LOWERED (${chart.baseVersion} → ${chart.version})`;
          io.stdout.write(`${chart.chart}: ${verdict}, ${change}\n`);
        }
        if (result.results.length === 0) io.stdout.write(`no chart changed since ${values.base}\n`);
      }
      const checked = result.results.map((chart) => chart.chart);
      if (format !== 'text' || result.findings.length > 0) io.stdout.write(publish.formatCheckReport(format, result.findings, checked, { ...reportTool('version-check', 'chartforge-version-check-version-discipline'), color: colorEnabled(io, io.stdout), width: reportWidth(io) }));
      return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    });
  },
};
