// One validator per kind, compiled on first use from the first location that has its schema.

import { SchemaCompiler, type CompiledSchema } from './compile.js';
import { CrdLocation } from './crds.js';
import { EmbeddedCrdLocation } from './embedded-crds.js';
import { SchemaFetcher } from './fetch.js';
import { KUBERNETES_DEFINITION_CHECKS } from './kubernetes-checks.js';
import { parseApiVersion } from './api-version.js';
import { DefinitionsDirectoryLocation, isDefinitionsDirectory, type GroupVersionKind, type SchemaLocation, TemplateLocation } from './locations.js';

export interface KindValidator {
  validate: CompiledSchema;
  origin: string;
}

export class SchemaRegistry {
  readonly crds = new CrdLocation();
  /** Asked last: CRDs given or found in the input, and the user's schema locations, win over them. */
  private readonly embeddedCrds = new EmbeddedCrdLocation();
  private readonly compiler: SchemaCompiler;
  /** The CEL rule checker, loaded with the first custom resource schema that has rules (built-in kinds have none, nor do most CRDs). */
  private celRuleCheck: typeof import('./cel.js').celRuleCheck | undefined;
  private readonly cache = new Map<string, Promise<KindValidator | undefined>>();
  /** Settled lookups by `apiVersion kind`, so the hot path needs no promise per resource. */
  private readonly settled = new Map<string, KindValidator | undefined>();

  constructor(
    readonly locations: readonly SchemaLocation[],
    fetcher: SchemaFetcher,
    strict: boolean,
  ) {
    this.compiler = new SchemaCompiler({ strict, resolve: fetcher.resolve, definitionChecks: KUBERNETES_DEFINITION_CHECKS, nodeChecks: (schema) => this.celRuleCheck?.(schema) });
  }

  /** The validator for a kind, or undefined when no location has its schema (CRDs are asked first). */
  async validator(apiVersion: string, kind: string): Promise<KindValidator | undefined> {
    const key = `${apiVersion} ${kind}`;
    if (this.settled.has(key)) return this.settled.get(key);
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookup({ ...parseApiVersion(apiVersion), kind });
      this.cache.set(key, found);
    }
    const validator = await found;
    this.settled.set(key, validator);
    return validator;
  }

  /** A settled lookup, without waiting: a KindValidator, undefined for a miss, null when not looked up yet. */
  peek(apiVersion: string, kind: string): KindValidator | undefined | null {
    const key = `${apiVersion} ${kind}`;
    return this.settled.has(key) ? this.settled.get(key) : null;
  }

  /** Forget misses, so kinds seen before their CRD was registered are looked up again. */
  forgetMisses(): void {
    for (const [key, validator] of this.settled) {
      if (validator === undefined) {
        this.settled.delete(key);
        this.cache.delete(key);
      }
    }
  }

  /** Kinds the locations can list (definitions sets, CRDs), for did-you-mean hints on missing schemas. */
  knownKinds(): GroupVersionKind[] {
    return [this.crds, ...this.locations, this.embeddedCrds].flatMap((location) => location.kinds?.() ?? []);
  }

  private async lookup(gvk: GroupVersionKind): Promise<KindValidator | undefined> {
    for (const location of [this.crds, ...this.locations, this.embeddedCrds]) {
      const found = await location.find(gvk);
      if (!found) continue;
      if ((location === this.crds || location === this.embeddedCrds) && !this.celRuleCheck && carriesValidationRules(found.document.root)) {
        this.celRuleCheck = (await import('./cel.js')).celRuleCheck;
      }
      return { validate: this.compiler.compile(found.schema, found.document), origin: found.origin };
    }
    return undefined;
  }
}

/** Whether a schema has `x-kubernetes-validations` anywhere: only then is the CEL library worth loading. */
function carriesValidationRules(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(carriesValidationRules);
  if (schema === null || typeof schema !== 'object') return false;
  for (const key in schema) {
    if (key === 'x-kubernetes-validations' || carriesValidationRules((schema as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** Builds the location list from user-given strings: definitions directories, kubeconform dirs, templates. */
export function schemaLocationsFrom(locations: readonly string[], kubernetesVersion: string, strict: boolean, fetcher: SchemaFetcher, cwd: string): SchemaLocation[] {
  return locations.map((location) => {
    if (isDefinitionsDirectory(location)) return new DefinitionsDirectoryLocation(location, kubernetesVersion);
    return new TemplateLocation(location, kubernetesVersion, strict, fetcher, cwd);
  });
}
