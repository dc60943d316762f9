// Go's filepath.Match (Unix separators), the matcher Helm applies to .helmignore lines, ported
// as Go writes it: the pattern is cut into chunks at `*`, each chunk is matched at the leftmost
// place it fits, and only the last star is ever retried. That takes time proportional to the
// pattern's length times the name's, where a regular expression built from the same glob
// backtracks exponentially (`*a*a*a*a*a*a*a*a*a*a*b` on a long name of `a`s).

type Token = { kind: 'any' } | { kind: 'literal'; char: string } | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };

interface Chunk {
  /** The chunk follows a `*` (any run of characters but `/`). */
  star: boolean;
  tokens: Token[];
}

/** A compiled glob: true when `name` matches it as a whole; undefined for a malformed pattern. */
export type GlobMatcher = (name: string) => boolean;

export function compileGlob(pattern: string): GlobMatcher | undefined {
  const chars = [...pattern];
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < chars.length) {
    let star = false;
    while (chars[i] === '*') {
      star = true;
      i++;
    }
    const tokens: Token[] = [];
    while (i < chars.length && chars[i] !== '*') {
      const c = chars[i]!;
      if (c === '?') {
        tokens.push({ kind: 'any' });
        i++;
      } else if (c === '\\') {
        if (i + 1 >= chars.length) return undefined;
        tokens.push({ kind: 'literal', char: chars[i + 1]! });
        i += 2;
      } else if (c === '[') {
        const parsed = parseClass(chars, i + 1);
        if (!parsed) return undefined;
        tokens.push(parsed.token);
        i = parsed.next;
      } else {
        tokens.push({ kind: 'literal', char: c });
        i++;
      }
    }
    chunks.push({ star, tokens });
  }
  return (name) => matchChunks(chunks, [...name]);
}

/** A `[...]` class starting after its `[`; Go's syntax: `^` negates, `a-z` ranges, `\` escapes. */
function parseClass(chars: string[], start: number): { token: Token; next: number } | undefined {
  let i = start;
  let negated = false;
  if (chars[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: Array<[string, string]> = [];
  const single = (): string | undefined => {
    const c = chars[i];
    if (c === undefined || c === '-' || c === ']') return undefined;
    if (c === '\\') {
      i += 2;
      return chars[i - 1];
    }
    i++;
    return c;
  };
  for (let first = true; ; first = false) {
    if (chars[i] === ']' && !first) return { token: { kind: 'class', negated, ranges }, next: i + 1 };
    const low = single();
    if (low === undefined) return undefined;
    let high = low;
    if (chars[i] === '-') {
      i++;
      const end = single();
      if (end === undefined) return undefined;
      high = end;
    }
    ranges.push([low, high]);
  }
}

/** The rest of `name` after `tokens` match its start, or undefined. */
function matchTokens(tokens: readonly Token[], name: readonly string[], from: number): number | undefined {
  let at = from;
  for (const token of tokens) {
    const c = name[at];
    if (c === undefined) return undefined;
    if (token.kind === 'literal') {
      if (c !== token.char) return undefined;
    } else if (c === '/') return undefined;
    else if (token.kind === 'class') {
      const inside = token.ranges.some(([low, high]) => low <= c && c <= high);
      if (inside === token.negated) return undefined;
    }
    at++;
  }
  return at;
}

function matchChunks(chunks: readonly Chunk[], name: readonly string[]): boolean {
  let at = 0;
  chunks: for (let index = 0; index < chunks.length; index++) {
    const { star, tokens } = chunks[index]!;
    const last = index === chunks.length - 1;
    // A trailing star matches the rest, unless the rest holds a `/`.
    if (star && tokens.length === 0) return !name.slice(at).includes('/');
    const here = matchTokens(tokens, name, at);
    if (here !== undefined && (here === name.length || !last)) {
      at = here;
      continue;
    }
    if (star) {
      for (let skip = at; skip < name.length && name[skip] !== '/'; skip++) {
        const next = matchTokens(tokens, name, skip + 1);
        if (next === undefined || (last && next < name.length)) continue;
        at = next;
        continue chunks;
      }
    }
    return false;
  }
  return at === name.length;
}
