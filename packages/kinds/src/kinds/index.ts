import type { ChartKind, KindName } from '../kind.js';
import { migration } from './migration.js';
import { serving } from './serving.js';
import { training } from './training.js';

/** Every chart kind chartforge generates, by name. */
export const kinds: { readonly [K in KindName]?: ChartKind<any> } = { serving, training, migration };

export { imageReference } from './common.js';
export { serving } from './serving.js';
export { migration, migrationStepNode, stepPhases, stepVolumes } from './migration.js';
export type { MigrationStep, MigrationValues } from './migration.js';
export * from './migration-presets.js';
export type { ServingValues } from './serving.js';
export { RUNTIME_PRESETS, RUNTIME_PRESET_NAMES } from './serving-presets.js';
export type { RuntimePreset, RuntimePresetName, RuntimeWrite } from './serving-presets.js';
export { training, RESERVED_CONTAINER_NAMES } from './training.js';
export type { TrainingValues } from './training.js';
