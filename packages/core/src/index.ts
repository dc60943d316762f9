// @chartforge/core: the vocabulary every chartforge package shares. It imports nothing (not even
// the packages' registry dependencies), so any package may import it.
export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError, type UserErrorLocation, type UserErrorOptions } from './errors.js';
export { compareFindings, countBySeverity, findingDetail, findingText, SEVERITY_RANK, type ReportedFinding, type RuleDescriptor, type Severity } from './finding.js';
export * from './output/index.js';
export { formatPath, parsePath, pathToPointer, pointerToPath, type ValuePath } from './path.js';
export { positionAt, type TextPosition } from './position.js';
export { parseQuantity } from './quantity.js';
export { suggest } from './suggest.js';
export { composeYamlWithinNesting, DEFAULT_MAX_DEPTH, jsonNestingBreach, MAX_DEPTH_CEILING, type ComposeOptions, type NestingBreach, type YamlComposing, type YamlCstParser } from './nesting.js';
