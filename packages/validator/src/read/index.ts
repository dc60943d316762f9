// The hardened reader: the one way a command reads a file or a YAML/JSON text, under limits.
export { InputFileError } from './error.js';
export { ensureDirectory, OutputDirectoryError } from './directory.js';
export { describeIoError, readInputFile, readInputStream, readInputText } from './file.js';
export { compileLinearPattern, linearRegExpEngine, type LinearPattern } from './pattern.js';
export { overLimit, READ_LIMITS, readLimits, type ReadLimits } from './limits.js';
export { checkYamlDocument, parseYamlWithinLimits, type CheckedYaml, type YamlReadOptions } from './yaml.js';
