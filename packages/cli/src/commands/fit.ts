import { resolve } from 'node:path';
import {
  DEFAULT_MAX_SIMULATED_NODES,
  DEFAULT_MAX_SIMULATED_PODS,
  formatFitJson,
  formatFitText,
  readNodePools,
  simulateFit,
  type ScoringStrategy,
} from '@chartforge/fit';
import { readInputStream } from '@chartforge/validator/read';
import { readManifests } from '@chartforge/validator/resource';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io.js';

const STRATEGIES: readonly ScoringStrategy[] = ['most-allocated', 'least-allocated'];

const usage = `Usage: chartforge fit --nodes NODES.yaml [options] <file|dir|glob|->...

Will it fit? Simulates scheduling every pod the manifests create onto the node pools of NODES.yaml
and reports the pods that do not fit and the utilization of each pool. Counted: every replica (an
HPA's maxReplicas when one scales the workload), a Deployment's rolling-update surge (maxSurge),
a Job's parallelism, one DaemonSet pod per eligible node. Filters: resource requests (cpu, memory,
GPUs and other extended resources, pod slots), nodeSelector, required node affinity, taints and
tolerations, required pod (anti-)affinity and DoNotSchedule topology spread; a RuntimeClass of the
input adds its overhead, node selector and tolerations. Nodes are <pool>-1 … <pool>-<count> with the
kubelet's labels (kubernetes.io/hostname, kubernetes.io/os: linux, kubernetes.io/arch: amd64) and
the pool's. An Indexed Job with parallelism = completions (distributed training) is a gang: it is
reported when not every rank fits.
"-" (or no path, when input is piped) reads standard input, e.g.
  helm template my-release chart/ | chartforge fit --nodes n.yaml

Options:
      --nodes FILE                   node pools (required), e.g.
                                       pools:
                                         - name: a100
                                           count: 4
                                           allocatable: {cpu: "96", memory: 1000Gi, nvidia.com/gpu: 8}
                                           labels: {nvidia.com/gpu.present: "true"}
                                           taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
      --strategy NAME                most-allocated (bin-packing, default) | least-allocated (kube-scheduler's default spreading)
  -o, --output FORMAT                text | json (default: text)
      --max-pods N                   most pods simulated (default ${DEFAULT_MAX_SIMULATED_PODS}); more is an error, exit 2
      --max-nodes N                  most nodes in all pools (default ${DEFAULT_MAX_SIMULATED_NODES}); more is an error, exit 2

Examples:
  helm template my-release charts/training | chartforge fit --nodes pools.yaml
  chartforge fit --nodes pools.yaml --strategy least-allocated -o json manifests/

Exit codes: 0 every pod fits, 1 some pod does not fit or a manifest cannot be read, 2 usage or I/O error.
`;

function positiveInteger(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive integer, got "${raw}"`);
  return value;
}

export const fitCommand: Command = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      nodes: { type: 'string' },
      strategy: { type: 'string', default: 'most-allocated' },
      output: { type: 'string', short: 'o', default: 'text' },
      'max-pods': { type: 'string' },
      'max-nodes': { type: 'string' },
    });
    const maxPods = positiveInteger(values['max-pods'], '--max-pods', DEFAULT_MAX_SIMULATED_PODS);
    const maxNodes = positiveInteger(values['max-nodes'], '--max-nodes', DEFAULT_MAX_SIMULATED_NODES);
    if (values.nodes === undefined) throw new UsageError('--nodes FILE is required (the node pools to schedule onto)');
    if (!STRATEGIES.includes(values.strategy as ScoringStrategy)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}`);
    if (values.output !== 'text' && values.output !== 'json') throw new UsageError(`--output must be text or json, got "${values.output}"`);
    const paths = positionals.length > 0 ? positionals : io.stdin.isTTY ? [] : ['-'];
    if (paths.length === 0) throw new UsageError('no manifests given: pass files, directories or "-" for standard input');
    const pools = readNodePools(resolve(io.cwd, values.nodes), maxNodes, values.nodes);
    const manifests = await readManifests(paths, { cwd: io.cwd, readStdin: () => readInputStream(io.stdin, 'stdin') });
    if (manifests.problems.length > 0) {
      for (const problem of manifests.problems) io.stderr.write(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
      return EXIT_FINDINGS;
    }
    const result = simulateFit(manifests.resources, pools, { strategy: values.strategy as ScoringStrategy, maxPods });
    io.stdout.write(values.output === 'json' ? formatFitJson(result) : formatFitText(result));
    return result.unschedulable.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
