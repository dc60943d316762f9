// Handlebars renders the chart's files. The files it renders are themselves Helm templates, so
// every Helm action in a .hbs file is escaped as `\{{ … }}` and comes out literally; only
// handlebars expressions (`{{prefix}}`, `{{yaml chart.name}}`) are filled in at generation time.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** The chart templates: the package's templates/ from dist/, and dist/templates/ from the CLI's dist/bundle/. */
export const TEMPLATE_ROOT = fileURLToPath(new URL('../templates/', import.meta.url));

const handlebars = Handlebars.create();
// A generation-time value written into a YAML file that Helm does not render (Chart.yaml):
// JSON is valid YAML, and a JSON string cannot break out of its scalar.
handlebars.registerHelper('yaml', (value: unknown) => JSON.stringify(value));
// A map key as people write it: plain when YAML reads it back as that string, quoted otherwise.
handlebars.registerHelper('yamlKey', (value: string) => (/^[A-Za-z][\w./-]*$/.test(value) ? value : JSON.stringify(value)));
handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

export interface ChartTemplate {
  /** Path in the chart, e.g. `templates/deployment.yaml`. */
  path: string;
  render(context: object): string;
}

const cache = new Map<string, ChartTemplate[]>();

/** The templates of one kind: its own files plus the common ones it does not override. */
export function chartTemplates(kind: string): ChartTemplate[] {
  const cached = cache.get(kind);
  if (cached) return cached;
  const byPath = new Map<string, string>();
  for (const folder of ['common', kind]) {
    const dir = join(TEMPLATE_ROOT, folder);
    for (const file of walk(dir)) {
      if (!file.endsWith('.hbs')) continue;
      byPath.set(relative(dir, file).split(sep).join('/').replace(/\.hbs$/, ''), file);
    }
  }
  const templates = [...byPath.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, file]) => {
      const compiled = handlebars.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
      return { path, render: (context: object) => compiled(context) };
    });
  cache.set(kind, templates);
  return templates;
}
