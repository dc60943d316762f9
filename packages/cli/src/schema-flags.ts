// The schema-check flags shared by `validate` and `lint` (lint validates what helm renders): one
// spelling, one parser and one meaning for both, so a `validate` command line's checks carry over.
import type { Severity } from '@chartforge/core';
import type { ValidateOptions } from '@chartforge/validator/core';
import { csv } from './rule-flags.js';
import { UsageError } from './io.js';

export const SCHEMA_FLAG_OPTIONS = {
  'kubernetes-version': { type: 'string', short: 'k' },
  'schema-location': { type: 'string', short: 's', multiple: true },
  crd: { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  'cache-max-age': { type: 'string' },
  'ignore-missing-schemas': { type: 'boolean' },
  skip: { type: 'string', multiple: true },
  reject: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
} as const;

export interface SchemaFlagValues {
  'schema-location'?: string[] | undefined;
  crd?: string[] | undefined;
  'cache-dir'?: string | undefined;
  'cache-max-age'?: string | undefined;
  'ignore-missing-schemas'?: boolean | undefined;
  skip?: string[] | undefined;
  reject?: string[] | undefined;
}

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** --fail-on: the lowest severity that fails the run (default error). */
export function failOnSeverity(value: string | undefined): Severity {
  const failOn = (value ?? 'error') as Severity;
  if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on: unknown severity "${value}" (expected error, warning or info)`);
  return failOn;
}

/** Whether any finding is at or above the --fail-on severity. */
export function failsAt(failOn: Severity, findings: ReadonlyArray<{ severity: Severity }>): boolean {
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.some((f) => SEVERITIES.indexOf(f.severity) >= threshold);
}

/** `--strict=false` and `--strict false` are accepted as well as `--no-strict`, like kubeconform users type it. */
export function normaliseStrict(args: readonly string[]): { args: string[]; strict: boolean } {
  let strict = true;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const inline = /^--strict=(.*)$/.exec(arg);
    if (inline || arg === '--strict') {
      let value = inline ? inline[1]! : 'true';
      if (!inline && (args[i + 1] === 'true' || args[i + 1] === 'false')) value = args[++i]!;
      if (value !== 'true' && value !== 'false') throw new UsageError(`--strict: expected true or false, got "${value}"`);
      strict = value === 'true';
    } else if (arg === '--no-strict') strict = false;
    else out.push(arg);
  }
  return { args: out, strict };
}

/** The validator options the schema-check flags stand for (all but the Kubernetes version, which commands resolve). */
export function schemaCheckOptions(values: SchemaFlagValues): Pick<ValidateOptions, 'schemaLocations' | 'crds' | 'ignoreMissingSchemas' | 'skip' | 'reject' | 'cacheDir' | 'cacheMaxAgeMs'> {
  let cacheMaxAgeMs: number | undefined;
  if (values['cache-max-age'] !== undefined) {
    const age = /^(\d+)(s|m|h|d)?$/.exec(values['cache-max-age']);
    if (!age) throw new UsageError(`--cache-max-age: expected a duration such as 30m, 12h or 7d, got "${values['cache-max-age']}"`);
    cacheMaxAgeMs = Number(age[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(age[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  }
  return {
    ...(values['schema-location'] ? { schemaLocations: values['schema-location'] } : {}),
    crds: values.crd ?? [],
    ignoreMissingSchemas: values['ignore-missing-schemas'] ?? false,
    skip: csv(values.skip),
    reject: csv(values.reject),
    ...(values['cache-dir'] !== undefined ? { cacheDir: values['cache-dir'] } : {}),
    ...(cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs } : {}),
  };
}
