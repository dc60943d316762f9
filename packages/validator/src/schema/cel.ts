// CRD validation rules (`x-kubernetes-validations`), evaluated as the API server evaluates them on
// create: `self` is the value at the schema node that carries the rules, typed by that node's
// schema (integers are CEL ints, `number` is double, properties named like CEL keywords or with
// `.`, `-`, `/` or `__` are escaped as `__namespace__`, `__dash__` …, map keys are not), with the
// schema's defaults applied first, as the API server defaults before it validates.
//
// Evaluated with @marcbachmann/cel-js (CEL's standard definitions, macros and the strings
// extension) plus Kubernetes' `isIP`. Not judged, never reported: transition rules (they read
// `oldSelf`, which a create does not have) and rules that call what the library does not define —
// the rest of Kubernetes' own CEL libraries (quantity, url, ip(), cidr, semver, format, authz) and
// the lists extension. A rule that is false reports its `message` (or evaluated
// `messageExpression`), else `failed rule: <rule>`, at the node plus its `fieldPath`; a rule whose
// evaluation fails on data (a field it reads is absent) is reported too, as the API server rejects it.

import { Environment } from '@marcbachmann/cel-js';
import { isIP as ipVersion } from 'node:net';
import type { JsonSchema, SchemaViolation } from './compile.js';

interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
}

/**
 * Kubernetes' `isIP` (apiserver/pkg/cel/library/ip.go): an IPv4 or IPv6 address as Go's
 * netip.ParseAddr reads it (no leading zeros), without a zone and not IPv4-mapped IPv6.
 */
export function isKubernetesIP(value: string): boolean {
  const version = ipVersion(value);
  if (version === 4) return true;
  if (version !== 6 || value.includes('%')) return false;
  return !/^\[::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}\]$/i.test(new URL(`http://[${value}]/`).hostname);
}

const environment = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false, enableOptionalTypes: true }).registerFunction('isIP(string): bool', isKubernetesIP);

type Program = (context: Record<string, unknown>) => unknown;

/** A rule compiled once: undefined when the library cannot parse it (the API server would have refused the CRD, or it uses syntax we lack). */
const programs = new Map<string, Program | undefined>();

function program(expression: string): Program | undefined {
  if (programs.has(expression)) return programs.get(expression);
  let compiled: Program | undefined;
  try {
    compiled = environment.parse(expression) as unknown as Program;
  } catch {
    compiled = undefined;
  }
  programs.set(expression, compiled);
  return compiled;
}

// apiextensions-apiserver pkg/apiserver/schema/cel/model/escaping.go
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

export function escapeCelProperty(name: string): string {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__|[./-]/g, (match) => (match === '__' ? '__underscores__' : match === '.' ? '__dot__' : match === '-' ? '__dash__' : '__slash__'));
}

/** A value as CEL sees it under `schema`: ints as bigint, escaped property names, defaults filled in. */
export function celValue(value: unknown, schema: JsonSchema | undefined): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') {
    const type = schema?.type;
    if (type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    const items = schema?.items as JsonSchema | undefined;
    return value.map((item) => celValue(item, items));
  }
  if (typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const properties = schema?.properties as Record<string, JsonSchema> | undefined;
  const additional = schema?.additionalProperties;
  const out: Record<string, unknown> = {};
  if (properties) {
    for (const [name, child] of Object.entries(properties)) {
      const present = object[name];
      if (present !== undefined && present !== null) out[escapeCelProperty(name)] = celValue(present, child);
      else if (child.default !== undefined) out[escapeCelProperty(name)] = celValue(child.default, child);
    }
    if (schema?.['x-kubernetes-preserve-unknown-fields'] === true) for (const [key, child] of Object.entries(object)) if (!Object.hasOwn(properties, key) && child !== null) out[key] = celValue(child, undefined);
    return out;
  }
  const valueSchema = additional !== null && typeof additional === 'object' ? (additional as JsonSchema) : undefined;
  for (const [key, child] of Object.entries(object)) if (child !== null) out[key] = celValue(child, valueSchema);
  return out;
}

/**
 * Evaluation errors that come from the data (a field the rule reads is absent, an index out of
 * range, a division by zero, a failed conversion): the API server rejects the object with them.
 * Any other error (a function or a form of has() the library lacks) means the rule cannot be judged here.
 */
function dataError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /No such key|out of bounds|division by zero|cannot convert/i.test(message);
}

/** `.spec.replicas`, `.labels['app.kubernetes.io/name']`, `.items[0]` → path segments. */
export function parseFieldPath(fieldPath: string): Array<string | number> {
  const out: Array<string | number> = [];
  const pattern = /\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*(\d+)\s*\]/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(fieldPath)) !== null) out.push(match[1] ?? (match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : Number(match[3])));
  return out;
}

/** The check for a schema node's validation rules, or undefined when it has none that a create evaluates. */
export function celRuleCheck(schema: JsonSchema): ((value: unknown) => SchemaViolation[]) | undefined {
  const declared = schema['x-kubernetes-validations'];
  if (!Array.isArray(declared)) return undefined;
  const rules = (declared as ValidationRule[]).filter((r) => typeof r?.rule === 'string' && !/\boldSelf\b/.test(r.rule));
  if (rules.length === 0) return undefined;
  return (value) => {
    const violations: SchemaViolation[] = [];
    let self: unknown;
    let converted = false;
    for (const rule of rules) {
      const evaluate = program(rule.rule);
      if (!evaluate) continue;
      if (!converted) {
        self = celValue(value, schema);
        converted = true;
      }
      let verdict: unknown;
      let failure: string | undefined;
      try {
        verdict = evaluate({ self });
      } catch (error) {
        if (!dataError(error)) continue;
        failure = `${error instanceof Error ? error.message.split('\n')[0] : String(error)} evaluating rule: ${rule.rule}`;
      }
      if (failure === undefined && verdict !== false) continue;
      violations.push({ path: rule.fieldPath ? parseFieldPath(rule.fieldPath) : [], message: failure ?? ruleMessage(rule, self), severity: 'error' });
    }
    return violations;
  };
}

function ruleMessage(rule: ValidationRule, self: unknown): string {
  if (rule.messageExpression) {
    const evaluate = program(rule.messageExpression);
    try {
      const message = evaluate?.({ self });
      if (typeof message === 'string' && message.trim() !== '') return message;
    } catch {
      // The API server falls back to message (or the rule) when messageExpression fails.
    }
  }
  if (rule.message && rule.message.trim() !== '') return rule.message;
  return `failed rule: ${rule.rule}`;
}
