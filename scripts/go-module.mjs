// A Go module at a pinned version, downloaded by the go command through the Go module proxy into
// Go's module cache (outside the repository) and held to its pinned go.sum hash.
import { execFileSync } from 'node:child_process';

/** Go from PATH, else from its standard install location (a non-login shell may lack it on PATH); undefined when neither runs. */
export function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * `go mod download -json` of `module@version`: `{ zip, sum, dir }`, `dir` undefined when the go
 * command refused to extract it (a module that needs a newer Go than this machine's still
 * downloads; its zip is there). Throws when it is not served or its checksum is not `sum`.
 */
export function downloadGoModule({ module, version, sum }) {
  const go = findGo();
  if (!go) throw new Error(`${module}@${version} is read from its Go module: install Go (https://go.dev/dl/) and put \`go\` on PATH`);
  let output;
  try {
    output = execFileSync(go, ['mod', 'download', '-json', `${module}@${version}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GOFLAGS: '-mod=mod' },
    });
  } catch (error) {
    output = error.stdout;
    if (!output) throw error;
  }
  const info = JSON.parse(output);
  if (!info.Zip || !info.Sum) throw new Error(`${module}@${version}: ${info.Error ?? 'no module zip'}`);
  if (info.Sum !== sum) throw new Error(`${module}@${version}: checksum ${info.Sum}, pinned ${sum}`);
  return { zip: info.Zip, sum: info.Sum, dir: info.Error ? undefined : info.Dir };
}
