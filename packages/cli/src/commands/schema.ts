import { specFileSchema, valuesFileSchema, valuesSchemaWithExamples } from '@chartforge/generator';
import { kinds, schemaText, type KindName } from '@chartforge/kinds';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, UsageError } from '../io.js';

const KIND_NAMES = Object.keys(kinds) as KindName[];
const FORMS = ['chart', 'values-file', 'spec'] as const;

export const schemaCommand: Command = {
  usage: `Usage: chartforge schema <${KIND_NAMES.join('|')}> [--for chart|values-file|spec]

Prints the JSON Schema of a kind's values on standard output.

Options:
  --for chart        values.schema.json as generated into charts (every key required after merge)
  --for values-file  a partial values override file, as passed with helm -f (default)
  --for spec         a spec file for chartforge generate: values plus chart metadata

Examples:
  chartforge schema serving > serving-values.schema.json
  chartforge schema training --for spec

Exit codes: 0 printed, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { for: { type: 'string', default: 'values-file' } });
    const kind = kinds[positionals[0] as KindName];
    if (!kind) throw new UsageError(`expected a chart kind: one of ${KIND_NAMES.join(', ')}`);
    const form = values.for as (typeof FORMS)[number];
    if (!FORMS.includes(form)) throw new UsageError(`--for must be one of ${FORMS.join(', ')}`);
    const schema =
      form === 'chart' ? valuesSchemaWithExamples(kind, `Values of a chartforge ${kind.name} chart`) : form === 'spec' ? specFileSchema(kind) : valuesFileSchema(kind);
    io.stdout.write(schemaText(schema));
    return EXIT_OK;
  },
};
