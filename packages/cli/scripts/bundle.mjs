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

// The validator loads some of its dependencies (yaml, js-yaml, ajv, picomatch…) on first use with
// createRequire(import.meta.url)(name), which resolves from node_modules at run time. In the bundle
// the same calls get the bundled copy of any dependency the validator declares, still loaded only
// on first use (esbuild wraps a require()d module until it is called).
const validatorDependencies = Object.keys(JSON.parse(readFileSync(join(validatorDir, 'package.json'), 'utf8')).dependencies ?? {});
const LAZY_REQUIRE_NAMESPACE = 'chartforge-lazy-require';
const bundledLazyRequires = {
  name: 'bundled-lazy-requires',
  setup(build) {
    build.onResolve({ filter: /^node:module$/ }, (args) =>
      args.importer.startsWith(validatorDir + sep) ? { path: 'node:module', namespace: LAZY_REQUIRE_NAMESPACE } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: LAZY_REQUIRE_NAMESPACE }, () => ({
      resolveDir: validatorDir,
      loader: 'js',
      contents: `
        import { createRequire as nodeCreateRequire } from 'node:module';
        const bundled = { ${validatorDependencies.map((name) => `${JSON.stringify(name)}: () => require(${JSON.stringify(name)})`).join(', ')} };
        export function createRequire(url) {
          const nodeRequire = nodeCreateRequire(url);
          return (id) => (Object.hasOwn(bundled, id) ? bundled[id]() : nodeRequire(id));
        }
      `,
    }));
  },
};

const bundleDir = join(packageDir, 'dist', 'bundle');
const templatesDir = join(packageDir, 'dist', 'templates');
const embeddedDir = join(packageDir, 'embedded');
for (const dir of [bundleDir, templatesDir, embeddedDir]) rmSync(dir, { recursive: true, force: true });

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
  plugins: [bundledLazyRequires],
  // Bundled CommonJS modules (yaml's Node build, handlebars) require Node's built-ins, which an ES
  // module can only do through a require of its own; esbuild renames any bundled `require`.
  banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

cpSync(join(generatorDir, 'templates'), templatesDir, { recursive: true });
cpSync(join(validatorDir, 'dist', 'embedded'), embeddedDir, { recursive: true });
cpSync(join(validatorDir, 'embedded', 'crds'), join(embeddedDir, 'crds'), { recursive: true });
