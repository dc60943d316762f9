// Builds what the `chartforge` npm package ships: the CLI, the @chartforge libraries and their
// registry dependencies as one ES module bundle in dist/bundle/ (entry index.js, the validator's
// worker.js, shared chunks), so the package has no dependencies and installs from its tarball
// alone, plus the files the libraries read at run time, each where the bundled code looks for it:
//   dist/templates/     the generator's chart templates (`../templates/` from dist/bundle/)
//   embedded/           the validator's embedded Kubernetes definitions and CRDs
//                       (`../../embedded/…` from dist/bundle/)
// Output is deterministic (content-hashed chunk names, no timestamps, no source maps).

import { cpSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
if (Object.keys(manifest.dependencies ?? {}).length > 0) throw new Error('chartforge bundles its dependencies: list them as devDependencies');
// The workspace links of the devDependencies (their exports do not include package.json).
const workspacePackageDir = (name) => realpathSync(join(packageDir, 'node_modules', name));
const validatorDir = workspacePackageDir('@chartforge/validator');
const generatorDir = workspacePackageDir('@chartforge/generator');

// The validator loads its dependencies (yaml, js-yaml, ajv, picomatch, re2js…) on first use with
// createRequire(import.meta.url)(name). In the bundle each of them is a CommonJS file of its own in
// dist/bundle/lazy/, which those calls require: a command that never needs one never reads it (an
// ES module chunk is read, parsed and linked when its importer loads, even if its code never runs —
// for `validate`, that was half of the cold start). The other packages' imports of the same
// dependencies (publish's yaml and ajv) load the same file, so there is one copy of each; packages
// that depend on each other (ajv-formats on ajv) share a file for the same reason.
// chartforge's own packages (@chartforge/core) are bundled in like the CLI's code: every command uses them.
const validatorDependencies = Object.keys(JSON.parse(readFileSync(join(validatorDir, 'package.json'), 'utf8')).dependencies ?? {}).filter((name) => !name.startsWith('@chartforge/'));
const bundleDir = join(packageDir, 'dist', 'bundle');
const lazyDir = join(bundleDir, 'lazy');

/** The validator's dependencies in groups that must share one copy, each group with its file. */
function lazyGroups() {
  const dependsOn = (name) => {
    const dependency = JSON.parse(readFileSync(join(validatorDir, 'node_modules', name, 'package.json'), 'utf8'));
    return Object.keys({ ...dependency.dependencies, ...dependency.peerDependencies }).filter((other) => validatorDependencies.includes(other));
  };
  const membersOf = new Map(validatorDependencies.map((name) => [name, [name]]));
  for (const name of validatorDependencies) {
    for (const other of dependsOn(name)) {
      const merged = [...new Set([...membersOf.get(name), ...membersOf.get(other)])].sort();
      for (const member of merged) membersOf.set(member, merged);
    }
  }
  const groups = new Map();
  for (const members of membersOf.values()) {
    const file = `${members[0].replace(/^@/, '').replace(/\//g, '-')}.cjs`;
    // Specifier (`ajv`, `ajv/dist/2019.js`) → the file it resolves to, filled while bundling.
    if (!groups.has(file)) groups.set(file, { file, members, specifiers: new Map() });
  }
  return [...groups.values()];
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const LAZY_REQUIRE_NAMESPACE = 'chartforge-lazy-require';
const LAZY_IMPORT_NAMESPACE = 'chartforge-lazy-import';

/** Routes the validator's createRequire calls and every import of its dependencies to the lazy files. */
function lazyDependencies(groups) {
  const groupOf = new Map(groups.flatMap((group) => group.members.map((name) => [name, group])));
  // Every chunk is in dist/bundle/, so a path relative to the chunk's own URL finds lazy/.
  const lazyFiles = Object.fromEntries(validatorDependencies.map((name) => [name, `./lazy/${groupOf.get(name).file}`]));
  /** Records the file `specifier` resolves to for its group; an error when another importer resolved it elsewhere (one copy per specifier). */
  const lazyImport = async (specifier, { kind, resolveDir, importer }, build) => {
    const group = groupOf.get(packageName(specifier));
    const resolved = await build.resolve(specifier, { kind, resolveDir, pluginData: LAZY_IMPORT_NAMESPACE });
    if (resolved.errors.length > 0) return { errors: resolved.errors };
    const known = group.specifiers.get(specifier);
    if (known !== undefined && known !== resolved.path) {
      return { errors: [{ text: `${specifier} resolves to ${resolved.path} from ${importer} but to ${known} elsewhere: the bundle keeps one copy` }] };
    }
    group.specifiers.set(specifier, resolved.path);
    return undefined;
  };
  return {
    name: 'lazy-dependencies',
    setup(build) {
      build.onResolve({ filter: /^node:module$/ }, (args) =>
        args.importer.startsWith(validatorDir + sep) ? { path: 'node:module', namespace: LAZY_REQUIRE_NAMESPACE } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: LAZY_REQUIRE_NAMESPACE }, async () => {
        for (const name of validatorDependencies) {
          const failure = await lazyImport(name, { kind: 'require-call', resolveDir: validatorDir, importer: validatorDir }, build);
          if (failure) return failure;
        }
        return {
          resolveDir: validatorDir,
          loader: 'js',
          contents: `
            import { createRequire as nodeCreateRequire } from 'node:module';
            const lazyFiles = ${JSON.stringify(lazyFiles)};
            const bundleRequire = nodeCreateRequire(import.meta.url);
            export function createRequire(url) {
              const nodeRequire = nodeCreateRequire(url);
              return (id) => (Object.hasOwn(lazyFiles, id) ? bundleRequire(lazyFiles[id])[id] : nodeRequire(id));
            }
          `,
        };
      });
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        const group = groupOf.get(packageName(args.path));
        if (!group || args.pluginData === LAZY_IMPORT_NAMESPACE) return undefined;
        return (await lazyImport(args.path, args, build)) ?? { path: args.path, namespace: LAZY_IMPORT_NAMESPACE, pluginData: group.file };
      });
      build.onLoad({ filter: /.*/, namespace: LAZY_IMPORT_NAMESPACE }, (args) => ({
        loader: 'js',
        contents: `module.exports = require(${JSON.stringify(`./lazy/${args.pluginData}`)})[${JSON.stringify(args.path)}];`,
      }));
      build.onResolve({ filter: /^\.\/lazy\// }, (args) => ({ path: args.path, external: true }));
    },
  };
}

const templatesDir = join(packageDir, 'dist', 'templates');
const embeddedDir = join(packageDir, 'embedded');
for (const dir of [bundleDir, templatesDir, embeddedDir]) rmSync(dir, { recursive: true, force: true });

const groups = lazyGroups();
await build({
  entryPoints: {
    index: join(packageDir, 'dist', 'index.js'),
    // The validator starts its worker threads from `./worker.js` beside the chunk that holds its
    // pool, which is this directory once bundled.
    worker: join(validatorDir, 'dist', 'bundle', 'worker.js'),
  },
  outdir: bundleDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [lazyDependencies(groups)],
  // Bundled CommonJS modules (handlebars) and the lazy files are loaded with require, which an ES
  // module only has through a require of its own; esbuild renames any bundled `require`.
  banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

// Each lazy file exports what the bundle asks of its group, by specifier, sorted (deterministic output).
for (const { file, specifiers } of groups) {
  const entries = [...specifiers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await build({
    stdin: { contents: `module.exports = { ${entries.map(([specifier, path]) => `${JSON.stringify(specifier)}: require(${JSON.stringify(path)})`).join(', ')} };`, resolveDir: validatorDir, loader: 'js' },
    outfile: join(lazyDir, file),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

cpSync(join(generatorDir, 'templates'), templatesDir, { recursive: true });
cpSync(join(validatorDir, 'dist', 'embedded'), embeddedDir, { recursive: true });
cpSync(join(validatorDir, 'embedded', 'crds'), join(embeddedDir, 'crds'), { recursive: true });
