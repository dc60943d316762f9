// Schema validation alone — no lint rules or output formatters — so that a caller that only
// validates (`chartforge validate --no-lint`, worker threads) loads only this much.
export type { Finding, JsonPath, Report, ReportSummary, Resource, ResourceResult, ResourceStatus, RuleDescriptor, Severity, SourcePosition } from './types.js';
export { validate, type ManifestFile, type ValidateInput, type ValidateOptions, type ValidateProgress } from './validate.js';
export { ValidateError } from './errors.js';
export { EMBEDDED, ValidationSession } from './validator.js';
export { EMBEDDED_KUBERNETES_RELEASES, EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } from './schema/embedded-version.js';
export { embeddedDefinitions, embeddedDefinitionsFile, embeddedRelease } from './schema/embedded.js';
export { defaultCacheDir } from './schema/fetch.js';
