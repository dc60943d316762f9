// The file that holds the embedded Kubernetes definitions of every release, deduplicated: most
// definitions are identical from one minor to the next, so each distinct one is stored once, on one
// line, with the minors that have it. Line 1 is a JSON header (the releases and the digests of their
// sources); every other line is
//
//   <definition name> TAB <minors, e.g. 22-27,30> TAB <kinds it serves, space-separated apiVersion/Kind> TAB <schema JSON>
//
// sorted by name, then by first minor. A release is read by scanning the short prefixes of the lines
// and parsing a definition's JSON only when a schema first refers to it, so start-up cost does not
// grow with the number of releases.

import type { JsonSchema } from './compile.js';
import type { GroupVersionKind } from './locations.js';

/** One embedded release and where its definitions came from. */
export interface EmbeddedRelease {
  /** `v1.29.15` */
  version: string;
  /** The Go module the sources were read from, as `go mod download` names it, and its go.sum hash. */
  module: string;
  sum: string;
  /** sha256 of each source file, by its path in the module. */
  inputs: Record<string, string>;
}

export interface EmbeddedStoreHeader {
  /** How the definitions were made (the script), for people reading the file. */
  generatedBy: string;
  releases: EmbeddedRelease[];
}

/** The definitions of one release, indexed by the kinds they serve. */
export interface ReleaseDefinitions {
  definitions: Record<string, JsonSchema>;
  kinds: Array<[name: string, gvks: GroupVersionKind[]]>;
}

function minorOf(version: string): number {
  const match = /^v\d+\.(\d+)\./.exec(version);
  if (!match) throw new Error(`not a release version: ${version}`);
  return Number(match[1]);
}

function ranges(minors: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < minors.length; i++) {
    let j = i;
    while (j + 1 < minors.length && minors[j + 1] === minors[j]! + 1) j++;
    out.push(i === j ? `${minors[i]}` : `${minors[i]}-${minors[j]}`);
    i = j;
  }
  return out.join(',');
}

/** Whether `minor` is in the ranges `text` (`28-30,32`) of the store line from `start` to `end`; read in place, as every line of the store is asked at a cold start. */
function inRanges(line: string, start: number, end: number, minor: number): boolean {
  let low = 0;
  let number = 0;
  let dashed = false;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 44 : line.charCodeAt(i);
    if (c === 45) {
      low = number;
      number = 0;
      dashed = true;
    } else if (c === 44) {
      if (minor >= (dashed ? low : number) && minor <= number) return true;
      number = 0;
      dashed = false;
    } else number = number * 10 + (c - 48);
  }
  return false;
}

function gvkText(schema: JsonSchema): string {
  const gvks = schema['x-kubernetes-group-version-kind'];
  if (!Array.isArray(gvks)) return '';
  return (gvks as GroupVersionKind[]).map((g) => `${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`).join(' ');
}

function parseGvk(text: string): GroupVersionKind {
  const parts = text.split('/');
  const kind = parts.pop()!;
  const version = parts.pop()!;
  return { group: parts.join('/'), version, kind };
}

/** The store's text for `releases` (oldest first), each with its definitions. Deterministic. */
export function renderEmbeddedStore(header: EmbeddedStoreHeader, definitionsOf: ReadonlyMap<string, Record<string, JsonSchema>>): string {
  const lines = new Map<string, { name: string; json: string; gvks: string; minors: number[] }>();
  for (const release of header.releases) {
    const definitions = definitionsOf.get(release.version);
    if (!definitions) throw new Error(`no definitions for ${release.version}`);
    for (const name of Object.keys(definitions).sort()) {
      const json = JSON.stringify(definitions[name]);
      const key = `${name}\t${json}`;
      const line = lines.get(key) ?? { name, json, gvks: gvkText(definitions[name]!), minors: [] };
      line.minors.push(minorOf(release.version));
      lines.set(key, line);
    }
  }
  const body = [...lines.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.minors[0]! - b.minors[0]!))
    .map((line) => `${line.name}\t${ranges(line.minors)}\t${line.gvks}\t${line.json}`);
  return `${JSON.stringify(header)}\n${body.join('\n')}\n`;
}

export class EmbeddedStore {
  readonly header: EmbeddedStoreHeader;
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
    this.header = JSON.parse(this.lines[0]!) as EmbeddedStoreHeader;
  }

  /** The release of the same minor as `major.minor`, if one is embedded. */
  release(major: number, minor: number): EmbeddedRelease | undefined {
    return this.header.releases.find((r) => r.version.startsWith(`v${major}.${minor}.`));
  }

  /**
   * A release's definitions; each one's JSON is parsed on first access. A proxy over the lines of
   * the release, not one getter per definition: defining ~800 accessors costs more than the rest of
   * a cold start's schema loading.
   */
  definitions(release: EmbeddedRelease): ReleaseDefinitions {
    const minor = minorOf(release.version);
    const lines = new Map<string, string>();
    const kinds: ReleaseDefinitions['kinds'] = [];
    for (let i = 1; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      const first = line.indexOf('\t');
      const second = line.indexOf('\t', first + 1);
      if (first === -1 || !inRanges(line, first + 1, second, minor)) continue;
      const name = line.slice(0, first);
      lines.set(name, line);
      const third = line.indexOf('\t', second + 1);
      if (third > second + 1) kinds.push([name, line.slice(second + 1, third).split(' ').map(parseGvk)]);
    }
    const parsed = new Map<string, JsonSchema>();
    const read = (name: string | symbol): JsonSchema | undefined => {
      if (typeof name !== 'string') return undefined;
      let schema = parsed.get(name);
      if (schema === undefined) {
        const line = lines.get(name);
        if (line === undefined) return undefined;
        schema = JSON.parse(line.slice(line.indexOf('\t', line.indexOf('\t', name.length + 1) + 1) + 1)) as JsonSchema;
        parsed.set(name, schema);
      }
      return schema;
    };
    const definitions = new Proxy<Record<string, JsonSchema>>(
      {},
      {
        get: (_target, name) => read(name),
        has: (_target, name) => typeof name === 'string' && lines.has(name),
        ownKeys: () => [...lines.keys()],
        getOwnPropertyDescriptor: (_target, name) => (typeof name === 'string' && lines.has(name) ? { value: read(name), enumerable: true, configurable: true, writable: false } : undefined),
      },
    );
    return { definitions, kinds };
  }
}
