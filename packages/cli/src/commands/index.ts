import type { Command } from '../command.js';
import { fitCommand } from './fit.js';
import { generateCommand } from './generate.js';
import { indexCommand } from './index-repo.js';
import { lintCommand } from './lint.js';
import { packageCommand } from './package.js';
import { rulesCommand } from './rules.js';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';
import { valuesCheckCommand } from './values-check.js';
import { versionCheckCommand } from './version-check.js';

/** Every command of the CLI, in the order `chartforge --help` lists them. */
export const commands: readonly Command[] = [
  generateCommand,
  schemaCommand,
  validateCommand,
  rulesCommand,
  fitCommand,
  valuesCheckCommand,
  lintCommand,
  packageCommand,
  indexCommand,
  versionCheckCommand,
];
