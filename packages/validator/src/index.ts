export type { Finding, JsonPath, Report, ReportSummary, Resource, ResourceResult, ResourceStatus, Severity, SourcePosition } from './types.js';
export { validate, ValidateError, type ManifestFile, type ValidateInput, type ValidateOptions } from './validate.js';
export { formatPath } from './path.js';
export * from './rules/index.js';
export * from './fit/index.js';
