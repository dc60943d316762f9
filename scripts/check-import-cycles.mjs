#!/usr/bin/env node
// Fails on any import cycle among the modules of packages/*/src, and among the packages
// themselves: data flows one way (see "Architecture" in the root README), and a cycle is where
// that broke. Every import counts — `import type`, re-exports and dynamic `import()` too — since a
// cycle of types still ties two modules' meanings together. Imports of another workspace package
// (`@chartforge/validator/read`) are followed to the source file its export names.
//
// Usage: node scripts/check-import-cycles.mjs [ROOT]   (ROOT: a folder with packages/*, default this repository)
// Exit 0 without cycles; 1 listing each cycle as a chain of files.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The packages under ROOT/packages: name → { dir, exports: subpath specifier → source file }. */
function workspacePackages(root) {
  const packagesDir = join(root, 'packages');
  const packages = new Map();
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const dir = join(packagesDir, entry.name);
    const manifestFile = join(dir, 'package.json');
    if (!entry.isDirectory() || !existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const exports = new Map();
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const types = typeof target === 'string' ? target : target.types;
      // `./dist/read/index.d.ts` is compiled from `src/read/index.ts`.
      if (typeof types === 'string') exports.set(join(manifest.name, subpath), join(dir, types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts')));
    }
    packages.set(manifest.name, { dir, exports });
  }
  return packages;
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The source file a relative specifier names: `./x.js` is `./x.ts`; a folder is its index. */
function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier);
  return [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')].find((file) => existsSync(file));
}

/** Module graph: file → the files it imports, every one a source file of a workspace package. */
function moduleGraph(packages) {
  const graph = new Map();
  for (const { dir } of packages.values()) {
    for (const file of sourceFiles(join(dir, 'src'))) {
      const imported = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => fileName);
      const targets = imported.map((specifier) => (specifier.startsWith('.') ? resolveRelative(file, specifier) : [...packages.values()].map((p) => p.exports.get(specifier)).find(Boolean)));
      graph.set(file, [...new Set(targets.filter((target) => target !== undefined))].sort());
    }
  }
  return graph;
}

/** Strongly connected components with more than one member, or a member that imports itself (Tarjan). */
function cycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** One closed path through a component, for the message: a → b → … → a. */
function chain(graph, component) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  for (let node = start; ; ) {
    const next = (graph.get(node) ?? []).filter((n) => members.has(n));
    if (next.includes(start) && path.length > 1) return [...path, start];
    const step = next.find((n) => !seen.has(n)) ?? next[0];
    if (step === undefined || seen.has(step)) return [...path, step ?? start];
    path.push(step);
    seen.add(step);
    node = step;
  }
}

/** Package graph: package name → the workspace packages its modules import. */
function packageGraph(packages, graph) {
  const owner = (file) => [...packages].find(([, { dir }]) => file.startsWith(dir + '/'))?.[0];
  const edges = new Map([...packages.keys()].map((name) => [name, new Set()]));
  for (const [file, targets] of graph) {
    for (const target of targets) if (owner(target) !== owner(file)) edges.get(owner(file)).add(owner(target));
  }
  return new Map([...edges].map(([name, targets]) => [name, [...targets].sort()]));
}

export function findImportCycles(root) {
  const packages = workspacePackages(root);
  const graph = moduleGraph(packages);
  const packagesGraph = packageGraph(packages, graph);
  const show = (file) => relative(root, file);
  return [
    ...cycles(packagesGraph).map((component) => `packages: ${chain(packagesGraph, component).join(' → ')}`),
    ...cycles(graph).map((component) => `modules: ${chain(graph, component).map(show).join(' → ')}`),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const found = findImportCycles(root);
  for (const line of found) console.log(`import cycle: ${line}`);
  if (found.length > 0) process.exit(1);
  console.log('no import cycles in packages/*/src');
}
