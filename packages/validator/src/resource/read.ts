// Resource reading: bytes → documents with positions → Kubernetes objects (a `kind: List` item by
// item), and a file's bytes through the hardened reader. Documents that cannot become resources
// (YAML errors, no apiVersion or kind) are results with their findings here; validating the rest
// is the validator's job (validator.ts).

import { isAbsolute, resolve as resolvePath } from 'node:path';
import { ValidateError } from '../errors.js';
import { formatPath } from '@chartforge/core';
import { InputFileError } from '../read/error.js';
import { readInputFile as readRegularFile } from '../read/file.js';
import type { Finding, JsonPath, Resource, ResourceResult, Severity, SourcePosition } from '../types.js';
import { decodeText } from '../yaml/decode.js';
import { parseDocuments, type DuplicateKeys, type ParsedDocument, type YamlLimits } from '../yaml/documents.js';

// Read synchronously: a manifest is small, and an asynchronous read costs more in thread-pool round
// trips (open, stat, read, close) than it could overlap with validation. Through the hardened
// reader: regular files only, size-capped before a byte is decoded.
export function readInputFile(path: string, cwd: string): Uint8Array {
  try {
    return readRegularFile(isAbsolute(path) ? path : resolvePath(cwd, path), path);
  } catch (error) {
    if (error instanceof InputFileError) throw new ValidateError(error.message);
    throw error;
  }
}

function stringField(object: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

function emptyIdentity(): Pick<ResourceResult, 'apiVersion' | 'kind' | 'name'> {
  return { apiVersion: '', kind: '', name: '' };
}

/** A finding about the resource of `result`, at `position`. */
export function resultFinding(result: ResourceResult, position: SourcePosition, path: JsonPath, rule: string, severity: Severity, message: string): Finding {
  return {
    file: result.file,
    line: position.line,
    column: position.column,
    documentIndex: result.documentIndex,
    apiVersion: result.apiVersion,
    kind: result.kind,
    ...(result.namespace !== undefined ? { namespace: result.namespace } : {}),
    name: result.name,
    ...(result.template !== undefined ? { template: result.template } : {}),
    path: formatPath(path),
    rule,
    severity,
    message,
  };
}

/**
 * Parses a file into results (pushed onto `results` in order) and the resources to check.
 * Documents that cannot become resources get their final status here (empty, or error).
 */
export function* readResources(name: string, bytes: string | Uint8Array, limits: YamlLimits, results: ResourceResult[], duplicateKeys: DuplicateKeys = 'error'): Generator<{ result: ResourceResult; resource?: Resource }> {
  const base = (line: number, column: number, documentIndex: number): ResourceResult => ({ file: name, line, column, documentIndex, ...emptyIdentity(), status: 'valid', findings: [] });
  const decoded = decodeText(bytes);
  if ('error' in decoded) {
    const result: ResourceResult = { ...base(decoded.line, decoded.column, 0), status: 'error' };
    result.findings.push(resultFinding(result, decoded, [], 'yaml', 'error', decoded.error));
    results.push(result);
    yield { result };
    return;
  }
  for (const document of parseDocuments(decoded.text, limits, duplicateKeys)) {
    yield* documentResources(name, document, results, base);
  }
}

function* documentResources(name: string, document: ParsedDocument, results: ResourceResult[], base: (line: number, column: number, index: number) => ResourceResult): Generator<{ result: ResourceResult; resource?: Resource }> {
  // Most documents have no problems: one pass over them, and no array when there are none.
  const problems = document.problems;
  let hasErrors = false;
  let warnings: ParsedDocument['problems'] = NO_PROBLEMS;
  for (const problem of problems) {
    if (problem.severity === 'error') hasErrors = true;
    else if (problem.severity === 'warning') (warnings === NO_PROBLEMS ? (warnings = []) : warnings).push(problem);
  }
  if (hasErrors || document.empty) {
    const result = withTemplate(base(document.line, document.column, document.index), document);
    result.status = hasErrors ? 'error' : 'empty';
    identify(result, document.value);
    for (const problem of document.problems) result.findings.push(resultFinding(result, problem, [], 'yaml', problem.severity, problem.message));
    results.push(result);
    yield { result };
    return;
  }
  const value = document.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const result = withTemplate(base(document.line, document.column, document.index), document);
    result.status = 'error';
    result.findings.push(resultFinding(result, document, [], 'schema', 'error', `expected a Kubernetes object (a mapping with apiVersion and kind), got ${Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'a string' : String(value)}`));
    results.push(result);
    yield { result };
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = stringField(object, 'kind');
  const items = object.items;
  // `kind: List` (and typed lists such as PodList) are validated item by item.
  if (kind !== undefined && /List$/.test(kind) && Array.isArray(items) && typeof object.apiVersion === 'string') {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const prefix: JsonPath = ['items', i];
      const position = document.locate(prefix);
      const result = withTemplate(base(position.line, position.column, document.index), document);
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        result.status = 'error';
        result.findings.push(resultFinding(result, position, prefix, 'schema', 'error', 'list item must be a Kubernetes object'));
        results.push(result);
        yield { result };
        continue;
      }
      // Items of a typed list may leave out their apiVersion and kind.
      const typed = itemKind !== undefined ? { apiVersion: object.apiVersion, kind: itemKind, ...(item as Record<string, unknown>) } : (item as Record<string, unknown>);
      yield* resourceOf(name, document, typed, prefix, result, results, warnings);
    }
    return;
  }
  const result = withTemplate(base(document.line, document.column, document.index), document);
  yield* resourceOf(name, document, object, [], result, results, warnings);
}

const NO_PROBLEMS: ParsedDocument['problems'] = [];

/** `result` with the template of its document, when helm named one (added last, as the JSON output orders it). */
function withTemplate(result: ResourceResult, document: ParsedDocument): ResourceResult {
  if (document.template !== undefined) result.template = document.template;
  return result;
}

function identify(result: ResourceResult, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const object = value as Record<string, unknown>;
  const metadata = object.metadata !== null && typeof object.metadata === 'object' ? (object.metadata as Record<string, unknown>) : undefined;
  result.apiVersion = stringField(object, 'apiVersion') ?? '';
  result.kind = stringField(object, 'kind') ?? '';
  result.name = stringField(metadata, 'name') ?? stringField(metadata, 'generateName') ?? '';
  const namespace = stringField(metadata, 'namespace');
  if (namespace !== undefined) result.namespace = namespace;
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function* resourceOf(
  name: string,
  document: ParsedDocument,
  object: Record<string, unknown>,
  prefix: JsonPath,
  result: ResourceResult,
  results: ResourceResult[],
  warnings: ParsedDocument['problems'],
): Generator<{ result: ResourceResult; resource?: Resource }> {
  identify(result, object);
  results.push(result);
  for (const warning of warnings) result.findings.push(resultFinding(result, warning, [], 'yaml', 'warning', warning.message));
  if (!nonEmptyString(object.apiVersion) || !nonEmptyString(object.kind)) {
    result.status = 'error';
    for (const key of ['apiVersion', 'kind'] as const) {
      if (nonEmptyString(object[key])) continue;
      const present = object[key] !== undefined && object[key] !== null;
      const position = present ? document.locate([...prefix, key]) : document.locate(prefix);
      result.findings.push(resultFinding(result, position, present ? [key] : [], 'schema', 'error', present ? `"${key}" must be a non-empty string` : `missing "${key}"`));
    }
    yield { result };
    return;
  }
  // Built field by field (no spreads of throwaway objects), in the order the fields always had.
  const resource: Partial<{ -readonly [K in keyof Resource]: Resource[K] }> = { object, file: name, documentIndex: document.index, apiVersion: result.apiVersion, kind: result.kind, name: result.name };
  if (result.namespace !== undefined) resource.namespace = result.namespace;
  if (result.template !== undefined) resource.template = result.template;
  // A document's own resource is located as the document is; list items under their prefix.
  if (prefix.length === 0) {
    resource.locate = document.locate;
    resource.locateKey = document.locateKey;
  } else {
    resource.locate = (path) => document.locate([...prefix, ...path]);
    resource.locateKey = (path) => document.locateKey([...prefix, ...path]);
  }
  yield { result, resource: resource as Resource };
}
