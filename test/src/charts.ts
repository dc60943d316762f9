// The committed charts and what the generator makes of the spec each is generated from.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { generateChart } from '@chartforge/generator';
import { formatSpecError, kinds, loadSpec, type KindName } from '@chartforge/kinds';
import { projectChart } from '../../scripts/project-charts.mjs';
import { REPO_ROOT } from './paths.js';

export function chartDir(kind: KindName): string {
  return join(REPO_ROOT, 'charts', kind);
}

export function filesOnDisk(dir: string): Map<string, string> {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)]));
  return new Map(walk(dir).sort().map((file) => [relative(dir, file).split(sep).join('/'), readFileSync(file, 'utf8')]));
}

/** What the generator makes of the spec `charts/<kind>` is generated from: the kind's defaults and the project's chart metadata. */
export function regenerate(kind: KindName): Map<string, string> {
  const definition = kinds[kind];
  if (!definition) throw new Error(`unknown kind ${kind}`);
  const loaded = loadSpec(definition, JSON.stringify(projectChart(kind)), 'project-chart.json');
  if (!loaded.ok) throw new Error(`the project's ${kind} spec is invalid: ${loaded.errors.map(formatSpecError).join('; ')}`);
  return generateChart(loaded.spec);
}

/** Values sets a chart is checked with: its defaults, then each ci/*-values.yaml. */
export function ciValuesFiles(kind: KindName): (string | undefined)[] {
  const ci = join(chartDir(kind), 'ci');
  return [undefined, ...readdirSync(ci).filter((f) => f.endsWith('-values.yaml')).sort().map((f) => join(ci, f))];
}
