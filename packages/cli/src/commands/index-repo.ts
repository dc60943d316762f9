import { join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { parseCommandArgs, renamedFlag } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { withPublish } from './publish-support.js';

const usage = `Usage: chartforge index DIR [--url URL] [--merge INDEX] [--index-file FILE]

Writes DIR/index.yaml for a chart repository, in the format \`helm repo index\` writes: every .tgz
in DIR and its immediate subfolders, newest version first, sha256 digests, urls joined onto --url.
Deterministic: \`created\` is the timestamp stored in the archive (see chartforge package
--source-date-epoch) and \`generated\` the newest \`created\`, never the clock, so the same archives
always give the same index.

Options:
      --url URL          base URL the charts are served from (default: urls relative to index.yaml)
      --merge INDEX      keep the entries of an existing index whose versions are not in DIR
                         (entries in DIR win), as helm repo index --merge
      --index-file FILE  where to write the index (default: DIR/index.yaml)
                         (-o/--output FILE still works, deprecated)

Examples:
  chartforge index dist/ --url https://charts.example.com/ --merge published/index.yaml
  chartforge index dist/ --index-file site/index.yaml

Exit codes: 0 written, 1 invalid archive or index, 2 usage or I/O error.
`;

export const indexCommand: Command = {
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      url: { type: 'string' },
      merge: { type: 'string' },
      'index-file': { type: 'string' },
      output: { type: 'string', short: 'o' },
    });
    const indexFile = renamedFlag(io, 'index', { current: values['index-file'], deprecated: values.output }, { current: '--index-file FILE', deprecated: '-o/--output FILE' });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing DIR' : 'give exactly one DIR');
    const dir = positionals[0]!;
    if (values.url !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(values.url)) throw new UsageError(`--url must be an absolute URL such as https://charts.example.com/, got "${values.url}"`);
    return withPublish((publish) => {
      const result = publish.buildRepoIndex({
        dir: resolve(io.cwd, dir),
        ...(values.url ? { url: values.url } : {}),
        ...(values.merge ? { merge: resolve(io.cwd, values.merge) } : {}),
      });
      for (const skipped of result.skipped) io.stderr.write(`chartforge index: skipped ${join(dir, skipped.file)}: ${skipped.reason}\n`);
      for (const rejected of result.rejected) io.stderr.write(`chartforge index: left out ${rejected.entry}: ${rejected.reason}\n`);
      const output = indexFile ?? join(dir, 'index.yaml');
      publish.writeFileAtomic(resolve(io.cwd, output), result.text);
      const charts = Object.values(result.index.entries).reduce((sum, versions) => sum + versions.length, 0);
      io.stdout.write(`${output}: ${charts} chart version${charts === 1 ? '' : 's'} (${result.added.length} from ${dir}${values.merge ? `, ${result.kept} kept from ${values.merge}` : ''})\n`);
      return EXIT_OK;
    });
  },
};
