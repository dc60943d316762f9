export type { Finding, JsonPath, Resource, Severity, SourcePosition } from './types.js';
