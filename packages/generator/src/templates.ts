// The chart's source files. A kind's folder (and common/, for what every kind shares) mirrors the
// chart: its templates/ and files/ are the plain Helm templates and scripts the chart carries,
// written with `<CHARTNAME>` where the chart's name goes, which generation replaces as `helm create`
// does. Only the files that are not Helm templates and hold generation-time text (Chart.yaml,
// README.md.gotmpl) end in .hbs and are rendered by handlebars. What the Helm templates need from
// generation time (the kind, preset tables) they read at render time from generated data defines
// (see chart-data.ts), never from text spliced into them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** The chart templates: the package's templates/ from dist/, and dist/templates/ from the CLI's dist/bundle/. */
export const TEMPLATE_ROOT = fileURLToPath(new URL('../templates/', import.meta.url));

/** Where a chart source file has the chart's name, as in the charts `helm create` writes. */
export const CHART_NAME_PLACEHOLDER = '<CHARTNAME>';

const handlebars = Handlebars.create();
// A generation-time value written into a YAML file that Helm does not render (Chart.yaml):
// JSON is valid YAML, and a JSON string cannot break out of its scalar.
handlebars.registerHelper('yaml', (value: unknown) => JSON.stringify(value));
// A map key as people write it: plain when YAML reads it back as that string, quoted otherwise.
handlebars.registerHelper('yamlKey', (value: string) => (/^[A-Za-z][\w./-]*$/.test(value) ? value : JSON.stringify(value)));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** What rendering a chart source needs: the chart's name, and for a .hbs file its handlebars context. */
export interface TemplateContext {
  chart: { name: string };
}

export interface ChartTemplate {
  /** Path in the chart, e.g. `templates/deployment.yaml`. */
  path: string;
  render(context: TemplateContext): string;
}

/** A plain source with the chart's name in place of the placeholder (a function, so `$&` in a name stays literal). */
export function withChartName(text: string, chartName: string): string {
  return text.replaceAll(CHART_NAME_PLACEHOLDER, () => chartName);
}

function chartTemplate(path: string, file: string): ChartTemplate {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.hbs')) return { path, render: (context) => withChartName(text, context.chart.name) };
  const compiled = handlebars.compile(text, { noEscape: true, strict: true });
  return { path, render: (context) => compiled(context) };
}

const cache = new Map<string, ChartTemplate[]>();

/** The sources of one kind's chart: its own files plus the common ones it does not override. */
export function chartTemplates(kind: string): ChartTemplate[] {
  const cached = cache.get(kind);
  if (cached) return cached;
  const byPath = new Map<string, string>();
  for (const folder of ['common', kind]) {
    const dir = join(TEMPLATE_ROOT, folder);
    for (const file of walk(dir)) byPath.set(relative(dir, file).split(sep).join('/').replace(/\.hbs$/, ''), file);
  }
  const templates = [...byPath.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, file]) => chartTemplate(path, file));
  cache.set(kind, templates);
  return templates;
}

/** A handlebars source outside the chart trees (e.g. a README section a kind renders itself), compiled once. */
export function handlebarsTemplate(path: string): HandlebarsTemplateDelegate {
  return handlebars.compile(readFileSync(join(TEMPLATE_ROOT, path), 'utf8'), { noEscape: true, strict: true });
}
