// A Go module at a pinned version, downloaded by the go command through the Go module proxy into
// Go's module cache (outside the repository) and held to its pinned go.sum hash.
import { execFileSync } from 'node:child_process';

/**
 * `go mod download -json` of `module@version`: `{ zip, sum, dir }`, `dir` undefined when the go
 * command refused to extract it (a module that needs a newer Go than this machine's still
 * downloads; its zip is there). Throws when it is not served or its checksum is not `sum`.
 */
export function downloadGoModule({ module, version, sum }) {
  let output;
  try {
    output = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GOFLAGS: '-mod=mod', PATH: `${process.env.PATH}:/usr/local/go/bin` },
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
