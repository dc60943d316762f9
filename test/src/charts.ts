// The committed charts and what the generator makes of each kind's defaults.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { generateChart } from '@chartforge/generator';
import { defaultSpec, kinds, type KindName } from '@chartforge/spec';
import { REPO_ROOT } from './paths.js';

export function chartDir(kind: KindName): string {
  return join(REPO_ROOT, 'charts', kind);
}

export function filesOnDisk(dir: string): Map<string, string> {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)]));
  return new Map(walk(dir).sort().map((file) => [relative(dir, file).split(sep).join('/'), readFileSync(file, 'utf8')]));
}

export function regenerate(kind: KindName): Map<string, string> {
  const definition = kinds[kind];
  if (!definition) throw new Error(`unknown kind ${kind}`);
  return generateChart(defaultSpec(definition));
}

/** Values sets a chart is checked with: its defaults, then each ci/*-values.yaml. */
export function ciValuesFiles(kind: KindName): (string | undefined)[] {
  const ci = join(chartDir(kind), 'ci');
  return [undefined, ...readdirSync(ci).filter((f) => f.endsWith('-values.yaml')).sort().map((f) => join(ci, f))];
}
