#!/usr/bin/env node
// The CustomResourceDefinitions of the ecosystem our users' manifests carry, embedded so custom
// resources validate offline: taken verbatim from the CRD YAML that each project's Go module
// ships, at a pinned version whose module checksum (go.sum's h1: hash) is pinned too, through the
// Go module proxy (`go mod download -json MODULE@VERSION`, read straight from the module zip).
//
// Why the Go modules and not the npm @kubernetes-models/* packages: those are generated from the
// projects' Go types and keep neither the `x-kubernetes-validations` CEL rules nor the
// `x-kubernetes-*` markers of the CRDs the API server installs; the modules carry the CRDs themselves.
//
// Stored compactly in embedded/crds/: one gzipped JSON file per CRD (so a run loads only the kinds
// its manifests use), reduced to its served versions' openAPIV3Schema without the documentation
// keywords (description, example, externalDocs, title), and index.json: every group, its kinds,
// their files and versions, and where each came from.
//
// `node scripts/embed-crds.mjs` rewrites embedded/crds/; `--check` re-derives everything and exits 1
// when the stored files differ (the test crds-embedded.test.ts runs it). Needs the `go` command and
// the Go module proxy (or a module cache that already holds the pinned versions).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const { readZipEntries } = await import(pathToFileURL(join(here, '..', '..', '..', 'scripts', 'zip.mjs')).href);
const { downloadGoModule } = await import(pathToFileURL(join(here, '..', '..', '..', 'scripts', 'go-module.mjs')).href);
export const CRDS_DIR = join(here, '..', 'embedded', 'crds');

/**
 * What is embedded. `files` are paths inside the module, directories end in `/` (every .yaml in
 * it, not below). One release per project; a CRD's served API versions (v1alpha1, v1beta1, v1 …)
 * are all kept, so a manifest picks its version with its apiVersion.
 */
export const CRD_SOURCES = [
  { project: 'Prometheus Operator', module: 'github.com/prometheus-operator/prometheus-operator', version: 'v0.85.0', sum: 'h1:M5xLCLEoaW2IJfnuCwFzzpL+jSVQu3KGT84Pye+fW8s=', files: ['example/prometheus-operator-crd/'] },
  { project: 'Gateway API (standard channel)', module: 'sigs.k8s.io/gateway-api', version: 'v1.6.3', sum: 'h1:lKpJa5bGlraC/QeACvCpsHLdmO6y0iKfzVl6gzaFEYc=', files: ['config/crd/standard/'] },
  { project: 'KEDA', module: 'github.com/kedacore/keda/v2', version: 'v2.21.0', sum: 'h1:R6z2HZvstK4RLUMxroNACzBj74xGxt3kG59b5Xc+Xps=', files: ['config/crd/bases/'] },
  { project: 'cert-manager', module: 'github.com/cert-manager/cert-manager', version: 'v1.21.2', sum: 'h1:UWgoYM+KLNtRlqmoWOKjKBOBUPVHeepQ6/ac3ERJW68=', files: ['deploy/crds/'] },
  { project: 'Argo Rollouts', module: 'github.com/argoproj/argo-rollouts', version: 'v1.10.2', sum: 'h1:sEPWsY+HUvnXj3Vh0ejb+GDTceQ/palqhFo2FVQJMk0=', files: ['manifests/crds/'] },
  { project: 'External Secrets', module: 'github.com/external-secrets/external-secrets', version: 'v0.16.2', sum: 'h1:iNY+gIgSyL5higXTfnz+hdPCaiB/43UiHLqE7HBpj68=', files: ['config/crds/bases/'] },
  { project: 'Kueue', module: 'sigs.k8s.io/kueue', version: 'v0.17.0', sum: 'h1:7hzb38M4eKGzYW+CFv2s1L+swzzacUCHOCXxZmAV90I=', files: ['config/components/crd/bases/'] },
  { project: 'JobSet', module: 'sigs.k8s.io/jobset', version: 'v0.10.1', sum: 'h1:u8QKifNsrWVrlRFe6w2ofYTqFT9ma2DRHxfeB2m9xyU=', files: ['config/components/crd/bases/'] },
  { project: 'LeaderWorkerSet', module: 'sigs.k8s.io/lws', version: 'v0.7.0', sum: 'h1:qWfzX8+UBak+Hq0+m/PuE3uO0mp/3dmm5q/h/7z31A8=', files: ['config/crd/bases/'] },
  { project: 'KServe', module: 'github.com/kserve/kserve', version: 'v0.15.2', sum: 'h1:uph7Umk331fvBMrHHpTJNDt6+lf3IAuyiskaQw8wIAk=', files: ['config/crd/full/'] },
  { project: 'Kubeflow Trainer', module: 'github.com/kubeflow/trainer/v2', version: 'v2.0.0', sum: 'h1:mnQSR9iPKItxyUR8mq66XsmxqKNVHwr9YYOB7BTU9dU=', files: ['manifests/base/crds/'] },
  { project: 'KubeRay', module: 'github.com/ray-project/kuberay/ray-operator', version: 'v1.5.0', sum: 'h1:KCjCQ7PSsvs9Ke+90CZbbs498nuaIJ/JkXk4vd54EVg=', files: ['config/crd/bases/'] },
  // The module proxy serves only v1.10.0 of volcano.sh/volcano (every later tag answers 403); volcano.sh/apis has the Go types, no CRDs.
  { project: 'Volcano', module: 'volcano.sh/volcano', version: 'v1.10.0', sum: 'h1:+GzQinGgeV0j58WpWpxByOXgF+YfUPW55zghM8GqjF0=', files: ['config/crd/volcano/bases/', 'config/crd/jobflow/bases/'] },
];

const DOCUMENTATION = new Set(['description', 'example', 'externalDocs', 'title']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'additionalItems']);

/** A schema without its documentation keywords; property names are data and stay. */
export function compactSchema(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (DOCUMENTATION.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') out[key] = Object.fromEntries(Object.keys(value).map((name) => [name, compactSchema(value[name])]));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(compactSchema);
    else if (SCHEMA_VALUES.has(key)) out[key] = compactSchema(value);
    else out[key] = value;
  }
  return out;
}

function wantedFile(prefix, files) {
  return (name) => {
    if (!name.startsWith(prefix) || !/\.ya?ml$/.test(name)) return false;
    const path = name.slice(prefix.length);
    return files.some((f) => (f.endsWith('/') ? path.startsWith(f) && !path.slice(f.length).includes('/') : path === f));
  };
}

/** Each pinned source with its module checksum and its CRD files' text, in name order: [name, text]. */
export function crdSourceFiles() {
  return CRD_SOURCES.map((source) => {
    const { zip, sum } = downloadGoModule(source);
    const entries = readZipEntries(zip, wantedFile(`${source.module}@${source.version}/`, source.files));
    const files = [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, bytes]) => [name, bytes.toString('utf8')]);
    return { source, sum, files };
  });
}

/** { groups: { group: { kinds: { Kind: { scope, versions: { v1: schema } } } } }, index } from the pinned sources. */
export function deriveCrds() {
  const groups = new Map();
  const sources = [];
  for (const { source, sum, files } of crdSourceFiles()) {
    const crds = [];
    for (const [name, text] of files) {
      for (const document of parseAllDocuments(text)) {
        const crd = document.toJS();
        if (crd?.kind !== 'CustomResourceDefinition' || crd.apiVersion !== 'apiextensions.k8s.io/v1') continue;
        const { group, names, scope } = crd.spec;
        const versions = {};
        for (const version of crd.spec.versions) {
          if (version.served === false || !version.schema?.openAPIV3Schema) continue;
          versions[version.name] = compactSchema(version.schema.openAPIV3Schema);
        }
        if (Object.keys(versions).length === 0) continue;
        const kinds = (groups.get(group) ?? groups.set(group, { source: `${source.module}@${source.version}`, kinds: {} }).get(group)).kinds;
        if (kinds[names.kind]) throw new Error(`${group} ${names.kind}: defined twice (${name})`);
        kinds[names.kind] = { scope, plural: names.plural, versions };
        crds.push(`${names.kind}.${group}`);
      }
    }
    if (crds.length === 0) throw new Error(`${source.module}@${source.version}: no CustomResourceDefinition under ${source.files.join(', ')}`);
    sources.push({ project: source.project, module: source.module, version: source.version, sum, crds: crds.sort() });
  }
  return { groups, sources };
}

/** The files of embedded/crds/: name → bytes. gzip with a fixed header, so output is byte-reproducible. */
export function renderCrds({ groups, sources }) {
  const files = new Map();
  const index = { sources, groups: {} };
  for (const group of [...groups.keys()].sort()) {
    const { source, kinds } = groups.get(group);
    const entry = (index.groups[group] = { source, kinds: {} });
    for (const kind of Object.keys(kinds).sort()) {
      const file = `${group}_${kind}.json.gz`;
      files.set(file, gzipSync(`${JSON.stringify({ group, kind, source, ...kinds[kind] })}\n`, { level: 9 }));
      entry.kinds[kind] = { file, versions: Object.keys(kinds[kind].versions) };
    }
  }
  files.set('index.json', Buffer.from(`${JSON.stringify(index, null, 1)}\n`));
  return files;
}

/** Differences between the stored files and `files`: one line each, empty when they match. */
export function compareStored(files) {
  const problems = [];
  const stored = new Set(readdirSync(CRDS_DIR));
  for (const [name, bytes] of files) {
    if (!stored.has(name)) problems.push(`${name}: missing`);
    else {
      const current = readFileSync(join(CRDS_DIR, name));
      const same = name.endsWith('.gz') ? gunzipSync(current).equals(gunzipSync(bytes)) : current.equals(bytes);
      if (!same) problems.push(`${name}: differs from its source`);
    }
    stored.delete(name);
  }
  for (const name of stored) problems.push(`${name}: not derived from any source`);
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = renderCrds(deriveCrds());
  if (process.argv.includes('--check')) {
    const problems = compareStored(files);
    for (const problem of problems) console.error(`embedded/crds/${problem}`);
    if (problems.length > 0) {
      console.error('run node scripts/embed-crds.mjs to regenerate');
      process.exit(1);
    }
    console.log(`embedded/crds matches its ${CRD_SOURCES.length} sources`);
  } else {
    rmSync(CRDS_DIR, { recursive: true, force: true });
    mkdirSync(CRDS_DIR, { recursive: true });
    let bytes = 0;
    for (const [name, data] of files) {
      writeFileSync(join(CRDS_DIR, name), data);
      bytes += data.length;
    }
    console.log(`wrote ${CRDS_DIR}: ${files.size - 1} CRDs, ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
