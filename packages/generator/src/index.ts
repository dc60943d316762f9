export { generateChart, GenerateError } from './generate.js';
export type { ChartFiles } from './generate.js';
export { checkOverwrite, GENERATED_MARKER, writeChart, WriteRefusedError } from './write.js';
export { renderValuesYaml } from './values-yaml.js';
export { helmDocsValueRows } from './helm-docs.js';
export type { HelmDocsValueRow } from './helm-docs.js';
export { kindGenerators } from './kinds/index.js';
export type { KindGenerator } from './kinds/kind.js';
export { specFileSchema, valuesFileSchema } from './editor-schemas.js';
