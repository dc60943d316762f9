import { RULES, resolveRules, type Rule } from '@chartforge/validator';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, UsageError } from '../io.js';
import { RULE_FLAG_OPTIONS, RULE_FLAGS_USAGE, ruleSelection } from '../rule-flags.js';

const usage = `Usage: chartforge rules [rule-id] [options]

Lists every lint rule: id, default severity, category, whether it runs under the current
configuration (.chartforge.yaml and the flags below), and a one-line summary. With a rule id,
describes that rule and its parameters.

Options:
  -o, --output FORMAT                text | json (default: text)

${RULE_FLAGS_USAGE}

Examples:
  chartforge rules --profile policy
  chartforge rules pss-apparmor -o json

Exit codes: 0 listed, 2 usage error (unknown rule id, bad configuration).
`;

interface Listed {
  id: string;
  category: string;
  severity: string;
  enabled: boolean;
  summary: string;
  docs: string;
  pss?: string;
  profile?: string;
  parameters?: Rule['meta']['parameters'];
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

export const rulesCommand: Command = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...RULE_FLAG_OPTIONS, output: { type: 'string', short: 'o', default: 'text' } });
    if (values.output !== 'text' && values.output !== 'json') throw new UsageError(`--output must be text or json, got "${values.output}"`);
    if (positionals.length > 1) throw new UsageError('expected at most one rule id');
    const { options } = await ruleSelection(values, io);
    const active = new Map(resolveRules(options).map((a) => [a.rule.meta.id, a]));
    const listed: Listed[] = RULES.map((rule) => {
      const on = active.get(rule.meta.id);
      return {
        id: rule.meta.id,
        category: rule.meta.category,
        severity: on?.severity ?? rule.meta.severity,
        enabled: on !== undefined,
        summary: rule.meta.summary,
        docs: rule.meta.docs,
        ...(rule.meta.pss ? { pss: rule.meta.pss } : {}),
        ...(rule.meta.profile ? { profile: rule.meta.profile } : {}),
        ...(rule.meta.parameters ? { parameters: rule.meta.parameters } : {}),
      };
    });
    const wanted = positionals[0];
    const selected = wanted === undefined ? listed : listed.filter((rule) => rule.id === wanted);
    if (selected.length === 0) throw new UsageError(`unknown rule "${wanted}" (run \`chartforge rules\` for the list)`);
    if (values.output === 'json') {
      io.stdout.write(`${JSON.stringify(wanted === undefined ? selected : selected[0], null, 2)}\n`);
      return EXIT_OK;
    }
    if (wanted !== undefined) {
      const rule = selected[0]!;
      const lines = [
        `${rule.id} — ${rule.summary}`,
        `  category: ${rule.category}${rule.pss ? ` (Pod Security Standards ${rule.pss})` : ''}`,
        `  severity: ${rule.severity}`,
        `  enabled:  ${rule.enabled ? 'yes' : 'no'}${rule.profile ? ` (on with --profile ${rule.profile})` : ''}`,
        `  docs:     ${rule.docs}`,
      ];
      for (const [name, parameter] of Object.entries(rule.parameters ?? {})) {
        lines.push(`  parameter ${name} (${parameter.type}, default ${JSON.stringify(parameter.default)}): ${parameter.description}`);
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT_OK;
    }
    const rows = [['RULE', 'SEVERITY', 'CATEGORY', 'ENABLED', 'SUMMARY']];
    for (const rule of selected) rows.push([rule.id, rule.severity, rule.pss ? `pss-${rule.pss}` : rule.category, rule.enabled ? 'yes' : 'no', rule.summary]);
    const enabled = selected.filter((rule) => rule.enabled).length;
    io.stdout.write(`${table(rows)}\n\n${selected.length} rules, ${enabled} enabled.\n`);
    return EXIT_OK;
  },
};
