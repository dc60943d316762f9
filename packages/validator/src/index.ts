export type { Finding, JsonPath, Report, ReportSummary, Resource, ResourceResult, ResourceStatus, Severity, SourcePosition } from './types.js';
export { validate, ValidateError, type ManifestFile, type ValidateInput, type ValidateOptions } from './validate.js';
export { formatPath } from './path.js';
export { EMBEDDED, ValidationSession } from './validate.js';
export { EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } from './schema/embedded-version.js';
export { defaultCacheDir } from './schema/fetch.js';
export { formatReport, OUTPUT_FORMATS, type FormatOptions, type OutputFormat } from './output/index.js';
export * from './rules/index.js';
export * from './fit/index.js';
