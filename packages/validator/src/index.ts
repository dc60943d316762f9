export type { Finding, JsonPath, Resource, Severity, SourcePosition } from './types.js';
export * from './rules/index.js';
export * from './fit/index.js';
