// Real charts for the benchmark: the Helm charts that projects of the ecosystem ship inside their
// Go modules (a chart repository is out of reach here; the Go module proxy is not), at pinned
// versions with pinned module checksums, downloaded by the go command into Go's module cache,
// outside the repository. Each chart is rendered by `helm template --include-crds` (what `helm
// install` sends) with its default values and with each of its `ci/*values.yaml`, the way
// chart-testing installs it, each as a release of its own name (so renders of one chart do not
// collide when they are checked together).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadGoModule } from './go-module.mjs';

/** Each module: its pinned version and go.sum hash, and the charts in it (with `--set` values some need to render what they install). */
export const REAL_CHARTS = [
  { module: 'sigs.k8s.io/kueue', version: 'v0.17.0', sum: 'h1:7hzb38M4eKGzYW+CFv2s1L+swzzacUCHOCXxZmAV90I=', charts: [{ dir: 'charts/kueue' }] },
  { module: 'sigs.k8s.io/jobset', version: 'v0.11.1', sum: 'h1:WgLEBnXTeX+4MxfVkIbfm4jIVgjvIY6Jfaei2okxKNk=', charts: [{ dir: 'charts/jobset' }] },
  { module: 'sigs.k8s.io/lws', version: 'v0.8.0', sum: 'h1:DdhJ8QabwTfWgbgaHH2gdf8twliioHaoSfmDXRYEVU0=', charts: [{ dir: 'charts/lws' }] },
  {
    module: 'sigs.k8s.io/kwok',
    version: 'v0.8.0',
    sum: 'h1:OTIOTwgROqPMovcTwxICx2eYQ4AwLpSx5EpjbDKF4SQ=',
    charts: [{ dir: 'charts/kwok' }, { dir: 'charts/stage-fast' }, { dir: 'charts/metrics-usage' }],
  },
  { module: 'sigs.k8s.io/metrics-server', version: 'v0.8.0', sum: 'h1:Zlsi3sBWEtFKCD3+xSysThvXyLQ363rUAlqpnsY5JwI=', charts: [{ dir: 'charts/metrics-server' }] },
  {
    module: 'sigs.k8s.io/scheduler-plugins',
    version: 'v0.34.1-devel',
    sum: 'h1:tT0/rFgjM7+VVDTKkcjA/XxhpYgRyq+RV0P7QW1Pxvo=',
    charts: [{ dir: 'manifests/install/charts/as-a-second-scheduler' }],
  },
  {
    module: 'github.com/cert-manager/cert-manager',
    version: 'v1.21.2',
    sum: 'h1:UWgoYM+KLNtRlqmoWOKjKBOBUPVHeepQ6/ac3ERJW68=',
    charts: [{ dir: 'deploy/charts/cert-manager', set: ['crds.enabled=true'] }],
  },
  {
    module: 'github.com/kserve/kserve',
    version: 'v0.15.2',
    sum: 'h1:uph7Umk331fvBMrHHpTJNDt6+lf3IAuyiskaQw8wIAk=',
    charts: [{ dir: 'charts/kserve-crd' }, { dir: 'charts/kserve-resources' }],
  },
  {
    module: 'github.com/kubeflow/spark-operator/v2',
    version: 'v2.5.0',
    sum: 'h1:NNgTHgQMbrGZSFJtprjssdtCaL/qlYYQY1EyXuRaP78=',
    charts: [{ dir: 'charts/spark-operator-chart' }],
  },
  { module: 'volcano.sh/volcano', version: 'v1.10.0', sum: 'h1:+GzQinGgeV0j58WpWpxByOXgF+YfUPW55zghM8GqjF0=', charts: [{ dir: 'installer/helm/chart/volcano' }] },
];

/** The extracted module (the charts are read from its files). */
function moduleDir(source) {
  const { dir } = downloadGoModule(source);
  if (!dir) throw new Error(`${source.module}@${source.version}: the go command did not extract it`);
  return dir;
}

/**
 * Renders every chart of REAL_CHARTS into `outDir`, one file per chart and values file
 * (`<chart>.yaml`, `<chart>-<ci values>.yaml`); returns the files' paths, sorted.
 */
export function renderRealCharts(helm, outDir) {
  mkdirSync(outDir, { recursive: true });
  const files = [];
  for (const source of REAL_CHARTS) {
    const dir = moduleDir(source);
    for (const chart of source.charts) {
      const chartDir = join(dir, chart.dir);
      const name = chart.dir.split('/').pop();
      const ciDir = join(chartDir, 'ci');
      const valueFiles = existsSync(ciDir) ? readdirSync(ciDir).filter((file) => file.endsWith('values.yaml')).sort() : [];
      for (const values of [undefined, ...valueFiles]) {
        const release = `${name}${values ? `-${values.replace(/-?values\.yaml$/, '') || 'values'}` : ''}`.toLowerCase().slice(0, 53);
        const args = ['template', release, chartDir, '--include-crds', ...(chart.set ?? []).flatMap((value) => ['--set', value]), ...(values ? ['-f', join(ciDir, values)] : [])];
        const file = join(outDir, `${release}.yaml`);
        writeFileSync(file, execFileSync(helm, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
        files.push(file);
      }
    }
  }
  return files.sort();
}
