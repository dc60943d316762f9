import { existsSync, readFileSync } from 'node:fs';

// This module runs from dist/version.js in the source tree and from a chunk in dist/bundle/ in the
// published package (scripts/bundle.mjs); the package's manifest is one or two levels up.
const packageJsonFile = [new URL('../package.json', import.meta.url), new URL('../../package.json', import.meta.url)].find((url) => existsSync(url));
if (!packageJsonFile) throw new Error(`chartforge: package.json not found above ${import.meta.url}`);
const packageJson = JSON.parse(readFileSync(packageJsonFile, 'utf8')) as { version: string };

/** The CLI's version, from its package.json. */
export const VERSION: string = packageJson.version;
