import type { ValuePath } from './path.js';

/** A problem that one value's schema cannot express, such as maxReplicas < minReplicas. */
export interface ValueProblem {
  path: ValuePath;
  message: string;
}
