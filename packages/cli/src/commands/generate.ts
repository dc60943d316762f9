import { dirname, resolve } from 'node:path';
import { generateChart, GenerateError, writeChart } from '@chartforge/generator';
import { formatSpecError, kinds, loadSpec, type KindName } from '@chartforge/kinds';
import { ensureDirectory, parseYamlWithinLimits, readInputStream, readInputText } from '@chartforge/validator/read';
import { parseCommandArgs, renamedFlag } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io.js';

const KIND_NAMES = Object.keys(kinds) as KindName[];

export const generateCommand: Command = {
  usage: `Usage: chartforge generate <${KIND_NAMES.join('|')}> [-f spec.yaml] -d DIR [--force]

Generates a chart whose defaults are the spec's values (the kind's defaults where the spec is silent).
Every problem in the spec is reported at once with file:line:column; nothing is written then.

Options:
  -f, --file FILE         spec file (YAML); "-" reads standard input; without it, the kind's defaults
  -d, --destination DIR   chart directory to write (replaced atomically); a non-empty directory
                          chartforge did not generate is never replaced
                          (-o/--output DIR still works, deprecated: -o is the report format elsewhere)
      --force             replace a chart chartforge generated even if it holds files the new one lacks

Examples:
  chartforge generate serving -f examples/serving.yaml -d charts-out/llama-3-8b
  chartforge generate training -d my-training     # the kind's defaults

Exit codes: 0 generated, 1 invalid spec, 2 usage or I/O error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      file: { type: 'string', short: 'f' },
      destination: { type: 'string', short: 'd' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
    });
    const [kindName, ...extra] = positionals;
    if (!kindName) throw new UsageError(`missing chart kind: one of ${KIND_NAMES.join(', ')}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const kind = kinds[kindName as KindName];
    if (!kind) throw new UsageError(`unknown chart kind "${kindName}": expected one of ${KIND_NAMES.join(', ')}`);
    const destination = renamedFlag(io, 'generate', { current: values.destination, deprecated: values.output }, { current: '-d/--destination DIR', deprecated: '-o/--output DIR' });
    if (!destination) throw new UsageError('missing -d/--destination DIR');

    let text = '';
    let file = `<${kind.name} defaults>`;
    if (values.file === '-') {
      text = (await readInputStream(io.stdin)).toString('utf8');
      file = '<stdin>';
    } else if (values.file) {
      file = values.file;
      text = readInputText(resolve(io.cwd, values.file), values.file, undefined, 'the spec');
    }
    // The spec loader trusts its text to be within the read limits (no cyclic aliases, no bombs).
    parseYamlWithinLimits(text, file, { version: '1.1', uniqueKeys: false });

    const loaded = loadSpec(kind, text, file);
    if (!loaded.ok) {
      for (const error of loaded.errors) io.stderr.write(`${formatSpecError(error)}\n`);
      io.stderr.write(`${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'} in ${file}; nothing written\n`);
      return EXIT_FINDINGS;
    }
    const outDir = resolve(io.cwd, destination);
    try {
      // The parent first, one level at a time: writeChart's recursive mkdir loops for ever under /proc.
      ensureDirectory(dirname(outDir));
      const files = generateChart(loaded.spec);
      writeChart(files, outDir, { force: values.force });
      io.stdout.write(`Generated ${kind.name} chart "${loaded.spec.chart.name}" ${loaded.spec.chart.version} in ${destination} (${files.size} files)\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof GenerateError) {
        io.stderr.write(`${file}: ${error.message}; nothing written\n`);
        return EXIT_FINDINGS;
      }
      if ((error as NodeJS.ErrnoException).code) throw new UsageError(`cannot write ${destination}: ${(error as Error).message}`);
      throw error;
    }
  },
};
