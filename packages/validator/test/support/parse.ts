// Resources as validate() reads them (the real YAML reader with positions), for rule tests.
import { readResources } from '../../src/validate.js';
import { DEFAULT_LIMITS } from '../../src/yaml/documents.js';
import type { Resource } from '../../src/types.js';

export function parseManifests(text: string, file = 'test.yaml'): Resource[] {
  return [...readResources(file, text, DEFAULT_LIMITS, [])].flatMap(({ resource }) => (resource ? [resource] : []));
}
