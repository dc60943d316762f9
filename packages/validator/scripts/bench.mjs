// `pnpm bench` for the validator: throughput on generated corpora, peak memory, and the CLI's
// cold start on one small file. Prints figures; asserts nothing (a benchmark, not a test).
//
//   corpus 10k:  100 files × 100 documents (a Deployment with probes, resources and
//                securityContext, then a Service, alternating) = 10,000 resources, 7.5 MB
//   corpus 100k: 1,000 such files = 100,000 resources
//
// Each run is a fresh `chartforge validate` process (schema check only, `--no-lint`, as
// kubeconform works; and once with the default lint rules), timed from spawn to exit, with its
// peak RSS read from the child itself. The best of BENCH_RUNS (default 3) runs is reported next to
// the median, because the machine is shared and the best run is the least disturbed one.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'cli', 'bin', 'chartforge.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);

function deployment(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: bench
  labels:
    app.kubernetes.io/name: app-${i}
    app.kubernetes.io/part-of: bench
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: app-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-${i}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: server
          image: registry.example.com/app:1.2.${i}
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: "1"
              memory: 512Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 10
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
`;
}

function service(i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: bench
spec:
  selector:
    app.kubernetes.io/name: app-${i}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function corpus(dir, files, documents) {
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const parts = [];
    for (let d = 0; d < documents; d++) parts.push(`---\n${d % 2 === 0 ? deployment(f * documents + d) : service(f * documents + d)}`);
    writeFileSync(join(dir, `file-${String(f).padStart(4, '0')}.yaml`), parts.join(''));
  }
  return dir;
}

const rssProbe = join(here, 'bench-rss-probe.mjs');

/** One CLI process: wall seconds, peak RSS in MB, exit status, stdout. */
function runCli(args) {
  const rssFile = join(tmpdir(), `chartforge-bench-rss-${process.pid}.txt`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', rssProbe, cli, ...args], { encoding: 'utf8', env: { ...process.env, CHARTFORGE_BENCH_RSS: rssFile, NO_COLOR: '1' }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  rmSync(rssFile, { force: true });
  if (result.status !== 0 && result.status !== 1) throw new Error(`chartforge ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { seconds, rssMb, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (n, digits = 2) => n.toFixed(digits);

function throughput(label, dir, resources, extra) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(runCli(['validate', '--summary', ...extra, dir]));
  const summary = samples[0].stdout.trim().split('\n').pop();
  if (!summary.startsWith(`Summary: ${resources} resources`)) throw new Error(`unexpected result: ${summary}`);
  const best = Math.min(...samples.map((s) => s.seconds));
  const rss = Math.max(...samples.map((s) => s.rssMb));
  console.log(
    `${label.padEnd(34)} ${fixed(best).padStart(6)} s best  ${fixed(median(samples.map((s) => s.seconds))).padStart(6)} s median  ${String(Math.round(resources / best)).padStart(7)} resources/s  peak RSS ${fixed(rss, 0).padStart(4)} MB`,
  );
}

function coldStart(label, args) {
  const samples = [];
  for (let i = 0; i < Math.max(10, runs * 3); i++) samples.push(runCli(args).seconds * 1000);
  console.log(`${label.padEnd(34)} ${fixed(Math.min(...samples), 0).padStart(6)} ms best  ${fixed(median(samples), 0).padStart(6)} ms median`);
}

if (!existsSync(join(here, '..', '..', 'cli', 'dist', 'index.js'))) throw new Error('build the CLI first: npx -y pnpm@10 run build');
const work = mkdtempSync(join(tmpdir(), 'chartforge-bench-'));
try {
  console.log(`chartforge validator benchmark — node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, best of ${runs}`);
  const small = corpus(join(work, 'small'), 1, 2);
  const tenK = corpus(join(work, '10k'), 100, 100);
  const hundredK = corpus(join(work, '100k'), 1000, 100);
  const nodeBaseline = [];
  for (let i = 0; i < 10; i++) {
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', '0']);
    nodeBaseline.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(`${'node -e 0 (baseline)'.padEnd(34)} ${fixed(Math.min(...nodeBaseline), 0).padStart(6)} ms best  ${fixed(median(nodeBaseline), 0).padStart(6)} ms median`);
  coldStart('cold start, 1 small file, --no-lint', ['validate', '--no-lint', join(small, 'file-0000.yaml')]);
  coldStart('cold start, 1 small file, lint', ['validate', join(small, 'file-0000.yaml')]);
  throughput('10k, --no-lint (auto threads)', tenK, 10_000, ['--no-lint']);
  throughput('10k, --no-lint --workers 0', tenK, 10_000, ['--no-lint', '--workers', '0']);
  throughput('10k, lint rules (default)', tenK, 10_000, []);
  throughput('100k, --no-lint (auto threads)', hundredK, 100_000, ['--no-lint']);
  throughput('100k, --no-lint --workers 0', hundredK, 100_000, ['--no-lint', '--workers', '0']);
} finally {
  rmSync(work, { recursive: true, force: true });
}
