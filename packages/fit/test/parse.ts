// Resources as `chartforge fit` reads them (the validator's reader, with positions).
import type { Resource } from '@chartforge/validator/core';
import { parseManifestText } from '@chartforge/validator/resource';

export function parseManifests(text: string, file = 'test.yaml'): Resource[] {
  const { resources, problems } = parseManifestText(file, text);
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('; ')}`);
  return resources;
}
