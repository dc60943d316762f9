// The Chart.yaml metadata of this project's own charts (charts/<kind>): the kind's defaults plus
// where the charts come from. A spec document for `chartforge generate <kind> -f -`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The project's home, from the package users install.
const { homepage, repository } = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
const repositoryUrl = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const rawFile = (path) => `${repositoryUrl.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/${path}`;
/** The spec `charts/<kind>` is generated from. */
export const projectChart = (kind) => ({
  chart: {
    home: homepage.replace(/#.*$/, ''),
    icon: rawFile('integrations/artifacthub/icon.svg'),
    sources: [`${repositoryUrl}/tree/main/charts/${kind}`, `${repositoryUrl}/tree/main/packages/generator/templates`],
    maintainers: [{ name: 'chartforge maintainers', url: repositoryUrl }],
  },
});

