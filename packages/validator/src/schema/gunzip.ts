// node:zlib is not among the modules Node has loaded at start-up (loading it costs about a
// millisecond), and most runs never meet a gzipped file: it is loaded on the first one.
import { createRequire } from 'node:module';

let zlib: typeof import('node:zlib') | undefined;

export function gunzipSync(data: Uint8Array): Buffer {
  zlib ??= createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  return zlib.gunzipSync(data);
}
