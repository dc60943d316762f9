// The chart README in helm-docs' format (norwoodj/helm-docs v1.14.2, its default flags), so a
// helm-docs hook run on a generated chart leaves README.md as it is. The chart carries
// README.md.gotmpl — chartforge's own sections around helm-docs' template calls — and README.md,
// rendered here from the same draft exactly as helm-docs renders that template: its named
// templates (pkg/document/template.go), its values rows (pkg/document/values.go, comment parsing
// from pkg/helm), its sort order and its final Markdown clean-up. A test runs the real helm-docs
// on every generated chart and expects no change.
//
// Where helm-docs would write spec text raw into Markdown (a maintainer's name, an appVersion in
// a badge URL, a URL in an autolink), the call is used only when the text cannot change the
// Markdown; otherwise the README holds chartforge's escaped rendering as literal text instead.
import { isPlainObject, type SpecChartMetadata, type SchemaNode } from '@chartforge/kinds';
import { compareUtf8, goJson } from './go-json.js';
import { codeSpan, markdownText } from './markdown.js';
import { keyComment } from './values-yaml.js';

/** One row of helm-docs' values table. */
export interface HelmDocsValueRow {
  key: string;
  type: string;
  default: string;
  description: string;
}

// Go's RE2 `\s` is ASCII whitespace only; JavaScript's would take Unicode spaces too.
const S = '[\\t\\n\\f\\r ]';
const DESCRIPTION_LINE = new RegExp(`^${S}*#${S}*(.*)${S}+--${S}*(.*)$`);
const RAW_LINE = new RegExp(`^${S}*#${S}+@raw`);
const DEFAULT_LINE = new RegExp(`^${S}*# @default -- (.*)$`);
const NOTATION_LINE = new RegExp(`^${S}*#${S}+@notationType${S}+--${S}+(.*)$`);
const SECTION_LINE = new RegExp(`^${S}*# @section -- (.*)$`);
const CONTINUATION_LINE = new RegExp(`^${S}*#(${S}?)(.*)$`);
const VALUE_TYPE = new RegExp(`^\\((.*?)\\)${S}*(.*)$`);

interface ValueDescription {
  description: string;
  default: string;
  valueType: string;
}

const NO_DESCRIPTION: ValueDescription = { description: '', default: '', valueType: '' };

/** helm-docs' ParseComment: the last `# --` group of a key's head comment. */
function parseComment(lines: string[]): { key: string; description: ValueDescription } {
  const lastIndex = lines.reduce((last, line, index) => (line.startsWith('# --') ? index : last), 0);
  if (lastIndex > 0) return parseComment(lines.slice(lastIndex));
  const result: ValueDescription = { ...NO_DESCRIPTION };
  let key = '';
  let docStart = 0;
  for (const [index, line] of lines.entries()) {
    const match = DESCRIPTION_LINE.exec(line);
    if (!match) continue;
    key = match[1]!;
    result.description = match[2]!;
    docStart = index;
    break;
  }
  const typed = VALUE_TYPE.exec(result.description);
  if (typed && typed[1]) {
    result.valueType = typed[1];
    result.description = typed[2]!;
  }
  let raw = false;
  for (const line of lines.slice(docStart + 1)) {
    if (!raw && RAW_LINE.test(line)) {
      raw = true;
      continue;
    }
    const defaultMatch = DEFAULT_LINE.exec(line);
    if (defaultMatch) {
      result.default = defaultMatch[1]!;
      continue;
    }
    if (NOTATION_LINE.test(line)) throw new Error(`helm-docs @notationType is not rendered by chartforge: ${line}`);
    if (SECTION_LINE.test(line)) throw new Error(`helm-docs @section is not rendered by chartforge: ${line}`);
    const continuation = CONTINUATION_LINE.exec(line);
    if (continuation) result.description += (raw ? '\n' : ' ') + continuation[2]!;
  }
  return { key, description: result };
}

/** helm-docs' getDescriptionFromNode, for the comment lines values.yaml writes above a key. */
function describedBy(comment: string[]): ValueDescription {
  const lines = comment.map((line) => `#${line}`);
  if (!lines.join('\n').includes('# --')) return NO_DESCRIPTION;
  const { key, description } = parseComment(lines);
  return key === '' ? description : NO_DESCRIPTION;
}

function typeName(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  // values.yaml writes an integer without a fraction or exponent, which YAML reads back as !!int.
  if (typeof value === 'number') return Number.isInteger(value) && !/e/i.test(String(value)) ? 'int' : 'float';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'list';
  return 'object';
}

function row(key: string, value: unknown, described: ValueDescription): HelmDocsValueRow {
  if (value === null || value === undefined) {
    return { key, type: described.valueType || 'string', default: described.default || '`nil`', description: described.description };
  }
  return { key, type: described.valueType || typeName(value), default: described.default || `\`${goJson(value)}\``, description: described.description };
}

/** helm-docs' formatNextObjectKeyPrefix. */
function objectKey(prefix: string, key: string): string {
  const escaped = key.includes('.') || key.includes(' ') ? `"${key}"` : key;
  return prefix === '' ? escaped : `${prefix}.${escaped}`;
}

/**
 * helm-docs' createValueRowsFromField over the values as values.yaml writes them: `node` is the
 * key's schema when values.yaml comments the key (a property of a block), undefined otherwise.
 */
function valueRows(prefix: string, node: SchemaNode<unknown> | undefined, value: unknown, documentLeaves: boolean): HelmDocsValueRow[] {
  const described = node ? describedBy(keyComment(node, value)) : NO_DESCRIPTION;
  const documented = described.description !== '';
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return prefix !== '' && (documentLeaves || documented) ? [row(prefix, {}, described)] : [];
    const rows = documented ? [row(prefix, value, described)] : [];
    // A described block hides the undescribed keys below it.
    const leaves = documentLeaves && !documented;
    for (const [key, item] of entries) rows.push(...valueRows(objectKey(prefix, key), node?.properties?.[key], item, leaves));
    return rows;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return documentLeaves || documented ? [row(prefix, [], described)] : [];
    const rows = documented ? [row(prefix, value, described)] : [];
    const leaves = documentLeaves && !documented;
    for (const [index, item] of value.entries()) rows.push(...valueRows(`${prefix}[${index}]`, undefined, item, leaves));
    return rows;
  }
  return documentLeaves || documented ? [row(prefix, value, described)] : [];
}

/** The rows of helm-docs' values table for a values.yaml written by renderValuesYaml, in its order (by key). */
export function helmDocsValueRows(node: SchemaNode<unknown>, values: Record<string, unknown>): HelmDocsValueRow[] {
  const rows: HelmDocsValueRow[] = [];
  // The root map has no comment of its own: its keys' schemas are the kind's properties.
  for (const [key, item] of Object.entries(values)) rows.push(...valueRows(objectKey('', key), node.properties?.[key], item, true));
  return rows.sort((a, b) => compareUtf8(a.key, b.key));
}

// Rendering of helm-docs' named templates with the default badge style.
const BADGE_STYLE = 'flat-square';

function badge(label: string, value: string): string {
  return `![${label}: ${value}](https://img.shields.io/badge/${label}-${value.replace(/-/g, '--')}-informational?style=${BADGE_STYLE}) `;
}

function valuesSection(rows: HelmDocsValueRow[]): string {
  if (rows.length === 0) return '';
  const lines = rows.map((r) => `\n| ${r.key} | ${r.type} | ${r.default} | ${r.description} |`);
  return `## Values\n\n| Key | Type | Default | Description |\n|-----|------|---------|-------------|${lines.join('')}`;
}

// Text helm-docs may write raw: no Markdown or HTML syntax, no line break, nothing an autolink
// (`<…>`) or a code span would end at.
const PLAIN_VERSION = /^[0-9A-Za-z.+-]+$/;
const AUTOLINK_URL = /^https?:\/\/[^\s<>`|\\]+$/;
const PLAIN_NAME = /^[\p{L}\p{N} .,'()@-]+$/u;
const AUTOLINK_EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_{}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A template call as the draft README marks it, until it becomes the call or its output. */
function call(name: string): string {
  return `\u0000${name}\u0000`;
}
const CALL = /\u0000([\w.]+)\u0000/g;

export interface HelmDocsSections {
  /** What the draft README template inserts for each section: a call or literal Markdown ("" for none). */
  readonly draft: Record<'header' | 'badges' | 'description' | 'homepage' | 'requirements' | 'values' | 'maintainers' | 'sources', string>;
  /** What each call renders to. */
  readonly rendered: ReadonlyMap<string, string>;
}

/** The README's helm-docs sections for a chart: a template call where helm-docs writes the same Markdown chartforge would. */
export function helmDocsSections(chart: SpecChartMetadata, node: SchemaNode<unknown>, values: Record<string, unknown>): HelmDocsSections {
  const rendered = new Map<string, string>();
  const use = (name: string, markdown: string): string => {
    rendered.set(name, markdown);
    return call(name);
  };
  const maintainersPlain = chart.maintainers.every((m) => PLAIN_NAME.test(m.name) && (!m.email || AUTOLINK_EMAIL.test(m.email)) && (!m.url || AUTOLINK_URL.test(m.url)));
  const maintainerRows = chart.maintainers.map((m) =>
    maintainersPlain
      ? `\n| ${m.name} | ${m.email ? `<${m.email}>` : ''} | ${m.url ? `<${m.url}>` : ''} |`
      : `\n| ${markdownText(m.name)} | ${markdownText(m.email ?? '')} | ${markdownText(m.url ?? '')} |`,
  );
  const maintainers = chart.maintainers.length === 0 ? '' : `## Maintainers\n\n| Name | Email | Url |\n| ---- | ------ | --- |${maintainerRows.join('')}`;
  const sourcesPlain = chart.sources.every((url) => AUTOLINK_URL.test(url));
  const sources = chart.sources.length === 0 ? '' : `## Source Code\n${chart.sources.map((url) => `\n* ${sourcesPlain ? `<${url}>` : markdownText(url)}`).join('')}`;
  const kubeVersionPlain = !/[`\n\r]/.test(chart.kubeVersion) && chart.kubeVersion.trim() === chart.kubeVersion;
  return {
    draft: {
      header: use('chart.header', `# ${chart.name}\n`),
      // An appVersion that is not a plain version would break the badge's image URL.
      badges: PLAIN_VERSION.test(chart.appVersion) ? use('chart.badgesSection', `${badge('Version', chart.version)}${badge('Type', 'application')}${badge('AppVersion', chart.appVersion)}`) : '',
      // helm-docs writes the description raw; the README shows it as text.
      description: markdownText(chart.description),
      homepage: chart.home === '' ? '' : AUTOLINK_URL.test(chart.home) ? use('chart.homepageLine', `**Homepage:** <${chart.home}>`) : `**Homepage:** ${markdownText(chart.home)}`,
      requirements: kubeVersionPlain ? use('chart.requirementsSection', `## Requirements\n\nKubernetes: \`${chart.kubeVersion}\`\n\n`) : `## Requirements\n\nKubernetes: ${codeSpan(chart.kubeVersion)}\n\n`,
      values: use('chart.valuesSection', valuesSection(helmDocsValueRows(node, values))),
      maintainers: maintainers === '' ? '' : maintainersPlain ? use('chart.maintainersSection', maintainers) : maintainers,
      sources: sources === '' ? '' : sourcesPlain ? use('chart.sourcesSection', sources) : sources,
    },
    rendered,
  };
}

/** helm-docs' applyMarkDownFormat, the last step of its rendering. */
function markdownFormat(text: string): string {
  return text.replace(/ \n/g, '\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * README.md.gotmpl and README.md from the draft README: the template holds the calls and, as
 * Go template text, everything else (a `{{` in it written as an action that prints `{{`); the
 * README is what helm-docs renders from that template.
 */
export function helmDocsReadme(draft: string, sections: HelmDocsSections): { template: string; readme: string } {
  const rendered = (name: string): string => {
    const markdown = sections.rendered.get(name);
    if (markdown === undefined) throw new Error(`no rendering of the helm-docs template ${name}`);
    return markdown;
  };
  return {
    template: draft.replace(/\{\{/g, '{{ "{{" }}').replace(CALL, (_, name: string) => `{{ template "${name}" . }}`),
    readme: markdownFormat(draft.replace(CALL, (_, name: string) => rendered(name))),
  };
}
