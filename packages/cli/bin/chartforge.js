#!/usr/bin/env node
import { deferOptimization, enableLinearRegExps, main, unexpectedErrorLine } from '../dist/bundle/index.js';

// Whatever escapes a command (an error thrown from a callback or stream) is still one line and
// exit 2, never a stack trace.
const lastResort = (error) => {
  process.stderr.write(`chartforge: ${unexpectedErrorLine(error)}\n`);
  process.exit(2);
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

deferOptimization(process.argv.slice(2));
enableLinearRegExps();
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
