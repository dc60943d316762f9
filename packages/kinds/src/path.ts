import { formatPath, type ValuePath } from '@chartforge/core';

export type { ValuePath } from '@chartforge/core';

/**
 * A spec problem's path, as core's `formatPath` writes it, except the root: core writes it as
 * nothing, which would make a message start with ": ", so a problem with the whole spec says `(root)`.
 */
export function formatSpecPath(path: ValuePath): string {
  return formatPath(path) || '(root)';
}
