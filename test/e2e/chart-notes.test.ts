// What a release needs before its pods can start is in NOTES.txt, printed by `helm install`: every
// object a ci/ values file declares in its ci/*-prerequisites.yaml (issue 15) — claims, Secrets,
// ConfigMaps, the PriorityClass and StorageClasses — is listed there for users too.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KindName } from '@chartforge/kinds';
import { chartDir, ciValuesFiles } from '../src/charts.js';
import { helm } from '../src/helm.js';

const KINDS: KindName[] = ['migration', 'serving', 'training'];
const CLUSTER_SCOPED = new Set(['PriorityClass', 'StorageClass']);
const HEADING = 'It uses objects it does not create; they must exist before its pods can start';

/** The objects NOTES.txt lists under its heading, as printed. */
function listedInNotes(kind: KindName, values: string): string[] {
  const result = helm('v4', ['install', 'demo', chartDir(kind), '-f', values, '--dry-run=client', '--namespace', 'team-a']);
  expect(result.status, result.stderr).toBe(0);
  const notes = result.stdout.slice(result.stdout.indexOf('NOTES:'));
  const start = notes.indexOf(HEADING);
  if (start < 0) return [];
  expect(notes.slice(start).split('\n')[0]).toBe(`${HEADING} (namespace team-a):`);
  return notes.slice(start).split('\n').slice(1).filter((line) => line.startsWith('  ')).map((line) => line.trim());
}

describe.each(KINDS)('charts/%s NOTES.txt', (kind) => {
  const withPrerequisites = ciValuesFiles(kind).filter((file): file is string => file !== undefined && existsSync(file.replace(/-values\.yaml$/, '-prerequisites.yaml')));

  it.each(withPrerequisites.map((file) => [file.slice(file.lastIndexOf('/') + 1), file]))('lists everything %s needs to exist', (_name, values) => {
    const prerequisites = parse(readFileSync(values.replace(/-values\.yaml$/, '-prerequisites.yaml'), 'utf8')) as { objects: { kind: string; metadata: { name: string } }[] };
    const expected = prerequisites.objects.map((object) => `${object.kind}/${object.metadata.name}${CLUSTER_SCOPED.has(object.kind) ? ' (cluster-wide)' : ''}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(listedInNotes(kind, values)).toEqual(expect.arrayContaining(expected));
  });
});
