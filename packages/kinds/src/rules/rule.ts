// The shape of a rule-table row (see table.ts for its two interpreters).
import type { ValueProblem } from '../problem.js';
import type { Expression } from './expression.js';

/** A message: text, and expressions whose value is written in its place (`${…}` in TypeScript, `%v` in Go). */
export type MessagePart = string | Expression;

/** One rule across values. `id` names it in tests and READMEs; `path` is the dotted value it reports at. */
export type ValueRule =
  /** `message` at `path` when `when` holds. */
  | { id: string; rule: 'when'; path: string; when: Expression; message: readonly MessagePart[] }
  /** An image block: a repository (unless a preset supplies one) and a tag or digest with it. */
  | { id: string; rule: 'image'; path: string; fromPreset?: boolean }
  /** A resources block: no request above its limit. */
  | { id: string; rule: 'requestsWithinLimits'; path: string }
  /** A list of `{name: …}` entries: each name once. */
  | { id: string; rule: 'uniqueNames'; path: string }
  /**
   * A rule beyond the expressions (state carried across a list, data from generation time), written
   * twice side by side: `check` in TypeScript, `go` the template lines (`$v` is .Values, `$` the
   * root, `<CHARTNAME>` the chart's name). The parity test holds the two to the same messages.
   */
  | { id: string; rule: 'custom'; path: string; check: (values: never) => ValueProblem[]; go: readonly string[] }
  /**
   * `rules` checked for each entry of the map at `path`, in the order `names` gives (every key in
   * key order without it). Each inner row reads the entry with `item`/`itemName` and reports at
   * `<path>.<name>.<its path>`.
   */
  | { id: string; rule: 'forEach'; path: string; names?: ItemNames; rules: readonly ItemRule[] };

/** Which entries a `forEach` row walks, and in which order, written twice side by side like a `custom` row. */
export interface ItemNames {
  check: (values: never) => string[];
  /** A Go expression for the same list of names (`$v` is .Values, `$` the root, `<CHARTNAME>` the chart's name). */
  go: string;
}

/** A row inside `forEach`: its path is within the entry (`''` for the entry itself). */
export type ItemRule =
  | { id: string; rule: 'when'; path: string; when: Expression; message: readonly MessagePart[] }
  | { id: string; rule: 'image'; path: string; fromPreset?: boolean }
  /**
   * As a top-level `custom` row, for one entry: `check` gets the entry's name and value, the `go`
   * lines run inside the loop with `$name` and `$item`. `path` says where it reports.
   */
  | { id: string; rule: 'custom'; path: string; check: (values: never, name: string, item: never) => ValueProblem[]; go: readonly string[] };
