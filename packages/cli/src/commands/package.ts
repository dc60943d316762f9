import { ensureDirectory } from '@chartforge/validator/read';
import { join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { parseCommandArgs, renamedFlag } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { withPublish } from './publish-support.js';

const usage = `Usage: chartforge package CHART_DIR… [-d DIR] [--sign --key NAME --keyring FILE]

Packages each chart into DIR/<name>-<version>.tgz, byte for byte reproducibly: entries sorted,
regular files only, mode 0644, uid/gid 0, no user or group names, one fixed timestamp, and a gzip
header without name, time or OS — so the same chart always has the same sha256, unlike
\`helm package\`. .helmignore is honoured exactly as Helm honours it. Helm 3 and 4 install,
template, lint, show, pull and push the archive like one made by \`helm package\`.

Options:
  -d, --destination DIR       where to write archives (default: the current directory), as
                              in helm package (-o/--output DIR still works, deprecated)
      --source-date-epoch N   timestamp of every entry, seconds since 1970 (default:
                              $SOURCE_DATE_EPOCH, else 0); e.g. the chart's last commit:
                              $(git log -1 --format=%ct -- CHART_DIR)
      --sign                  also write <archive>.prov, a Helm provenance file that
                              \`helm verify\` and \`helm install --verify\` accept (needs gpg)
      --key NAME              identity of the signing key (exact, or the one containing NAME)
      --keyring FILE          keyring with the secret key (gpg --export-secret-keys output)
      --passphrase-file FILE  passphrase of a protected key ($HELM_KEY_PASSPHRASE also works)

Examples:
  chartforge package charts/serving charts/training -d dist/
  chartforge package charts/serving -d dist/ --sign --key 'Release Bot' --keyring release.gpg

Exit codes: 0 packaged, 1 invalid chart, 2 usage or I/O error. Nothing is written on failure.
`;

export const packageCommand: Command = {
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      output: { type: 'string', short: 'o' },
      destination: { type: 'string', short: 'd' },
      'source-date-epoch': { type: 'string' },
      sign: { type: 'boolean' },
      key: { type: 'string' },
      keyring: { type: 'string' },
      'passphrase-file': { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('missing CHART_DIR');
    const outDir = renamedFlag(io, 'package', { current: values.destination, deprecated: values.output }, { current: '-d/--destination DIR', deprecated: '-o/--output DIR' }) ?? '.';
    const epochText = values['source-date-epoch'];
    if (epochText !== undefined && !/^\d+$/.test(epochText)) throw new UsageError(`--source-date-epoch must be a whole number of seconds, got "${epochText}"`);
    if (values.sign && (!values.key || !values.keyring)) throw new UsageError('--sign needs --key NAME and --keyring FILE');
    if (!values.sign && (values.key || values.keyring || values['passphrase-file'])) throw new UsageError('--key, --keyring and --passphrase-file only make sense with --sign');
    return withPublish((publish) => {
      // Build (and sign) everything in memory first: a failure leaves no archive behind.
      const built = positionals.map((chartDir) => {
        const archive = publish.buildChartArchive(resolve(io.cwd, chartDir), {
          ...(epochText !== undefined ? { sourceDateEpoch: Number(epochText) } : {}),
          env: io.env,
          displayDir: chartDir,
        });
        const provenance = values.sign
          ? publish.signProvenance(publish.provenanceMessage(archive.metadata, archive.fileName, archive.digest), {
              key: values.key!,
              keyring: resolve(io.cwd, values.keyring!),
              ...(values['passphrase-file'] ? { passphraseFile: resolve(io.cwd, values['passphrase-file']) } : {}),
              ...(io.env.HELM_KEY_PASSPHRASE !== undefined && !values['passphrase-file'] ? { passphrase: io.env.HELM_KEY_PASSPHRASE } : {}),
            })
          : undefined;
        return { chartDir, archive, provenance };
      });
      const target = resolve(io.cwd, outDir);
      ensureDirectory(target);
      for (const { archive, provenance } of built) {
        publish.writeFileAtomic(join(target, archive.fileName), archive.bytes);
        io.stdout.write(`${join(outDir, archive.fileName)}  sha256:${archive.digest}\n`);
        if (provenance !== undefined) {
          publish.writeFileAtomic(join(target, `${archive.fileName}.prov`), provenance);
          io.stdout.write(`${join(outDir, `${archive.fileName}.prov`)}  signed by "${values.key}"\n`);
        }
      }
      return EXIT_OK;
    });
  },
};
