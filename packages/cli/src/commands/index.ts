import type { Command } from '../command.js';
import { fitCommand } from './fit.js';
import { generateCommand } from './generate.js';
import { rulesCommand } from './rules.js';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';

/** Every command of the CLI, in the order `chartforge --help` lists them. */
export const commands: readonly Command[] = [generateCommand, schemaCommand, validateCommand, rulesCommand, fitCommand];
