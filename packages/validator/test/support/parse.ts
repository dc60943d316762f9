// Resources as validate() reads them (the real YAML reader with positions), for rule tests.
import { parseManifestText } from '../../src/resource/manifests.js';
import type { Resource } from '../../src/types.js';

export function parseManifests(text: string, file = 'test.yaml'): Resource[] {
  const { resources, problems } = parseManifestText(file, text);
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('; ')}`);
  return resources;
}
