import { describe, expect, it } from 'vitest';
import { chartDir, ciValuesFiles, filesOnDisk, regenerate } from '../src/charts.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { expectSchemaRejection } from '../src/chart-assertions.js';
import { describeFindings, kubernetesProblems } from '../src/kube.js';
import { chartforge } from '../src/cli.js';

const dir = chartDir('serving');

describe('charts/serving', () => {
  it('is exactly what the generator makes of the default spec (no drift)', () => {
    const generated = regenerate('serving');
    const committed = filesOnDisk(dir);
    expect([...committed.keys()]).toEqual([...generated.keys()]);
    for (const [path, content] of generated) expect(committed.get(path), path).toBe(content);
  });

  describe.each(HELM_MAJORS)('helm %s', (major) => {
    it.each(ciValuesFiles('serving').map((f) => [f ?? 'default values', f]))('lints --strict and renders strictly valid manifests with %s', async (_name, values) => {
      const extra = values ? ['-f', values] : [];
      const lint = helm(major, ['lint', '--strict', dir, ...extra]);
      expect(lint.status, lint.stdout + lint.stderr).toBe(0);
      const render = helm(major, ['template', 'release', dir, ...extra]);
      expect(render.status, render.stderr).toBe(0);
      expect(render.stdout).toContain('kind: Deployment');
      const problems = await kubernetesProblems(render.stdout, `serving ${values ?? 'defaults'}`);
      expect(problems, describeFindings(problems)).toEqual([]);
    });

    it.each([
      ['autoscaling.maxReplicas=0', /maxReplicas/],
      ['image.pullPolicy=Sometimes', /pullPolicy/],
      ['replicaCount=-1', /replicaCount/],
      ['runtime.preset=tritn', /preset/],
    ])('rejects --set %s through values.schema.json', (set, field) => expectSchemaRejection(major, dir, set, field));

    it('enforces rules across values at render time', () => {
      const result = helm(major, ['template', 'release', dir, '--set', 'autoscaling.enabled=true,autoscaling.minReplicas=3,autoscaling.maxReplicas=2']);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('autoscaling.maxReplicas: must be ≥ minReplicas (3)');
    });
  });

  it.each(ciValuesFiles('serving').map((f) => [f ?? 'default values', f]))('installs with helm 4 --dry-run=client with %s', (_name, values) => {
    const result = helm('v4', ['install', 'release', dir, '--dry-run=client', ...(values ? ['-f', values] : [])]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('STATUS: pending-install');
  });
});

describe('charts/serving rolls its pods when its configuration changes', () => {
  const checksum = (args: string[]) => {
    const render = helm('v4', ['template', 'release', dir, ...args]);
    expect(render.status, render.stderr).toBe(0);
    return /checksum\/config: "([0-9a-f]{64})"/.exec(render.stdout)?.[1];
  };

  it('changes the pod template checksum with the runtime config files, and only then', () => {
    const base = checksum(['--set', 'runtime.preset=torchserve']);
    expect(base).toBeDefined();
    expect(checksum(['--set', 'runtime.preset=torchserve'])).toBe(base);
    expect(checksum(['--set', 'runtime.preset=torchserve', '--set', 'replicaCount=3'])).toBe(base);
    expect(checksum(['--set', 'runtime.preset=torchserve', '--set-string', 'runtime.configFiles.extra\\.properties=workers=4'])).not.toBe(base);
  });
});

describe('charts/serving spreads its replicas over nodes', () => {
  const render = (args: string[]) => {
    const result = helm('v4', ['template', 'release', dir, ...args]);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };
  // What `chartforge validate` says about availability: spread over nodes and a disruption budget.
  const availability = (manifests: string) => chartforge(['validate', '--rules', 'replica-spread,pdb-for-replicas', '-'], { input: manifests });

  it.each([
    ['replicaCount=2', ['--set', 'replicaCount=2']],
    ['autoscaling on', ['--set', 'autoscaling.enabled=true']],
  ])('prefers different nodes for its replicas with %s, so replica-spread finds nothing', (_name, args) => {
    const manifests = render(args);
    expect(manifests).toContain('topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway');
    expect(availability(manifests)).toMatchObject({ status: 0, stdout: '' });
  });

  it('adds no spread to one replica, nor to pods the values already spread', () => {
    expect(render([])).not.toContain('topologySpreadConstraints');
    const own = render(['--set', 'replicaCount=3', '--set', 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey=topology.kubernetes.io/zone',
      '--set', 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels.app\\.kubernetes\\.io/instance=release']);
    expect(own).not.toContain('topologySpreadConstraints');
    expect(availability(own)).toMatchObject({ status: 0, stdout: '' });
  });
});
