// Everything; the subpaths (`/core`, `/output`, `/rules`, `/resource`, `/read`, `/workload`) load a part each.
export * from './core.js';
export { formatReport, OUTPUT_FORMATS, type FormatOptions, type OutputFormat } from './output/index.js';
export * from './rules/index.js';
export * from './resource/index.js';
