// @chartforge/publish's lintCharts(), called as a library user calls it (no CLI): a real chart, the
// real helm. The CLI's own behaviour is publish-lint.test.ts; here what the library promises: the
// findings in both namings, progress per chart and values file, and UserErrors for what the caller
// must fix. One helm is enough: publish-lint runs every case under Helm 3 and 4.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EXIT_USAGE, UserError } from '@chartforge/core';
import { lintCharts, type LintProgress } from '@chartforge/publish';
import { describe, expect, it } from 'vitest';
import { helmBinary } from '../src/helm.js';
import { copyChart, isolatedHelmHome, temporaryDir } from '../src/publish.js';

const helm = helmBinary('v4');
const env = { ...process.env, ...isolatedHelmHome() };

describe('lintCharts', () => {
  it('finds nothing in a clean chart and tells progress for each ci values file', async () => {
    const chart = copyChart();
    const seen: LintProgress[] = [];
    const result = await lintCharts([chart], { helm, env, onProgress: (progress) => seen.push(progress) });
    expect(result.findings).toEqual([]);
    expect(result.helm.major).toBe(4);
    expect(seen).toEqual([
      { done: 0, total: 1, chart, values: join('ci', 'default-values.yaml') },
      { done: 0, total: 1, chart, values: join('ci', 'scaled-values.yaml') },
    ]);
  });

  it('maps a rendered finding to its template line, once, naming every values file it occurs with', async () => {
    const chart = copyChart();
    const deployment = join(chart, 'templates', 'deployment.yaml');
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replace('          imagePullPolicy:', '          imagePulPolicy:'));
    const result = await lintCharts([chart], { helm, env, kubernetesVersion: '1.35' });
    const typo = result.findings.filter((finding) => finding.message.includes('imagePulPolicy'));
    expect(typo).toHaveLength(1);
    expect(typo[0]).toMatchObject({ file: deployment, line: 29, column: 11, severity: 'error', rule: 'schema' });
    expect(typo[0]!.message).toContain(`[with ${join(chart, 'ci', 'default-values.yaml')}, ${join(chart, 'ci', 'scaled-values.yaml')}]`);
    // The text report's naming: the same finding, its values files short and counted.
    const short = result.shortFindings.find((finding) => finding.message.includes('imagePulPolicy'));
    expect(short?.message).toContain('[with 2 values files: ci/default-values.yaml, ci/scaled-values.yaml]');
  });

  it('checks the caller\'s values files (relative to cwd) besides the ci ones', async () => {
    const chart = copyChart();
    const cwd = temporaryDir();
    writeFileSync(join(cwd, 'prod.yaml'), 'service:\n  type: Ingress\n');
    const result = await lintCharts([chart], { helm, env, cwd, valuesFiles: ['prod.yaml'] });
    expect(result.findings).toContainEqual(expect.objectContaining({ file: 'prod.yaml', line: 2, column: 9, rule: 'values-schema', path: 'service.type' }));
  });

  it('throws UserErrors for a path that is no chart and for an unknown rule', async () => {
    const notAChart = temporaryDir();
    await expect(lintCharts([notAChart], { helm, env })).rejects.toThrow(new UserError(`${notAChart} is not a chart directory (no Chart.yaml) or chart archive`));
    const unknownRule = lintCharts([copyChart()], { helm, env, rules: { only: ['image-tags'] } });
    await expect(unknownRule).rejects.toBeInstanceOf(UserError);
    await expect(unknownRule).rejects.toMatchObject({ exitCode: EXIT_USAGE, message: '--rules: unknown rule "image-tags" (run `chartforge rules` for the list)' });
  });

  /** A helm in `dir` that runs `script` (sh) with $REAL the real helm and $DIR its directory. */
  function wrappedHelm(script: string): { path: string; dir: string } {
    const dir = temporaryDir();
    const path = join(dir, 'helm');
    writeFileSync(path, `#!/bin/sh\nREAL='${helm}'\nDIR='${dir}'\n${script}`);
    chmodSync(path, 0o755);
    return { path, dir };
  }

  it("runs helm lint and helm template beside each other, and beside chartforge's own checks", async () => {
    // Each run waits (10 s at most) until two have started: run one after the other, the first
    // would end before the second started.
    const { path, dir } = wrappedHelm(`case "$1" in
  lint|template)
    echo "start $1" >> "$DIR/log"
    i=0
    while [ "$(grep -c '^start' "$DIR/log")" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
    "$REAL" "$@"; status=$?
    echo "end $1" >> "$DIR/log"
    exit $status;;
esac
exec "$REAL" "$@"
`);
    const result = await lintCharts([copyChart()], { helm: path, env });
    expect(result.findings).toEqual([]);
    const log = readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
    // Two sets of values (ci/default, ci/scaled): four runs, the first two started before either ended.
    expect(log).toHaveLength(8);
    expect(log.slice(0, 2).every((line) => line.startsWith('start'))).toBe(true);
  });

  it('starts helm for at most one set of values per CPU ahead of the set being checked', async () => {
    // 12 sets of values; the first set's render takes 2 s while every other run ends at once, so
    // runs started without a bound would all have started, and their output piled up, by the time
    // the second set is checked.
    const chart = copyChart();
    const defaults = readFileSync(join(chart, 'ci', 'default-values.yaml'), 'utf8');
    for (let n = 10; n < 20; n++) writeFileSync(join(chart, 'ci', `more-${n}-values.yaml`), defaults);
    const { path, dir } = wrappedHelm(`case "$1" in
  lint|template)
    for arg in "$@"; do case "$arg" in *-values.yaml) values=$(basename "$arg");; esac; done
    echo "$values" >> "$DIR/log"
    if [ "$1" = template ] && [ "$values" = default-values.yaml ]; then sleep 2; fi;;
esac
exec "$REAL" "$@"
`);
    const setsStarted = () => new Set(readFileSync(join(dir, 'log'), 'utf8').trim().split('\n')).size;
    const startedAtProgress: number[] = [];
    const result = await lintCharts([chart], { helm: path, env, onProgress: () => startedAtProgress.push(setsStarted()) });
    expect(result.findings).toEqual([]);
    expect(startedAtProgress).toHaveLength(12);
    const ahead = Math.max(2, availableParallelism());
    for (const [index, started] of startedAtProgress.entries()) expect(started, `sets started when set ${index} is checked`).toBeLessThanOrEqual(index + 1 + ahead);
    expect(setsStarted()).toBe(12);
  });

  it('kills the helm runs still going when linting stops with an error', async () => {
    // helm lint and template never end on their own; `helm version` answers like no helm once one
    // of them is running, so lintCharts fails while they run.
    const { path, dir } = wrappedHelm(`if [ "$1" = version ]; then
  i=0
  while [ ! -s "$DIR/pids" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
  echo "not helm"
  exit 0
fi
echo $$ >> "$DIR/pids"
exec sleep 60
`);
    await expect(lintCharts([copyChart()], { helm: path, env })).rejects.toThrow(/does not behave like helm \(helm version --short printed: not helm\)/);
    const pids = readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBeGreaterThan(0);
    // Gone, or a zombie this process has yet to reap.
    const ended = (pid: number) => !existsSync(`/proc/${pid}/stat`) || /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    await expect.poll(() => pids.every(ended), { timeout: 5000 }).toBe(true);
  });
});
