// The middle path, for documents the block parser (block.ts) gives up on: js-yaml builds plain
// data about ten times faster than `yaml` builds a document with positions. Positions are only needed for documents that have findings, so they come from
// a second, lazy parse with `yaml` (documents.ts). Both parsers must read every scalar the same
// way, so this schema copies the YAML 1.1 resolution rules of `yaml`'s `yaml-1.1` schema (minus
// timestamps and sexagesimal numbers, as documents.ts configures it) regex for regex.

import { createRequire } from 'node:module';
import type { Schema, Type } from 'js-yaml';
import { FALSE, FLOAT, float, INT, integer, NULL, resolvePlain, STRING, TRUE } from './scalars.js';

type JsYaml = typeof import('js-yaml') & {
  // js-yaml exports its built-in types; @types/js-yaml does not declare them.
  types: Record<'str' | 'seq' | 'map' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set', Type>;
};
// Loaded on first use: plain manifests never get past the block parser.
let jsyamlModule: JsYaml | undefined;
const jsyaml = (): JsYaml => (jsyamlModule ??= createRequire(import.meta.url)('js-yaml') as JsYaml);

// js-yaml asks `resolve` and then `construct` for the same scalar: remember the last answer.
let lastSource: string | undefined;
let lastValue: unknown;

/** One implicit type for all of YAML 1.1's plain-scalar resolution (one call per scalar instead of four). */
const plainScalar = () => new (jsyaml().Type)('tag:yaml.org,2002:plain', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    const value = resolvePlain(data);
    if (value === STRING) return false;
    lastSource = data;
    lastValue = value;
    return true;
  },
  construct: (data: string) => (data === lastSource ? lastValue : resolvePlain(data)),
});

/** Explicitly tagged scalars (`!!int "3"`) use the same rules. */
function tagged(tag: string, test: RegExp, construct: (source: string) => unknown): Type {
  return new (jsyaml().Type)(tag, { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && test.test(data), construct });
}

let schema: Schema | undefined;

/** js-yaml's schema for YAML as Kubernetes reads it. */
export function kubernetesYamlSchema(): Schema {
  if (schema) return schema;
  const { Schema, types } = jsyaml();
  schema = new Schema({
    implicit: [plainScalar(), types.merge],
    explicit: [
      types.str,
      types.seq,
      types.map,
      tagged('tag:yaml.org,2002:null', NULL, () => null),
      tagged('tag:yaml.org,2002:bool', new RegExp(`${TRUE.source}|${FALSE.source}`), (s) => TRUE.test(s)),
      tagged('tag:yaml.org,2002:int', INT, integer),
      tagged('tag:yaml.org,2002:float', FLOAT, float),
      types.binary,
      types.omap,
      types.pairs,
      types.set,
    ],
  });
  return schema;
}

/** A YAML alias (`*name`) outside quotes, roughly: documents with aliases take the guarded slow path. */
const ALIAS = /(?:^|[\s[{,:-])\*[^\s,\]}]/;

export type FastResult = { value: unknown } | { failed: true };

/**
 * Parses one document quickly, or says it could not. Any doubt (aliases that could be a YAML
 * bomb, syntax errors, duplicate keys, unknown tags) sends the document to the `yaml` path, which
 * reports the problem with its exact position.
 */
export function parseFast(source: string): FastResult {
  if (ALIAS.test(source)) return { failed: true };
  try {
    return { value: jsyaml().load(source, { schema: kubernetesYamlSchema(), json: false }) };
  } catch {
    return { failed: true };
  }
}
