// The generated JSON Schemas as strict JSON Schema tools read them: ajv in strict mode (unknown
// keywords, union types, keywords without their type, tuples, required names without properties)
// compiles every charts/*/values.schema.json and schemas/*.json without one complaint, the
// `examples` they carry are values of the schema, and Helm 3 and 4 still lint the charts with
// every ci/ values file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { KindName } from '@chartforge/kinds';
import { chartDir, ciValuesFiles } from '../src/charts.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';

type Schema = { $schema?: string; definitions?: Record<string, unknown>; properties?: Record<string, Schema & { examples?: unknown[] }> };

const charts = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(REPO_ROOT, 'charts', name, 'Chart.yaml'))).sort() as KindName[];
const schemaFiles = [...charts.map((chart) => join('charts', chart, 'values.schema.json')), ...readdirSync(join(REPO_ROOT, 'schemas')).sort().map((file) => join('schemas', file))];

/** A strict ajv whose every strict-mode complaint is collected instead of only logged. */
function strictAjv(complaints: string[]): Ajv {
  const collect = (...args: unknown[]) => complaints.push(args.map(String).join(' '));
  return new Ajv({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allErrors: true, logger: { log: () => {}, warn: collect, error: collect } });
}

function readSchema(file: string): Schema {
  return JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as Schema;
}

describe.each(schemaFiles)('%s', (file) => {
  it('compiles in ajv strict mode (strictTypes, strictTuples, strictRequired) with no warning', () => {
    const complaints: string[] = [];
    // ajv knows draft-07 without being told: $schema names it, and ajv would fetch nothing else.
    expect(() => strictAjv(complaints).compile(readSchema(file))).not.toThrow();
    expect(complaints).toEqual([]);
  });

  it('gives examples of the image and resources blocks, each a value the schema accepts', () => {
    const schema = readSchema(file);
    const exampled = Object.entries(schema.properties ?? {}).filter(([, property]) => property.examples !== undefined);
    expect(exampled.map(([key]) => key)).toEqual(expect.arrayContaining([schema.properties?.images ? 'images' : 'image', ...(schema.properties?.resources ? ['resources'] : [])]));
    for (const [key, property] of exampled) {
      const { $schema: _draft, ...rest } = property as Schema;
      const validate = strictAjv([]).compile({ ...rest, definitions: schema.definitions });
      for (const example of property.examples!) expect(validate(example), `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe.each(charts)('charts/%s', (chart) => {
  it.each(HELM_MAJORS)('helm %s lint --strict accepts the chart with each ci/ values file', (major) => {
    for (const values of ciValuesFiles(chart).filter((file) => file !== undefined)) {
      const lint = helm(major, ['lint', '--strict', chartDir(chart), '-f', values]);
      expect(lint.status, `${values}: ${lint.stdout}${lint.stderr}`).toBe(0);
    }
  });
});
