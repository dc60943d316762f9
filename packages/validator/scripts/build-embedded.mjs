// Builds the embedded, offline Kubernetes schemas from the pinned registry package
// `kubernetes-models` (and its `@kubernetes-models/apimachinery`), at build time, into
// dist/embedded/definitions.json — the same `{definitions}` shape as the upstream definitions.
//
// The package carries the API in two forms, and this script reads both:
//   - its .d.ts files give each definition's properties and their TypeScript types (references
//     to other definitions, arrays, maps, primitives) and each top-level kind's apiVersion/kind;
//   - its `_schemas/*.js` files are ajv-compiled validators. They are asked, one probe value at a
//     time, what the .d.ts cannot say: which properties are required, which numbers are integers
//     (int32 or int64), which strings are enums (and their values) or have a format.
// Only GA API versions (v1, v2, …) are given a group-version-kind: kubernetes-models keeps betas
// that Kubernetes removed long ago, and the betas Kubernetes still has are off by default.

import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const { LIST_SEMANTICS_FILE } = await import(pathToFileURL(join(here, 'list-semantics.mjs')).href);
const require = createRequire(import.meta.url);
const modelsDir = realpathSync(dirname(require.resolve('kubernetes-models/package.json')));
const apimachineryDir = realpathSync(join(modelsDir, '..', '@kubernetes-models', 'apimachinery'));
const modelsVersion = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;
const { EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } = await import(pathToFileURL(join(here, '..', 'dist', 'schema', 'embedded-version.js')).href);
if (EMBEDDED_SCHEMA_SOURCE !== `kubernetes-models@${modelsVersion}`) {
  throw new Error(`src/schema/embedded-version.ts names ${EMBEDDED_SCHEMA_SOURCE} but kubernetes-models@${modelsVersion} is installed: update the pinned version and the Kubernetes version it corresponds to together`);
}

function declarationFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '_schemas' && entry.name !== 'node_modules') out.push(...declarationFiles(full));
    } else if (entry.name.endsWith('.d.ts') && entry.name !== 'index.d.ts') out.push(full);
  }
  return out.sort();
}

/** One definition as the .d.ts describes it. */
function readDeclaration(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const locals = new Map(); // local name (IDeployment) → canonical (IoK8sApiAppsV1Deployment)
  let declaration;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).text;
        if (element.name.text.startsWith('IIo')) locals.set(local, element.name.text.slice(1));
      }
    }
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text.startsWith('I') && !declaration) declaration = statement;
  }
  if (!declaration) return undefined;
  const canonical = locals.get(declaration.name.text);
  if (!canonical) return undefined;
  return { canonical, declaration, locals, file };
}

const declarations = [...declarationFiles(modelsDir), ...declarationFiles(apimachineryDir)].map(readDeclaration).filter(Boolean);
const byName = new Map(declarations.map((d) => [d.canonical, d]));

async function validatorFor(canonical) {
  const dir = canonical.startsWith('IoK8sApimachinery') ? apimachineryDir : modelsDir;
  const module = await import(pathToFileURL(join(dir, '_schemas', `${canonical}.js`)).href);
  return module.validate;
}

/** Errors the validator reports at `pointer` for `value` placed there by `wrap`. */
function errorsAt(validate, wrap, pointer, value) {
  validate(wrap(value));
  return (validate.errors ?? []).filter((e) => e.instancePath === pointer);
}

const pointerSegment = (key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function probeNumber(validate, wrap, pointer) {
  const integer = errorsAt(validate, wrap, pointer, 0.5).some((e) => e.keyword === 'type' && e.params.type === 'integer');
  if (!integer) return { type: 'number', format: 'double' };
  // ajv-formats' int64 accepts every safe integer, so only int32 shows itself; the API has no other.
  const int32 = errorsAt(validate, wrap, pointer, 2 ** 31).some((e) => e.keyword === 'format' && e.params.format === 'int32');
  return { type: 'integer', format: int32 ? 'int32' : 'int64' };
}

function probeString(validate, wrap, pointer) {
  const schema = { type: 'string' };
  for (const error of errorsAt(validate, wrap, pointer, '\u0001probe')) {
    if (error.keyword === 'enum') schema.enum = [...error.params.allowedValues];
    if (error.keyword === 'format') schema.format = error.params.format;
  }
  return schema;
}

/** The JSON Schema of a TypeScript type node, probing the validator where the type is a primitive. */
function schemaOf(node, context, validate, wrap, pointer) {
  if (ts.isParenthesizedTypeNode(node)) return schemaOf(node.type, context, validate, wrap, pointer);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return probeString(validate, wrap, pointer);
    case ts.SyntaxKind.NumberKeyword:
      return probeNumber(validate, wrap, pointer);
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return {};
    case ts.SyntaxKind.ObjectKeyword:
      return { type: 'object' };
  }
  if (ts.isLiteralTypeNode(node) || ts.isIndexedAccessTypeNode(node)) return probeString(validate, wrap, pointer);
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: schemaOf(node.elementType, context, validate, (v) => wrap([v]), `${pointer}/0`) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if ((name === 'Array' || name === 'ReadonlyArray') && node.typeArguments?.length === 1) {
      return { type: 'array', items: schemaOf(node.typeArguments[0], context, validate, (v) => wrap([v]), `${pointer}/0`) };
    }
    const canonical = context.locals.get(name) ?? (name.startsWith('IIo') ? name.slice(1) : undefined);
    if (!canonical || !byName.has(canonical)) throw new Error(`${relative(modelsDir, context.file)}: cannot resolve type ${name}`);
    return { $ref: `#/definitions/${canonical}` };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1) return { type: 'object', additionalProperties: schemaOf(index.type, context, validate, (v) => wrap({ probe: v }), `${pointer}/probe`) };
    if (node.members.length === 0) return { type: 'object' };
    return objectSchema(node.members, context, validate, wrap, pointer);
  }
  if (ts.isUnionTypeNode(node)) {
    if (node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) return probeString(validate, wrap, pointer);
    const kinds = node.types.map((t) => t.kind).sort();
    if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.StringKeyword) && kinds.includes(ts.SyntaxKind.NumberKeyword)) {
      return { oneOf: [{ type: 'string' }, probeNumber(validate, wrap, pointer)] };
    }
  }
  throw new Error(`${relative(modelsDir, context.file)}: unsupported type ${node.getText()}`);
}

function objectSchema(members, context, validate, wrap, pointer) {
  const properties = {};
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const key = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    properties[key] = schemaOf(member.type, context, validate, (v) => wrap({ [key]: v }), `${pointer}${pointerSegment(key)}`);
  }
  validate(wrap({}));
  const required = (validate.errors ?? [])
    .filter((e) => e.instancePath === pointer && e.keyword === 'required')
    .map((e) => e.params.missingProperty)
    .sort();
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

const definitions = {};
let kinds = 0;
for (const [canonical, context] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const validate = await validatorFor(canonical);
  const { declaration } = context;
  const identity = (v) => v;
  let schema;
  if (ts.isTypeAliasDeclaration(declaration)) schema = schemaOf(declaration.type, context, validate, identity, '');
  else if (declaration.members.length === 0) {
    // An empty interface is either an arbitrary JSON value (apiextensions JSON) or an object (RawExtension).
    schema = errorsAt(validate, identity, '', 'probe').some((e) => e.keyword === 'type') ? { type: 'object' } : {};
  } else schema = objectSchema(declaration.members, context, validate, identity, '');
  if (declaration.heritageClauses?.some((h) => h.getText().includes('TypeMeta'))) {
    const literal = (key) => {
      const member = declaration.members.find((m) => ts.isPropertySignature(m) && m.name.getText().replace(/"/g, '') === key);
      return member?.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal) ? member.type.literal.text : undefined;
    };
    const apiVersion = literal('apiVersion');
    const kind = literal('kind');
    if (apiVersion && kind) {
      const slash = apiVersion.lastIndexOf('/');
      const group = slash === -1 ? '' : apiVersion.slice(0, slash);
      const version = apiVersion.slice(slash + 1);
      if (/^v\d+$/.test(version)) {
        schema['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
        kinds++;
      }
    }
  }
  definitions[canonical] = schema;
}

// Keyed lists (list-semantics.mjs): matched by definitionKey(), as the validator matches
// its per-definition checks. A list the upstream version has but the embedded definition lacks is a
// build error; definitions kubernetes-models leaves out (beta and alpha APIs) are skipped.
const listSemantics = JSON.parse(readFileSync(LIST_SEMANTICS_FILE, 'utf8'));
if (listSemantics.kubernetesVersion !== EMBEDDED_KUBERNETES_VERSION) throw new Error(`embedded/list-semantics.json is for ${listSemantics.kubernetesVersion}, the embedded schemas for ${EMBEDDED_KUBERNETES_VERSION}: run node scripts/list-semantics.mjs`);
const { definitionKey } = await import(pathToFileURL(join(here, '..', 'dist', 'schema', 'compile.js')).href);
const byKey = new Map(Object.keys(definitions).map((name) => [definitionKey(name), name]));
let keyedLists = 0;
for (const [upstreamName, properties] of Object.entries(listSemantics.definitions)) {
  const name = byKey.get(definitionKey(upstreamName));
  if (!name) continue;
  for (const [property, semantics] of Object.entries(properties)) {
    const schema = definitions[name].properties?.[property];
    if (schema?.type !== 'array') throw new Error(`${name}.${property}: upstream ${EMBEDDED_KUBERNETES_VERSION} has a keyed list here, kubernetes-models does not`);
    Object.assign(schema, semantics);
    keyedLists++;
  }
}

const out = join(here, '..', 'dist', 'embedded');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'definitions.json'), `${JSON.stringify({ definitions })}\n`);
console.log(`embedded schemas: ${Object.keys(definitions).length} definitions, ${kinds} GA kinds, ${keyedLists} keyed lists, from kubernetes-models@${modelsVersion}`);
