import type { CommandEntry } from '../command.js';

/** Every command of the CLI, in the order `chartforge --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: ['generate'],
    summary: 'Generate a Helm chart (serving, training or migration) from a typed spec',
    load: async () => (await import('./generate.js')).generateCommand,
  },
  {
    name: ['schema'],
    summary: "Print the JSON Schema of a kind's values (for editors and CI)",
    load: async () => (await import('./schema.js')).schemaCommand,
  },
  {
    name: ['validate'],
    summary: 'Validate Kubernetes manifests against the API schemas of a Kubernetes version',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: ['rules'],
    summary: 'List the lint rules (Pod Security, best practices, removed APIs, ML and scheduling)',
    load: async () => (await import('./rules.js')).rulesCommand,
  },
  {
    name: ['fit'],
    summary: "Simulate scheduling the manifests' pods onto node pools: what does not fit, utilization per pool",
    load: async () => (await import('./fit.js')).fitCommand,
  },
  {
    name: ['values', 'check'],
    summary: "Check values files against a chart's values.schema.json, as Helm does",
    load: async () => (await import('./values-check.js')).valuesCheckCommand,
  },
  {
    name: ['lint'],
    summary: 'The whole CI check of a chart: values schema, helm lint, render and validate',
    load: async () => (await import('./lint.js')).lintCommand,
  },
  {
    name: ['upgrade-check'],
    summary: 'What helm upgrade will do before it runs: pods replaced, objects deleted, updates refused',
    load: async () => (await import('./upgrade-check.js')).upgradeCheckCommand,
  },
  {
    name: ['package'],
    summary: 'Package charts into byte-reproducible .tgz archives, optionally signed (.prov)',
    load: async () => (await import('./package.js')).packageCommand,
  },
  {
    name: ['index'],
    summary: 'Write a chart repository index.yaml (helm repo index format, deterministic)',
    load: async () => (await import('./index-repo.js')).indexCommand,
  },
  {
    name: ['version-check'],
    summary: 'Fail when a chart changed since a git ref without a Chart.yaml version bump',
    load: async () => (await import('./version-check.js')).versionCheckCommand,
  },
];
