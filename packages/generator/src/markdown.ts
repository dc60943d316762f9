// Text from a spec written into the chart's README.md as text, never as Markdown or HTML: a
// description can hold `<script>` or a `[link](javascript:…)`, a default value a backtick that
// would close its code span.

/**
 * `text` as one paragraph of literal Markdown text: inline syntax (emphasis, code, links, HTML,
 * entities, table pipes) escaped everywhere, and a leading character that would open a block
 * (heading, list, quote) escaped at the start.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]<>|~&]/g, '\\$&')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** `text` as one code span: fenced with more backticks than it holds in a row (CommonMark). */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longestRun = (flat.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(longestRun + 1);
  // A span that starts or ends with a backtick needs a space inside the fence, which CommonMark strips.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
