import { OUTPUT_FORMATS } from '@chartforge/core';
import { EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE, validate } from '@chartforge/validator/core';
import { formatReport } from '@chartforge/validator/output';
import { readInputStream } from '@chartforge/validator/read';
import { outputFormat, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { colorEnabled, EXIT_FINDINGS, EXIT_OK, reportWidth, UsageError, type CliIO } from '../io.js';
import { inputSeen } from '../optimizer.js';
import { progress, progressEnabled } from '../progress.js';
import { RULE_FLAG_OPTIONS, RULE_FLAGS_USAGE, ruleSelection } from '../rule-flags.js';
import { failOnSeverity, failsAt, normaliseStrict, SCHEMA_FLAG_OPTIONS, schemaCheckOptions } from '../schema-flags.js';
import { VERSION } from '../version.js';

const usage = `Usage: chartforge validate [options] <file|dir|glob|->...

Validates Kubernetes manifests (YAML or JSON, multi-document, \`helm template\` output) against the
OpenAPI schemas of a Kubernetes version, and against the API server's own rules beyond the schema
for built-in kinds (ports, restart policies, selectors, names, mounts, probes, requests and limits,
…). Directories are read recursively (*.yaml, *.yml, *.json);
"-" (or no path at all, when input is piped) reads standard input.

Schemas:
  -k, --kubernetes-version X.Y[.Z]   version to validate against (default: ${EMBEDDED_KUBERNETES_VERSION.slice(1)}); embedded, any
                                     patch of every minor ${EMBEDDED_SCHEMA_SOURCE}
  -s, --schema-location LOC          repeatable, first hit wins: a directory of vX.Y.Z.definitions.json[.gz],
                                     a directory of kubeconform per-kind schemas, or a path/URL template with
                                     {{ .NormalizedKubernetesVersion }} {{ .StrictSuffix }} {{ .ResourceKind }}
                                     {{ .ResourceAPIVersion }} {{ .Group }} {{ .KindSuffix }}; "embedded" names
                                     the built-in schemas (the default when no location is given), and so
                                     does kubeconform's "default"
      --crd FILE|DIR                 repeatable: CustomResourceDefinitions whose schemas validate custom resources
      --cache-dir DIR                cache for schemas downloaded over HTTP
                                     (default: $CHARTFORGE_CACHE_DIR, $XDG_CACHE_HOME/chartforge/schemas or ~/.cache/chartforge/schemas);
                                     kubeconform's layout (a file per URL named by its SHA-256), so -cache DIR is shared
      --cache-max-age DURATION       download cached schemas again once older than this (30m, 12h, 7d; default 24h);
                                     a stale copy is used when the download fails
                                     Downloads go through HTTPS_PROXY / HTTP_PROXY, except for hosts in NO_PROXY.

Checks:
      --strict=false                 allow unknown fields (strict is the default)
      --ignore-missing-schemas       skip kinds that have no schema instead of failing
      --ignore-filename-pattern RE   repeatable: skip files whose path matches this regular expression
      --skip KINDS                   comma-separated Kind or apiVersion/Kind to skip, lint rules included (repeatable)
      --reject KINDS                 comma-separated Kind or apiVersion/Kind to report as errors (repeatable)
      --no-lint                      schema check only, no lint rules: streams the input (worker threads for
                                     large inputs), the way kubeconform works

${RULE_FLAGS_USAGE}

Output:
  -o, --output FORMAT                ${OUTPUT_FORMATS.join(' | ')} (default: text)
      --summary                      print a summary line (text)
  -v, --verbose                      list valid resources too (text, json)
      --fail-on SEVERITY             exit 1 on findings at or above: error | warning | info (default: error)
      --workers N                    worker threads (default: automatic for large inputs)
      --no-progress                  no progress line on stderr (shown only when stderr is a terminal
                                     and CI is not set)

Long options may be written with one dash, as kubeconform's are (-summary, -schema-location default,
-strict=false, -cache DIR), so kubeconform command lines work unchanged.

Examples:
  helm template my-release charts/serving | chartforge validate -k 1.35 --pss restricted
  chartforge validate -o sarif --fail-on warning manifests/
  chartforge validate -o github manifests/        (annotations on a GitHub pull request)
  kubeconform -summary -strict=false manifests/   →   chartforge validate -summary -strict=false manifests/

Exit codes: 0 no findings at or above --fail-on, 1 findings or no resources at all, 2 usage or I/O error.
Colours only on a terminal, never when NO_COLOR is set, always when FORCE_COLOR is set.
`;

/** kubeconform's flag names where ours differ. */
const KUBECONFORM_ALIASES: Readonly<Record<string, string>> = { cache: 'cache-dir' };

/**
 * kubeconform's scripts spell long flags with one dash (Go's flag package: `-summary`,
 * `-schema-location default`, `-strict=false`): a single-dash word that names one of our long
 * options (or a kubeconform alias) is read as that option.
 */
function goStyleFlags(args: readonly string[], longNames: ReadonlySet<string>): string[] {
  return args.map((arg) => {
    const match = /^-([a-z][a-z-]+)(=.*)?$/.exec(arg);
    if (!match) return arg;
    const name = KUBECONFORM_ALIASES[match[1]!] ?? match[1]!;
    return longNames.has(name) ? `--${name}${match[2] ?? ''}` : arg;
  });
}

const VALIDATE_OPTIONS = {
  ...SCHEMA_FLAG_OPTIONS,
  'ignore-filename-pattern': { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  summary: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  workers: { type: 'string' },
  'no-lint': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  ...RULE_FLAG_OPTIONS,
} as const;

export const validateCommand: Command = {
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { args, strict } = normaliseStrict(goStyleFlags(argv, new Set([...Object.keys(VALIDATE_OPTIONS), 'strict', 'no-strict'])));
    const { values, positionals } = parseCommandArgs(args, VALIDATE_OPTIONS);
    const lint = values['no-lint'] !== true;
    const selection = lint ? await ruleSelection(values, io) : undefined;
    const kubernetesVersion = values['kubernetes-version'] ?? selection?.configKubernetesVersion;
    const output = outputFormat(values.output);
    const failOn = failOnSeverity(values['fail-on']);
    let workers: number | undefined;
    if (values.workers !== undefined) {
      if (!/^\d+$/.test(values.workers)) throw new UsageError(`--workers: expected a number, got "${values.workers}"`);
      workers = Number(values.workers);
    }
    const schemaCheck = schemaCheckOptions(values);
    let paths = positionals;
    if (paths.length === 0) {
      if (io.stdin.isTTY) throw new UsageError('no input: name files, directories or globs, or pipe manifests to standard input ("-")');
      paths = ['-'];
    }

    let report;
    const shown = progress(io, 'validate', 'files', progressEnabled(io, values['no-progress']));
    try {
      report = await validate(
        { paths },
        {
          ...(kubernetesVersion !== undefined ? { kubernetesVersion } : {}),
          ...(selection ? { rules: selection.options } : {}),
          ...schemaCheck,
          strict,
          ignoreFilenamePatterns: values['ignore-filename-pattern'] ?? [],
          env: io.env,
          ...(workers !== undefined ? { workers } : {}),
          cwd: io.cwd,
          readStdin: () => readInputStream(io.stdin, 'stdin'),
          onProgress: ({ done, total, file }) => shown.update(done, total, file),
          onInput: inputSeen,
        },
      );
    } finally {
      shown.end();
    }

    const color = output === 'text' && colorEnabled(io, io.stdout);
    io.stdout.write(formatReport(report, output, { summary: values.summary ?? false, verbose: values.verbose ?? false, color, toolVersion: VERSION, ...(output === 'text' ? { width: reportWidth(io) } : {}) }));
    // Nothing to validate is a failure, as in kubeconform: an empty render must not pass a CI gate.
    if (report.summary.resources === 0) {
      io.stderr.write(`chartforge validate: no Kubernetes resources found in ${report.summary.files} ${report.summary.files === 1 ? 'input' : 'inputs'}\n`);
      return EXIT_FINDINGS;
    }
    // Invalid and error statuses always come with an error finding, so they fail at every threshold.
    return failsAt(failOn, report.findings) ? EXIT_FINDINGS : EXIT_OK;
  },
};
