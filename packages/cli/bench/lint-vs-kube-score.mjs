#!/usr/bin/env node
// `pnpm bench` for the CLI: chartforge's lint path side by side with kube-score (v1.20.0, built
// once by scripts/peer-tools.mjs) on the same files, as issue 18 measures it. Prints figures;
// asserts nothing (a benchmark, not a test).
//
//   real charts    third-party charts as their projects ship them (Kueue, JobSet, LeaderWorkerSet,
//                  kwok, metrics-server, scheduler-plugins, cert-manager, KServe, the Spark
//                  operator, Volcano: scripts/real-charts.mjs, pinned, from the Go module proxy), rendered
//                  with their default and ci values: `chartforge validate` (schemas + the default
//                  lint rules) vs `kube-score score`, all files in one run of each
//   renders        every chart of charts/ with each of its ci/*-values.yaml, rendered by helm
//                  template (Helm 3), compared the same way
//   helm create    the chart `helm create` makes, rendered the same way: one small chart, where
//                  process start dominates; then Node.js' own start (`node -e 0`) beside it
//   workflow       that chart from its directory: `chartforge lint` (values check, helm lint
//                  --strict, helm template, validate and rules) vs `helm template | kube-score
//                  score -`; both pay for helm
//
// Each figure is the median of BENCH_RUNS (default 7) samples, the two tools alternating (A B A B
// …) so both see the same load on a shared machine; a sample runs the command BENCH_REPEAT
// (default 3) times back to back. CPU is user + system time of the child processes (Linux'
// /proc/self/stat, in clock ticks), wall is spawn to exit.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireHelm } from '../../../scripts/helm-binaries.mjs';
import { buildPeer, PEERS } from '../../../scripts/peer-tools.mjs';
import { renderRealCharts } from '../../../scripts/real-charts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = join(root, 'packages', 'cli', 'bin', 'chartforge.js');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) of the children this process has waited for. */
function childrenCpu() {
  // /proc/self/stat: the fields after the command name; cutime and cstime are fields 16 and 17.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / clockTicks;
}

/** One sample: `repeat` runs of `argv`; CPU and wall seconds per run. Exit 0 or 1 (findings) only. */
function sample(argv, options = {}) {
  const cpuBefore = childrenCpu();
  const started = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) {
    const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' }, ...options });
    if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e9 / repeat;
  return { cpu: (childrenCpu() - cpuBefore) / repeat, wall };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Both commands, alternating; prints medians and chartforge's ratio to kube-score. */
function compare(label, chartforgeArgv, kubeScoreArgv, options) {
  const samples = { chartforge: [], kubeScore: [] };
  for (let i = 0; i < runs; i++) {
    samples.chartforge.push(sample(chartforgeArgv, options));
    samples.kubeScore.push(sample(kubeScoreArgv, options));
  }
  const figures = Object.fromEntries(Object.entries(samples).map(([tool, list]) => [tool, { cpu: median(list.map((s) => s.cpu)), wall: median(list.map((s) => s.wall)) }]));
  const row = (tool, name) => `  ${name.padEnd(12)} ${figures[tool].cpu.toFixed(3).padStart(7)} s CPU ${figures[tool].wall.toFixed(3).padStart(7)} s wall`;
  console.log(label);
  console.log(row('chartforge', 'chartforge'));
  console.log(row('kubeScore', 'kube-score'));
  console.log(`  chartforge / kube-score: ${(figures.chartforge.cpu / figures.kubeScore.cpu).toFixed(1)}× CPU, ${(figures.chartforge.wall / figures.kubeScore.wall).toFixed(1)}× wall`);
  return figures;
}

/**
 * Node.js starting and exiting with nothing to do, measured like the tools: the floor under any
 * run of a Node.js CLI, which issue 18's single-chart target (twice kube-score's wall time) is
 * held against.
 */
function nodeStart(kubeScoreWall) {
  const samples = Array.from({ length: runs }, () => sample([process.execPath, '-e', '0']));
  const wall = median(samples.map((s) => s.wall));
  console.log(`node.js start (node -e 0): ${median(samples.map((s) => s.cpu)).toFixed(3)} s CPU ${wall.toFixed(3)} s wall`);
  console.log(`  twice kube-score's wall time on helm create's chart: ${(2 * kubeScoreWall).toFixed(3)} s (node's start alone is ${(wall / (2 * kubeScoreWall)).toFixed(1)}× that)`);
}

if (!existsSync(join(root, 'packages', 'cli', 'dist', 'bundle', 'index.js'))) throw new Error('build the CLI first: npx -y pnpm@10 run build');
const helm = requireHelm('v3');
const kubeScore = buildPeer('kube-score');
const work = mkdtempSync(join(tmpdir(), 'chartforge-bench-lint-'));
try {
  const renders = join(work, 'renders');
  mkdirSync(renders);
  for (const chart of readdirSync(join(root, 'charts')).sort()) {
    const ciDir = join(root, 'charts', chart, 'ci');
    for (const values of readdirSync(ciDir).filter((name) => name.endsWith('-values.yaml')).sort()) {
      const rendered = execFileSync(helm, ['template', chart, join(root, 'charts', chart), '-f', join(ciDir, values)], { encoding: 'utf8', maxBuffer: 1 << 28 });
      writeFileSync(join(renders, `${chart}-${basename(values, '-values.yaml')}.yaml`), rendered);
    }
  }
  const renderFiles = readdirSync(renders).sort().map((name) => join(renders, name));
  const realFiles = renderRealCharts(helm, join(work, 'real'));
  const documentsIn = (files) => files.reduce((sum, file) => sum + (readFileSync(file, 'utf8').match(/^kind: /gm) ?? []).length, 0);
  const megabytes = (files) => (files.reduce((sum, file) => sum + statSync(file).size, 0) / 1e6).toFixed(1);
  execFileSync(helm, ['create', 'mychart'], { cwd: work, stdio: 'ignore' });
  const created = join(work, 'mychart');
  const createdRender = join(work, 'mychart.yaml');
  writeFileSync(createdRender, execFileSync(helm, ['template', 'mychart', created], { encoding: 'utf8' }));

  console.log(
    `chartforge lint path vs kube-score ${PEERS['kube-score'].version} — node ${process.version}, ${availableParallelism()} CPUs, ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, median of ${runs} alternating samples × ${repeat} runs`,
  );
  compare(`real charts: ${realFiles.length} files, ${documentsIn(realFiles)} documents, ${megabytes(realFiles)} MB (scripts/real-charts.mjs)`, [process.execPath, cli, 'validate', ...realFiles], [kubeScore, 'score', ...realFiles]);
  compare(`renders: ${renderFiles.length} files, ${documentsIn(renderFiles)} documents, ${megabytes(renderFiles)} MB (charts/* × ci values)`, [process.execPath, cli, 'validate', ...renderFiles], [kubeScore, 'score', ...renderFiles]);
  const helmCreate = compare(`helm create: 1 file, ${(readFileSync(createdRender, 'utf8').match(/^kind: /gm) ?? []).length} documents`, [process.execPath, cli, 'validate', createdRender], [kubeScore, 'score', createdRender]);
  nodeStart(helmCreate.kubeScore.wall);
  compare(
    'workflow: the helm create chart from its directory (both run helm)',
    [process.execPath, cli, 'lint', '--helm', helm, created],
    ['/bin/sh', '-c', `"$HELM" template mychart "$CHART" | "$KUBE_SCORE" score -`],
    { env: { ...process.env, NO_COLOR: '1', HELM: helm, CHART: created, KUBE_SCORE: kubeScore } },
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
