import type { KindName } from '@chartforge/kinds';
import type { KindGenerator } from './kind.js';
import { migrationGenerator } from './migration.js';
import { servingGenerator } from './serving.js';
import { trainingGenerator } from './training.js';

export const kindGenerators: { readonly [K in KindName]?: KindGenerator<any> } = {
  serving: servingGenerator,
  training: trainingGenerator,
  migration: migrationGenerator,
};
