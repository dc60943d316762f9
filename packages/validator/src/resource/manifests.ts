// Manifests → resources with positions, for callers that need the objects rather than a
// validation report (`chartforge fit`, rule tests): the same reader as `validate`, so positions
// and error messages match.
import { ValidateError } from '../errors.js';
import type { Finding, Resource, ResourceResult } from '../types.js';
import { DEFAULT_LIMITS } from '../yaml/documents.js';
import { expandPaths } from './paths.js';
import { readInputFile, readResources } from './read.js';

export interface ReadManifests {
  readonly resources: Resource[];
  /** Documents that could not be read as resources (YAML errors, missing apiVersion/kind). */
  readonly problems: Finding[];
}

/** Resources of one manifest text (multi-document YAML or JSON), named `name` in positions. */
export function parseManifestText(name: string, text: string | Uint8Array): ReadManifests {
  const results: ResourceResult[] = [];
  const resources = [...readResources(name, text, DEFAULT_LIMITS, results)].flatMap(({ resource }) => (resource ? [resource] : []));
  return { resources, problems: problemsOf(results) };
}

function problemsOf(results: readonly ResourceResult[]): Finding[] {
  return results.filter((r) => r.status === 'error').flatMap((r) => r.findings.filter((f) => f.severity === 'error'));
}

export async function readManifests(paths: readonly string[], options: { cwd: string; readStdin: () => Promise<Uint8Array> }): Promise<ReadManifests> {
  const resources: Resource[] = [];
  const results: ResourceResult[] = [];
  let files: string[];
  try {
    files = expandPaths(paths, options.cwd);
  } catch (error) {
    throw new ValidateError((error as Error).message);
  }
  for (const path of files) {
    let bytes: Uint8Array;
    if (path === '-') {
      bytes = await options.readStdin();
    } else {
      bytes = readInputFile(path, options.cwd);
    }
    for (const { resource } of readResources(path === '-' ? 'stdin' : path, bytes, DEFAULT_LIMITS, results)) {
      if (resource) resources.push(resource);
    }
  }
  return { resources, problems: problemsOf(results) };
}
