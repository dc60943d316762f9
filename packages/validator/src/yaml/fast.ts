// The middle path, for documents the block parser (block.ts) gives up on: js-yaml builds plain
// data about ten times faster than `yaml` builds a document with positions. Positions are only needed for documents that have findings, so they come from
// a second, lazy parse with `yaml` (documents.ts). Both parsers must read every scalar the same
// way, so this schema copies the YAML 1.1 resolution rules of `yaml`'s `yaml-1.1` schema (minus
// timestamps and sexagesimal numbers, as documents.ts configures it) regex for regex.

import { createRequire } from 'node:module';
import { MAX_DEPTH_CEILING } from '@chartforge/core';
import type { LoadOptions, Schema, Type } from 'js-yaml';
import { FALSE, FLOAT, float, INT, integer, NULL, resolvePlain, STRING, TRUE } from './scalars.js';

type JsYaml = typeof import('js-yaml') & {
  // js-yaml exports its built-in types (and reads a maxDepth option since 4.3); @types/js-yaml declares neither.
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

// What follows `&` (an anchor) or `*` (an alias) up to a space or a flow indicator: the name, read
// the way js-yaml reads it. Matched anywhere in the text, so every real anchor and alias is among
// the matches, with text that only looks like one (`**bold**` in a CRD description, `a&b` in a URL).
const ANCHOR_NAME = /&([^\s,[\]{}]+)/g;
const ALIAS_NAME = /\*([^\s,[\]{}]+)/g;

/**
 * Whether `source` may use an alias: some `*name` names an `&name` of the same document. A real
 * alias always does (js-yaml refuses one to an unknown anchor, and such a document takes the slow
 * path as a syntax error), so a document this says no to has none, whatever `*` its prose holds.
 */
export function mayUseAliases(source: string): boolean {
  if (!source.includes('*') || !source.includes('&')) return false;
  const anchors = new Set<string>();
  for (const match of source.matchAll(ANCHOR_NAME)) anchors.add(match[1]!);
  for (const match of source.matchAll(ALIAS_NAME)) if (anchors.has(match[1]!)) return true;
  return false;
}

export type FastResult = { value: unknown } | { failed: true };

/**
 * Parses one document quickly, or says it could not. Any doubt (aliases that could be a YAML
 * bomb, syntax errors, duplicate keys, unknown tags) sends the document to the `yaml` path, which
 * reports the problem with its exact position.
 */
export function parseFast(source: string, maxDepth: number): FastResult {
  if (mayUseAliases(source)) return { failed: true };
  try {
    // js-yaml counts every node, a scalar too, where the limit counts maps and sequences: one more
    // level lets a document at the limit through. Past it, the `yaml` path says where it broke.
    const options: LoadOptions & { maxDepth: number } = { schema: kubernetesYamlSchema(), json: false, maxDepth: Math.min(maxDepth, MAX_DEPTH_CEILING) + 1 };
    return { value: jsyaml().load(source, options) };
  } catch {
    return { failed: true };
  }
}
