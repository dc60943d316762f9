// Runs as a workspace package's `prepack`: npm and pnpm ship a package's LICENSE only from the
// package's own directory, and the license text lives once, at the repository root.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(root, 'LICENSE'), join(process.cwd(), 'LICENSE'));
